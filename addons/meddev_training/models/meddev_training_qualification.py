from odoo import api, fields, models
from odoo.addons.meddev_quality.models.meddev_signature import SIGNING_TOKEN
from odoo.exceptions import UserError

from ..tools import matrix


class MeddevTrainingQualification(models.Model):
    """An employee's qualification on a training, signed by the trainer (e-signature)."""

    _name = "meddev.training.qualification"
    _inherit = ["meddev.signable.mixin", "mail.thread"]
    _description = "Qualification"
    _order = "date_issued desc, id desc"
    _check_company_auto = True

    employee_id = fields.Many2one("hr.employee", required=True, index=True, check_company=True)
    company_id = fields.Many2one(related="employee_id.company_id", store=True)
    course_id = fields.Many2one("meddev.training.course", string="Training", required=True, index=True,
                                check_company=True)
    training_type = fields.Selection(related="course_id.training_type")
    revision_id = fields.Many2one(
        "meddev.document.revision", string="Document Revision",
        compute="_compute_revision_id", store=True, readonly=False, precompute=True,
        help="For a controlled-document training: the revision read and understood.")
    date_issued = fields.Date(string="Issued On", required=True, default=fields.Date.context_today)
    date_expiry = fields.Date(string="Expires On", compute="_compute_date_expiry", store=True, readonly=False,
                              precompute=True)
    trainer_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    score = fields.Float(string="Score (%)")
    assessment = fields.Selection([("written", "Written Exam"), ("practical", "Practical Evaluation"),
                                   ("attendance", "Attendance"), ("read", "Read and Understood")],
                                  default="attendance", required=True)
    note = fields.Text()
    state = fields.Selection([("valid", "Valid"), ("revoked", "Revoked")], default="valid", required=True,
                             readonly=True, tracking=True)

    @api.depends("course_id")
    def _compute_revision_id(self):
        for qualification in self:
            if not qualification.revision_id:
                qualification.revision_id = qualification.course_id.current_revision_id

    @api.depends("course_id.validity_months", "date_issued")
    def _compute_date_expiry(self):
        for qualification in self:
            months = qualification.course_id.validity_months
            qualification.date_expiry = (matrix.add_months(qualification.date_issued, months)
                                         if months and qualification.date_issued else False)

    @api.depends("employee_id", "course_id")
    def _compute_display_name(self):
        for qualification in self:
            qualification.display_name = "%s - %s" % (qualification.employee_id.name or "",
                                                       qualification.course_id.display_name or "")

    @api.model_create_multi
    def create(self, vals_list):
        # Issued without a date (sessions, XML-RPC): on the employee's calendar day,
        # the one gating them asks about.
        for vals in vals_list:
            if not vals.get("date_issued") and vals.get("employee_id"):
                vals["date_issued"] = self.env["hr.employee"].browse(vals["employee_id"])._meddev_today()
        return super().create(vals_list)

    def _as_tuple(self):
        self.ensure_one()
        return matrix.Qualification(self.date_issued, self.date_expiry or None, self.revision_id.id or None)

    def _meddev_policy_lines(self):
        if self.training_type == "document":
            # Read and understood: the employee's own signature comes first.
            policy = self.env.ref("meddev_training.policy_qualification_read", raise_if_not_found=False)
            if policy:
                return policy.sudo().line_ids.sorted(lambda line: (line.sequence, line.id))
        return super()._meddev_policy_lines()

    def _meddev_authors(self):
        # The trainer records and signs the result; the employee is its subject, not its author.
        return self.sudo().signature_ids.filtered(lambda s: s.meaning_id.code == "authored").user_id

    def action_meddev_sign(self):
        for qualification in self:
            qualification._check_passed()
        return super().action_meddev_sign()

    def _meddev_check_can_sign(self, meaning):
        result = super()._meddev_check_can_sign(meaning)
        if meaning.code == "authored" and self.env.user != self.employee_id.user_id:
            raise UserError(self.env._(
                "Only %(employee)s can sign that they read and understood %(course)s.",
                employee=self.employee_id.name, course=self.course_id.display_name))
        self._check_passed()
        return result

    def _check_passed(self):
        self.ensure_one()
        if self.assessment in ("written", "practical") and self.score < self.course_id.pass_mark:
            raise UserError(self.env._(
                "%(employee)s scored %(score)s%% on %(course)s, below the pass mark of %(mark)s%%: "
                "no qualification is issued; plan a retake.",
                employee=self.employee_id.name, score=self.score, course=self.course_id.display_name,
                mark=self.course_id.pass_mark))

    def _meddev_apply_signature(self, meaning, comment):
        if meaning.code == "authored":
            # The employee acknowledging a document may not edit qualifications, yet
            # their signature records the qualification's signing state (same user).
            return super(MeddevTrainingQualification, self.sudo())._meddev_apply_signature(meaning, comment)
        return super()._meddev_apply_signature(meaning, comment)

    def _meddev_on_signed(self, signature):
        if self.meddev_sign_state == "signed":
            self._grant_skill()

    def _grant_skill(self):
        """Record the qualification in the employee's skills (hr_skills), when the training grants one."""
        course = self.course_id
        if not (course.skill_id and course.skill_level_id):
            return
        # The trainer need not be an HR officer to update the resume skill the training grants.
        Skill = self.env["hr.employee.skill"].sudo()
        existing = Skill.search([("employee_id", "=", self.employee_id.id), ("skill_id", "=", course.skill_id.id)])
        if existing:
            existing.skill_level_id = course.skill_level_id
        else:
            Skill.create({"employee_id": self.employee_id.id, "skill_id": course.skill_id.id,
                          "skill_level_id": course.skill_level_id.id, "skill_type_id": course.skill_type_id.id})

    def action_revoke(self):
        if not self.env.user.has_group("meddev_quality.group_meddev_training_coordinator"):
            raise UserError(self.env._("Only a Training Coordinator can revoke a qualification."))
        # Revoking is the one change a signed qualification still takes; it is audited.
        return self.with_context(meddev_signing=SIGNING_TOKEN).write({"state": "revoked"})

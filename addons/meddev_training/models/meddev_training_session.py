from odoo import api, fields, models
from odoo.exceptions import UserError


class MeddevTrainingSession(models.Model):
    """A training session: planned, held, attendance and assessment, then qualifications to sign."""

    _name = "meddev.training.session"
    _inherit = ["meddev.audited.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Training Session"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, default="/", copy=False)
    course_id = fields.Many2one("meddev.training.course", string="Training", required=True, check_company=True,
                                index=True, tracking=True)
    training_type = fields.Selection(related="course_id.training_type")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    trainer_id = fields.Many2one("res.users", default=lambda self: self.env.user, required=True, tracking=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    location = fields.Char()
    state = fields.Selection([("planned", "Planned"), ("held", "Held"), ("cancel", "Cancelled")],
                             default="planned", required=True, readonly=True, tracking=True)
    attendance_ids = fields.One2many("meddev.training.attendance", "session_id", string="Attendees", copy=True)
    material_ids = fields.Many2many("ir.attachment", string="Materials")
    qualification_count = fields.Integer(compute="_compute_qualification_count")

    @api.depends("attendance_ids.qualification_id")
    def _compute_qualification_count(self):
        for session in self:
            session.qualification_count = len(session.attendance_ids.qualification_id)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                course = self.env["meddev.training.course"].browse(vals.get("course_id"))
                vals["name"] = "%s %s" % (course.display_name or "", fields.Date.to_string(
                    fields.Datetime.to_datetime(vals.get("date")) or fields.Datetime.now())[:10])
        return super().create(vals_list)

    def action_hold(self):
        for session in self:
            if session.state != "planned":
                raise UserError(self.env._("%(session)s is not planned.", session=session.name))
            if not session.attendance_ids.filtered("attended"):
                raise UserError(self.env._("%(session)s: mark who attended first.", session=session.name))
        return self.write({"state": "held"})

    def action_cancel(self):
        if self.attendance_ids.qualification_id:
            raise UserError(self.env._("Qualifications were issued from this session: it cannot be cancelled."))
        return self.write({"state": "cancel"})

    def action_fetch_survey_scores(self):
        """Take each attendee's latest completed certification attempt as their written score."""
        for session in self:
            survey = session.course_id.survey_id
            if not survey:
                raise UserError(self.env._("%(course)s has no certification survey.",
                                           course=session.course_id.display_name))
            for line in session.attendance_ids:
                partner = line.employee_id.user_id.partner_id or line.employee_id.work_contact_id
                # Survey answers belong to the survey app; the trainer reads the scores they need.
                attempt = self.env["survey.user_input"].sudo().search([
                    ("survey_id", "=", survey.id), ("partner_id", "=", partner.id), ("state", "=", "done")],
                    order="create_date desc, id desc", limit=1) if partner else False
                if attempt:
                    line.write({"score": attempt.scoring_percentage, "attended": True})
        return True

    def action_issue_qualifications(self):
        """Qualifications for the attendees who passed, ready for the trainer's signature."""
        Qualification = self.env["meddev.training.qualification"]
        created = Qualification
        for session in self:
            if session.state != "held":
                raise UserError(self.env._("%(session)s must be held before qualifications are issued.",
                                           session=session.name))
            for line in session.attendance_ids.filtered(lambda a: a.result == "passed" and not a.qualification_id):
                qualification = Qualification.create({
                    "employee_id": line.employee_id.id,
                    "course_id": session.course_id.id,
                    "date_issued": fields.Datetime.context_timestamp(session, session.date).date(),
                    "trainer_id": session.trainer_id.id,
                    "assessment": line._assessment(),
                    "score": line.score,
                    "note": self.env._("Session %(session)s, attempt %(attempt)s",
                                       session=session.name, attempt=line.attempt),
                })
                line.qualification_id = qualification
                created |= qualification
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Qualifications to Sign"),
            "res_model": "meddev.training.qualification",
            "view_mode": "list,form",
            "domain": [("id", "in", created.ids)],
        }

    def action_view_qualifications(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Qualifications"),
            "res_model": "meddev.training.qualification",
            "view_mode": "list,form",
            "domain": [("id", "in", self.attendance_ids.qualification_id.ids)],
        }

from odoo import api, fields, models
from odoo.exceptions import ValidationError

TRAINING_TYPES = [
    ("document", "Controlled Document (Read and Understood)"),
    ("classroom", "Classroom Course"),
    ("practical", "Practical Training"),
    ("certification", "Certification Survey"),
]


class MeddevTrainingCourse(models.Model):
    """A training employees must hold: a controlled document, a course or a certification."""

    _name = "meddev.training.course"
    _inherit = ["meddev.audited.mixin", "mail.thread"]
    _description = "Training"
    _order = "code, name, id"
    _check_company_auto = True
    # Revisions becoming effective make document trainings due again.
    _meddev_revision_effective_subscriber = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char()
    training_type = fields.Selection(TRAINING_TYPES, string="Type", required=True, default="classroom")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    active = fields.Boolean(default=True)
    document_id = fields.Many2one("meddev.document", string="Controlled Document", check_company=True)
    current_revision_id = fields.Many2one(related="document_id.current_revision_id", string="Required Revision")
    survey_id = fields.Many2one("survey.survey", string="Certification", domain=[("certification", "=", True)])
    validity_months = fields.Integer(string="Valid For (Months)", help="0: the qualification does not expire.")
    grace_days = fields.Integer(string="Grace Period (Days)",
                                help="Days after expiry during which the employee may still work, retraining due.")
    retraining_days = fields.Integer(string="Retraining Deadline (Days)", default=30,
                                     help="Days after a new revision of the document becomes effective by which "
                                          "everyone who needs it must be retrained.")
    pass_mark = fields.Float(string="Pass Mark (%)", default=80.0)
    skill_id = fields.Many2one("hr.skill", string="Skill Granted",
                               help="Employees qualified get this skill at this level in their resume.")
    skill_level_id = fields.Many2one("hr.skill.level",
                                     domain="[('skill_type_id', '=', skill_type_id)]")
    skill_type_id = fields.Many2one(related="skill_id.skill_type_id")
    requirement_ids = fields.One2many("meddev.training.requirement", "course_id", string="Required For")
    qualification_ids = fields.One2many("meddev.training.qualification", "course_id", string="Qualifications")

    _sql_constraints = [
        ("validity_positive", "CHECK(validity_months >= 0 AND grace_days >= 0 AND retraining_days >= 0)",
         "Validity, grace period and retraining deadline cannot be negative."),
    ]

    @api.constrains("training_type", "document_id", "survey_id")
    def _check_type_target(self):
        for course in self:
            if course.training_type == "document" and not course.document_id:
                raise ValidationError(self.env._("Training “%(course)s” is on a controlled document: choose it.",
                                                 course=course.name))
            if course.training_type == "certification" and not course.survey_id:
                raise ValidationError(self.env._(
                    "Training “%(course)s” is a certification: choose its certification survey.", course=course.name))

    @api.depends("code", "name")
    def _compute_display_name(self):
        for course in self:
            course.display_name = "[%s] %s" % (course.code, course.name) if course.code else course.name

    @api.model
    def _meddev_on_revision_effective(self, revisions):
        """A new revision is effective: everyone who needs it is due for retraining."""
        courses = self.sudo().search([("document_id", "in", revisions.document_id.ids)])
        for course in courses:
            revision = revisions.filtered(lambda r, c=course: r.document_id == c.document_id)[:1]
            deadline = fields.Date.add(revision.date_effective or fields.Date.context_today(self),
                                       days=course.retraining_days)
            employees = course.requirement_ids._employees()
            course.message_post(body=self.env._(
                "Revision %(revision)s is effective: %(count)s employees are due for retraining by %(deadline)s.",
                revision=revision.display_name, count=len(employees), deadline=deadline))
            for employee in employees.filtered("user_id"):
                employee.activity_schedule(
                    "mail.mail_activity_data_todo", date_deadline=deadline, user_id=employee.user_id.id,
                    summary=self.env._("Retraining: %(course)s (%(revision)s)", course=course.display_name,
                                       revision=revision.display_name))

from odoo import api, fields, models


class MeddevTrainingAttendance(models.Model):
    _name = "meddev.training.attendance"
    _inherit = ["meddev.audited.mixin"]
    _description = "Training Attendance"
    _order = "session_id, id"

    session_id = fields.Many2one("meddev.training.session", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True)
    course_id = fields.Many2one(related="session_id.course_id", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    attended = fields.Boolean()
    score = fields.Float(string="Score (%)")
    result = fields.Selection([("pending", "Pending"), ("passed", "Passed"), ("failed", "Failed"),
                               ("absent", "Absent")], compute="_compute_result", store=True)
    attempt = fields.Integer(compute="_compute_attempt", store=True,
                             help="1 for a first attempt, 2 for the first retake, ...")
    qualification_id = fields.Many2one("meddev.training.qualification", readonly=True, copy=False)

    _sql_constraints = [
        ("employee_session_uniq", "unique(session_id, employee_id)", "An employee attends a session once."),
    ]

    def _assessment(self):
        self.ensure_one()
        return {"certification": "written", "practical": "practical", "document": "read"}.get(
            self.session_id.training_type, "attendance")

    def _graded(self):
        self.ensure_one()
        return self._assessment() in ("written", "practical")

    @api.depends("attended", "score", "session_id.state", "course_id.pass_mark")
    def _compute_result(self):
        for line in self:
            if line.session_id.state != "held":
                line.result = "pending"
            elif not line.attended:
                line.result = "absent"
            elif line._graded() and line.score < line.course_id.pass_mark:
                line.result = "failed"
            else:
                line.result = "passed"

    @api.depends("employee_id", "course_id", "session_id.date")
    def _compute_attempt(self):
        for line in self:
            if not (line.employee_id and line.course_id and line.session_id.date):
                line.attempt = 1
                continue
            line.attempt = 1 + self.search_count([
                ("employee_id", "=", line.employee_id.id), ("course_id", "=", line.course_id.id),
                ("session_id.date", "<", line.session_id.date), ("id", "!=", line._origin.id or 0)])

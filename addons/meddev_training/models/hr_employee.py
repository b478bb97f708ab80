from odoo import api, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    meddev_job_since = fields.Date(
        string="In Position Since", default=fields.Date.context_today, groups="hr.group_hr_user",
        help="When the employee took their current job: onboarding deadlines count from this date.")
    meddev_qualification_ids = fields.One2many(
        "meddev.training.qualification", "employee_id", string="Qualifications")

    @api.model
    def meddev_may_perform(self, employee_id, course_ids=None, document_id=None, revision_id=None, at=None):
        """May the employee do work needing these trainings (or this work instruction) at ``at``?

        :return: {"allowed": bool, "reasons": [why not, one per missing training]}
        """
        employee = self.browse(employee_id).exists()
        return self.env["meddev.training.requirement"]._check_employee(
            employee, course_ids=course_ids, document_id=document_id, revision_id=revision_id,
            at=fields.Date.to_date(at) if at else None)

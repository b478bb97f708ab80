from odoo import api, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    meddev_job_since = fields.Date(
        string="In Position Since", default=fields.Date.context_today, groups="hr.group_hr_user",
        help="When the employee took their current job: onboarding deadlines count from this date.")
    meddev_qualification_ids = fields.One2many(
        "meddev.training.qualification", "employee_id", string="Qualifications")

    def _meddev_today(self):
        """Today where the employee works: gating and qualification dates are the plant's calendar
        days, not those of whoever asks (a trainer in another time zone signs "tomorrow")."""
        self.ensure_one()
        # Whoever asks (a shop-floor station, a trainer) needs the employee's time
        # zone, an HR field they may not read.
        return fields.Date.context_today(self.with_context(tz=self.sudo()._get_tz()))

    @api.model
    def meddev_may_perform(self, employee_id, course_ids=None, document_id=None, revision_id=None, at=None):
        """May the employee do work needing these trainings (or this work instruction) at ``at``?

        :return: {"allowed": bool, "reasons": [why not, one per missing training]}
        """
        employee = self.browse(employee_id).exists()
        return self.env["meddev.training.requirement"]._check_employee(
            employee, course_ids=course_ids, document_id=document_id, revision_id=revision_id,
            at=fields.Date.to_date(at) if at else None)

    def meddev_onboarding_plan(self, at=None):
        """The trainings this employee's job requires, with their state and deadline.

        :return: [{"course": name, "state": ..., "due_date": "YYYY-MM-DD" or False, "reason": text}]
        """
        self.ensure_one()
        Requirement = self.env["meddev.training.requirement"]
        # An employee's plan follows from the requirements of their job, whoever reads it.
        requirements = Requirement.sudo().search([("active", "=", True)]).filtered(
            lambda r: r._applies_to(self.sudo()))
        courses = requirements.course_id
        cells = Requirement._evaluate(self, courses, fields.Date.to_date(at) if at else None)
        plan = []
        for course in courses.sorted(lambda c: cells[self.id, c.id].due_date or fields.Date.today()):
            cell = cells[self.id, course.id]
            plan.append({"course": course.display_name, "state": cell.state,
                         "due_date": fields.Date.to_string(cell.due_date) if cell.due_date else False,
                         "reason": Requirement._reason_text(cell, course)})
        return plan

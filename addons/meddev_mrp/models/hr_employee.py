from odoo import api, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    @api.model
    def meddev_may_perform(self, employee_id, course_ids=None, document_id=None, revision_id=None, at=None,
                           operation_id=None):
        """As meddev_training's, and ``operation_id`` adds the trainings a routing operation needs."""
        if operation_id:
            operation = self.env["mrp.routing.workcenter"].sudo().browse(operation_id).exists()
            courses = self.env["meddev.training.requirement"]._operation_courses(operation)
            course_ids = list(set(course_ids or []) | set(courses.ids))
        return super().meddev_may_perform(employee_id, course_ids=course_ids, document_id=document_id,
                                          revision_id=revision_id, at=at)

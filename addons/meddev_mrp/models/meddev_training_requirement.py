from odoo import api, fields, models


class MeddevTrainingRequirement(models.Model):
    _inherit = "meddev.training.requirement"

    workcenter_id = fields.Many2one("mrp.workcenter", string="Work Center", check_company=True,
                                    help="Work at this work center needs the training.")
    operation_id = fields.Many2one("mrp.routing.workcenter", string="Routing Operation", check_company=True,
                                   help="This operation needs the training.")

    @api.model
    def _operation_courses(self, operation):
        """Trainings the work of ``operation`` needs: its own requirements and its work center's."""
        # Which trainings an operation needs is shop-floor configuration anyone may apply.
        return self.sudo().search([
            "|", ("operation_id", "=", operation.id), ("workcenter_id", "=", operation.workcenter_id.id),
        ]).course_id

from odoo import fields, models

MRP_TRIGGERS = [
    ("operation", "At a Manufacturing Operation"),
    ("release", "Before Finished-Goods Release"),
]


class MeddevInspectionPlan(models.Model):
    _inherit = "meddev.inspection.plan"

    trigger = fields.Selection(selection_add=MRP_TRIGGERS,
                               ondelete={"operation": "cascade", "release": "cascade"})
    operation_ids = fields.Many2many(
        "mrp.routing.workcenter", string="Routing Operations",
        help="At a manufacturing operation: the operations inspected. Leave empty for every operation.")

    def _applies_to_operation(self, workorder):
        self.ensure_one()
        return (self.trigger == "operation"
                and (not self.operation_ids or workorder.operation_id in self.operation_ids)
                and self._applies_to(workorder.product_id, workorder.production_id.picking_type_id))

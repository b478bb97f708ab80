from odoo import fields, models

from .meddev_inspection_plan import MRP_TRIGGERS


class MeddevInspection(models.Model):
    _inherit = "meddev.inspection"

    trigger = fields.Selection(selection_add=MRP_TRIGGERS,
                               ondelete={"operation": "cascade", "release": "cascade"})
    production_id = fields.Many2one("mrp.production", string="Manufacturing Order", readonly=True,
                                    index="btree_not_null", check_company=True)
    workorder_id = fields.Many2one("mrp.workorder", string="Work Order", readonly=True, index="btree_not_null")

    def _nonconformance_source(self):
        return {"release": "final", "operation": "in_process"}.get(self.trigger) or super()._nonconformance_source()

    def _meddev_gated_document_name(self):
        if self.workorder_id:
            return "%s - %s" % (self.production_id.name, self.workorder_id.name)
        return self.production_id.name or super()._meddev_gated_document_name()

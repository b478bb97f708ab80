from odoo import fields, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _inherit = "stock.picking"

    meddev_inspection_ids = fields.One2many("meddev.inspection", "picking_id", string="Inspections")
    meddev_inspection_count = fields.Integer(compute="_compute_meddev_inspection_count")

    def _compute_meddev_inspection_count(self):
        # Warehouse users see how many inspections a transfer has, even
        # without the right to open them.
        counts = dict(self.env["meddev.inspection"].sudo()._read_group(
            [("picking_id", "in", self.ids)], ["picking_id"], ["__count"]))
        for picking in self:
            picking.meddev_inspection_count = counts.get(picking, 0)

    def button_validate(self):
        self._meddev_check_inspections()
        return super().button_validate()

    def _meddev_check_inspections(self):
        # Whoever validates must be stopped, whether or not they may read quality records.
        blocking = self.sudo().meddev_inspection_ids._blocking()
        if not blocking:
            return
        raise UserError(blocking[0]._meddev_blocking_message())

    def action_meddev_view_inspections(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("meddev_quality.meddev_inspection_action")
        action["domain"] = [("picking_id", "=", self.id)]
        action["context"] = {}
        return action

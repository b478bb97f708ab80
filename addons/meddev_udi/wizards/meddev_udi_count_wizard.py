from markupsafe import Markup

from odoo import api, fields, models


class MeddevUdiCountWizard(models.TransientModel):
    """Counting stock by scanning UDIs at one location (Physical Inventory counts)."""

    _name = "meddev.udi.count.wizard"
    _description = "UDI Inventory Count"

    location_id = fields.Many2one(
        "stock.location", required=True, domain=[("usage", "=", "internal")],
        default=lambda self: self._default_location())
    meddev_udi_scan = fields.Char(string="Scan UDI", store=False)
    scan_count = fields.Integer(string="Scans", readonly=True)
    log = fields.Html(string="Counted", readonly=True, sanitize=True)

    @api.model
    def _default_location(self):
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", self.env.company.id)], limit=1)
        return warehouse.lot_stock_id

    def meddev_scan_udi(self, barcode):
        self.ensure_one()
        result = self.env["stock.quant"].meddev_scan_udi_count(barcode, self.location_id.id)
        line = Markup("<li>%s <span class='text-muted'>(%s)</span></li>") % (
            result["message"], self.env._("counted %(qty)s", qty=result["counted"]))
        self.write({"scan_count": self.scan_count + 1, "log": line + (self.log or Markup(""))})
        return result

    def action_open_counts(self):
        """The Physical Inventory, filtered on this location, to review and apply the counts."""
        self.ensure_one()
        action = self.env["stock.quant"].with_context(search_default_my_count=0).action_view_inventory()
        action["domain"] = [("location_id", "child_of", self.location_id.id)]
        return action

from odoo import fields, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # Not stored: the input of the UDI scanner widget on the transfer form.
    meddev_udi_scan = fields.Char(string="Scan UDI", store=False)

    def meddev_scan_udi(self, barcode):
        """Apply a scanned UDI to this transfer (receipt, delivery or internal move): the product's move
        gets the scanned lot or serial (created on receipt with the label's dates) and quantity, picked.
        Returns {'message', 'product', 'lot', 'quantity'}; refusals change nothing."""
        self.ensure_one()
        Scan = self.env["meddev.udi.scan"]
        if self.state in ("draft", "done", "cancel"):
            raise UserError(self.env._("%(picking)s is not ready: confirm it before scanning (it is %(state)s).",
                                       picking=self.name, state=dict(
                                           self._fields["state"]._description_selection(self.env))[self.state]))
        scan = Scan._read(barcode, self.company_id)
        move = self.move_ids.filtered(
            lambda m: m.product_id == scan["product"] and m.state not in ("done", "cancel"))[:1]
        if not move:
            raise UserError(self.env._("%(product)s is not to be moved by %(picking)s: wrong product for this "
                                       "transfer.", product=scan["product"].display_name, picking=self.name))
        Scan._check_quantity(move, scan)
        if self.picking_type_code == "incoming" and move.location_id.usage != "internal":
            lot = Scan._lot_for_receipt(scan, self.company_id)
            source = None
        else:
            lot = Scan._lot_in_stock(scan, self.company_id)
            quantity = scan["product"].uom_id._compute_quantity(scan["quantity"], move.product_uom)
            source = Scan._source_location(move, lot, quantity) if lot else None
        Scan._add_to_move(move, scan, lot, source)
        return Scan._result(scan, lot, self.name)

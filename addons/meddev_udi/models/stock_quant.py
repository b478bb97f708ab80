from odoo import api, models
from odoo.exceptions import UserError


class StockQuant(models.Model):
    _inherit = "stock.quant"

    @api.model
    def meddev_scan_udi_count(self, barcode, location_id):
        """Count one scanned UDI in an inventory at ``location_id``: adds its quantity to the counted
        quantity of that product and lot there (Physical Inventory).  Returns like picking scans."""
        location = self.env["stock.location"].browse(location_id).exists()
        if not location or location.usage != "internal":
            raise UserError(self.env._("Counts are made in an internal stock location."))
        Scan = self.env["meddev.udi.scan"]
        company = location.company_id or self.env.company
        scan = Scan._read(barcode, company)
        product, lot_name = scan["product"], scan["lot_name"]
        lot = Scan._existing_lot(product, lot_name, company) if lot_name else self.env["stock.lot"]
        if lot_name and not lot:
            # Found on the shelf but unknown to the system: the label gives its identity and dates.
            lot = Scan._lot_for_receipt(scan, company)
        quant = self.with_context(inventory_mode=True).search([
            ("product_id", "=", product.id), ("location_id", "=", location.id), ("lot_id", "=", lot.id)], limit=1)
        if product.tracking == "serial":
            if quant.inventory_quantity_set and quant.inventory_quantity >= 1:
                raise UserError(self.env._("Serial number %(serial)s was already counted in %(location)s.",
                                           serial=lot.name, location=location.display_name))
            elsewhere = self.search([("lot_id", "=", lot.id), ("location_id", "!=", location.id),
                                     ("location_id.usage", "=", "internal"), ("inventory_quantity_set", "=", True),
                                     ("inventory_quantity", ">", 0)], limit=1)
            if elsewhere:
                raise UserError(self.env._("Serial number %(serial)s was already counted in %(location)s.",
                                           serial=lot.name, location=elsewhere.location_id.display_name))
        quantity = scan["quantity"]
        if quant:
            counted = quant.inventory_quantity if quant.inventory_quantity_set else 0.0
            quant.with_context(inventory_mode=True).write({"inventory_quantity": counted + quantity})
        else:
            quant = self.with_context(inventory_mode=True).create({
                "product_id": product.id, "location_id": location.id, "lot_id": lot.id,
                "inventory_quantity": quantity})
        result = Scan._result(scan, lot, location.display_name)
        result["counted"] = quant.inventory_quantity
        result["quant_id"] = quant.id
        return result

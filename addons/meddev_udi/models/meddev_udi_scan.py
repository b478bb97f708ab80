import re

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from ..tools import gs1, hibcc


class MeddevUdiScan(models.AbstractModel):
    """Reads a scanned UDI (GS1 or HIBCC) into product, packaging, quantity, lot or serial and dates.

    The transfer, count and manufacturing-order scans all go through here, so a
    barcode is understood, and refused, the same way everywhere.
    """

    _name = "meddev.udi.scan"
    _description = "UDI Scan"

    @api.model
    def _fnc1_pattern(self, company):
        """The FNC1 stand-ins a keyboard-wedge scanner may type, as configured on the company's GS1
        barcode nomenclature (Odoo's default GS1 nomenclature when the company uses another one)."""
        nomenclature = company.nomenclature_id
        if not nomenclature.is_gs1_nomenclature:
            nomenclature = self.env.ref("barcodes_gs1_nomenclature.default_gs1_nomenclature",
                                        raise_if_not_found=False) or nomenclature
        return nomenclature.gs1_separator_fnc1 or None

    @api.model
    def _normalize(self, barcode, company):
        text = (barcode or "").strip("\r\n\t ")
        pattern = self._fnc1_pattern(company)
        if pattern and not text.startswith(("+", "*+")):
            text = re.sub(pattern, gs1.GS, text)
        return text

    @api.model
    def _read(self, barcode, company=None):
        """{'product', 'packaging', 'quantity', 'lot_name', 'expiry', 'production_date'} of a scanned UDI,
        or a UserError saying precisely why it cannot be used."""
        company = company or self.env.company
        text = self._normalize(barcode, company)
        if not text:
            raise UserError(self.env._("Nothing was scanned."))
        try:
            if text.startswith(("+", "*+")):
                parsed = hibcc.parse(text)
                if not parsed.labeler:
                    raise UserError(self.env._(
                        "%(barcode)s is HIBCC secondary data only: scan the label's primary data too.",
                        barcode=barcode))
                di = "+%s%s%s" % (parsed.labeler, parsed.product, parsed.unit_of_measure)
                data = {"di": di, "lot": parsed.lot, "serial": parsed.serial, "expiry": parsed.expiry,
                        "production_date": None, "count": None}
            elif text.isdigit() and len(text) in (8, 12, 13, 14):
                # A bare GTIN: the device identifier without production data.
                if not gs1.valid_gtin(text):
                    raise UserError(self.env._("%(barcode)s is not a valid GTIN: wrong check digit.", barcode=barcode))
                data = {"di": text, "lot": None, "serial": None, "expiry": None, "production_date": None,
                        "count": None}
            else:
                parsed = gs1.parse(text, today=fields.Date.context_today(self))
                if not parsed.gtin:
                    raise UserError(self.env._("%(barcode)s carries no device identifier (AI 01).", barcode=barcode))
                data = {"di": parsed.gtin, "lot": parsed.lot, "serial": parsed.serial, "expiry": parsed.expiry,
                        "production_date": parsed.production_date, "count": parsed.quantity}
        except (gs1.GS1Error, hibcc.HIBCError) as error:
            raise UserError(self.env._("The UDI %(barcode)s cannot be read: %(reason)s",
                                       barcode=barcode, reason=str(error))) from None
        product, packaging = self.env["product.product"]._meddev_find_by_di(data["di"], company)
        if not product:
            raise UserError(self.env._("No product has the device identifier %(di)s (scanned: %(barcode)s).",
                                       di=data["di"], barcode=barcode))
        return self._resolve(product, packaging, data, barcode)

    @api.model
    def _resolve(self, product, packaging, data, barcode):
        quantity = packaging.qty if packaging else (data["count"] or 1.0)
        lot_name = None
        if product.tracking == "serial":
            lot_name = data["serial"] or data["lot"]
            if packaging and packaging.qty != 1:
                raise UserError(self.env._(
                    "%(product)s is tracked by serial number: scan the UDI of each unit, not of its %(packaging)s.",
                    product=product.display_name, packaging=packaging.name))
            if data["count"] and data["count"] != 1:
                raise UserError(self.env._("A serial number identifies one unit, not %(count)s.", count=data["count"]))
            quantity = 1.0
            if not lot_name:
                raise UserError(self.env._(
                    "%(product)s is tracked by serial number but the UDI %(barcode)s carries none (AI 21).",
                    product=product.display_name, barcode=barcode))
        elif product.tracking == "lot":
            lot_name = data["lot"]
            if not lot_name:
                raise UserError(self.env._(
                    "%(product)s is tracked by lot but the UDI %(barcode)s carries no lot number (AI 10).",
                    product=product.display_name, barcode=barcode))
        expiry = data["expiry"]
        if expiry and expiry < fields.Date.context_today(self):
            raise UserError(self.env._("%(product)s %(lot)s expired on %(date)s: it cannot be used.",
                                       product=product.display_name, lot=lot_name or "",
                                       date=fields.Date.to_string(expiry)))
        return {"product": product, "packaging": packaging, "quantity": quantity, "lot_name": lot_name,
                "expiry": expiry, "production_date": data["production_date"]}

    @api.model
    def _existing_lot(self, product, lot_name, company):
        return self.env["stock.lot"].search([
            ("product_id", "=", product.id), ("name", "=", lot_name),
            ("company_id", "in", [company.id, False])], limit=1)

    @api.model
    def _lot_for_receipt(self, scan, company):
        """The scanned lot, created with the label's dates the first time it is received."""
        product, lot_name = scan["product"], scan["lot_name"]
        if not lot_name:
            return self.env["stock.lot"]
        lot = self._existing_lot(product, lot_name, company)
        if lot:
            self._check_lot_not_expired(lot)
            if product.tracking == "serial" and self._serial_in_stock(lot):
                raise UserError(self.env._("Serial number %(serial)s of %(product)s is already in stock.",
                                           serial=lot_name, product=product.display_name))
            return lot
        vals = {"product_id": product.id, "name": lot_name, "company_id": company.id}
        if scan["expiry"]:
            vals["expiration_date"] = fields.Datetime.to_datetime(scan["expiry"]).replace(hour=23, minute=59)
        if scan["production_date"]:
            vals["meddev_production_date"] = scan["production_date"]
        return self.env["stock.lot"].with_context(meddev_lot_from_udi=True).create(vals)

    @api.model
    def _lot_in_stock(self, scan, company):
        """The scanned lot, which must exist and must not be expired, for outgoing and internal moves."""
        if not scan["lot_name"]:
            return self.env["stock.lot"]
        lot = self._existing_lot(scan["product"], scan["lot_name"], company)
        if not lot:
            raise UserError(self.env._("%(product)s has no lot or serial number %(lot)s in this company.",
                                       product=scan["product"].display_name, lot=scan["lot_name"]))
        self._check_lot_not_expired(lot)
        return lot

    @api.model
    def _check_lot_not_expired(self, lot):
        if lot.expiration_date and lot.expiration_date < fields.Datetime.now():
            raise UserError(self.env._("%(product)s %(lot)s expired on %(date)s: it cannot be used.",
                                       product=lot.product_id.display_name, lot=lot.name,
                                       date=fields.Date.to_string(lot.expiration_date.date())))

    @api.model
    def _serial_in_stock(self, lot):
        return bool(self.env["stock.quant"].search_count([
            ("lot_id", "=", lot.id), ("location_id.usage", "=", "internal"), ("quantity", ">", 0)], limit=1))

    @api.model
    def _check_quantity(self, move, scan):
        """Refuse a scan that would pick more than the move's demand (before anything is created)."""
        product = scan["product"]
        qty = product.uom_id._compute_quantity(scan["quantity"], move.product_uom)
        picked = sum(move.move_line_ids.filtered("picked").mapped("quantity"))
        if float_compare(picked + qty, move.product_uom_qty, precision_rounding=move.product_uom.rounding) > 0:
            raise UserError(self.env._(
                "%(qty)s %(uom)s more of %(product)s would exceed the %(demand)s %(uom)s of %(reference)s "
                "(%(picked)s already scanned).",
                qty=qty, uom=move.product_uom.name, product=product.display_name, demand=move.product_uom_qty,
                reference=move.reference or move.picking_id.name, picked=picked))
        return qty

    @api.model
    def _add_to_move(self, move, scan, lot, source=None):
        """Record the scanned quantity of ``lot`` on ``move`` as picked; refuse exceeding the demand."""
        product = scan["product"]
        qty = self._check_quantity(move, scan)
        if lot and product.tracking == "serial" and move.move_line_ids.filtered(
                lambda line: line.picked and line.lot_id == lot):
            raise UserError(self.env._("Serial number %(serial)s was already scanned on %(reference)s.",
                                       serial=lot.name, reference=move.reference or move.picking_id.name))
        location = source or move.location_id
        # Reservations Odoo made (other lots, or no lot yet on a receipt) give way
        # to what was actually scanned, the scanned lot's own first.
        remaining = qty
        unpicked = move.move_line_ids.filtered(lambda ml: not ml.picked)
        for reserved in unpicked.sorted(lambda ml: (ml.lot_id != lot or ml.location_id != location, ml.id)):
            if float_compare(remaining, 0, precision_rounding=move.product_uom.rounding) <= 0:
                break
            take = min(reserved.quantity, remaining)
            remaining -= take
            if float_compare(reserved.quantity, take, precision_rounding=move.product_uom.rounding) <= 0:
                reserved.unlink()
            else:
                reserved.quantity -= take
        line = move.move_line_ids.filtered(
            lambda ml: ml.picked and ml.lot_id == lot and ml.location_id == location)[:1]
        if line:
            line.quantity += qty
        else:
            line = self.env["stock.move.line"].create({
                "move_id": move.id, "picking_id": move.picking_id.id, "product_id": product.id,
                "product_uom_id": move.product_uom.id, "lot_id": lot.id, "quantity": qty, "picked": True,
                "location_id": location.id, "location_dest_id": move.location_dest_id.id,
            })
        return line

    @api.model
    def _source_location(self, move, lot, quantity):
        """Where under the move's source location the scanned lot has the quantity available."""
        quants = self.env["stock.quant"].search([
            ("product_id", "=", move.product_id.id), ("lot_id", "=", lot.id),
            ("location_id", "child_of", move.location_id.id), ("quantity", ">", 0)])
        for quant in quants.sorted(lambda q: -q.quantity):
            if float_compare(quant.quantity, quantity, precision_rounding=quant.product_uom_id.rounding) >= 0:
                return quant.location_id
        raise UserError(self.env._(
            "%(qty)s of %(product)s %(lot)s is not in stock in %(location)s.",
            qty=quantity, product=move.product_id.display_name, lot=lot.name,
            location=move.location_id.display_name))

    @api.model
    def _result(self, scan, lot, reference):
        return {
            "product": scan["product"].display_name,
            "lot": lot.name or False,
            "quantity": scan["quantity"],
            "message": self.env._("%(qty)s × %(product)s%(lot)s scanned on %(reference)s.",
                                  qty=scan["quantity"], product=scan["product"].display_name,
                                  lot=(" " + lot.name) if lot else "", reference=reference),
        }

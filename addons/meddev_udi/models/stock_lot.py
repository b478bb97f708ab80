from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import gs1, udi


class StockLot(models.Model):
    _inherit = "stock.lot"

    meddev_production_date = fields.Date(string="Manufacturing Date")
    meddev_udi_regulated = fields.Boolean(related="product_id.meddev_udi_regulated")
    meddev_udi_pi = fields.Char(
        string="UDI-PI", compute="_compute_meddev_udi", store=True,
        help="Production identifier: the lot or serial number and the dates the device carries.")
    meddev_udi_hri = fields.Char(
        string="UDI", compute="_compute_meddev_udi", store=True, index="btree_not_null",
        help="The full UDI in human-readable form, as printed under the barcode.")
    meddev_udi_element_string = fields.Char(
        string="UDI Element String", compute="_compute_meddev_udi", store=True,
        help="The full UDI as encoded in the barcode: GS1 element string with FNC1 (GS) separators.")
    meddev_lot_scheme_id = fields.Many2one("meddev.lot.scheme", string="Numbering Scheme", readonly=True)

    @api.depends("name", "product_id.meddev_udi_di", "product_id.meddev_udi_regulated",
                 "product_id.meddev_issuing_agency", "product_id.tracking", "product_id.meddev_pi_lot",
                 "product_id.meddev_pi_serial", "product_id.meddev_pi_production_date",
                 "product_id.meddev_pi_expiry_date", "meddev_production_date", "expiration_date")
    def _compute_meddev_udi(self):
        for lot in self:
            elements = lot._meddev_udi_elements()
            if not elements:
                lot.meddev_udi_pi = lot.meddev_udi_hri = lot.meddev_udi_element_string = False
                continue
            lot.meddev_udi_pi = gs1.hri(elements[1:]) if lot.product_id.meddev_issuing_agency in (False, "gs1") \
                else "/".join(value for _ai, value in elements[1:])
            lot.meddev_udi_element_string, lot.meddev_udi_hri = lot._meddev_udi_strings(elements)

    def _meddev_pi_values(self):
        """The production identifier values the product's UDI carries, by name."""
        self.ensure_one()
        product = self.product_id
        serial = product.tracking == "serial"
        return {
            "lot": self.name if not serial and product.meddev_pi_lot else None,
            "serial": self.name if serial or product.meddev_pi_serial else None,
            "production_date": self.meddev_production_date if product.meddev_pi_production_date else None,
            "expiry_date": self.expiration_date.date()
            if product.meddev_pi_expiry_date and self.expiration_date else None,
        }

    def _meddev_udi_elements(self, packaging=None):
        """[(AI, value)] of this lot's UDI, for the base unit or for ``packaging``.

        Empty when the product carries no UDI.  Other agencies than GS1 use the
        same list: (01) holds their DI, the rest their PI values.
        """
        self.ensure_one()
        product = self.product_id
        di = packaging.barcode if packaging else product.meddev_udi_di
        if not (product.meddev_udi_regulated and di and self.name):
            return []
        if product.meddev_issuing_agency in (False, "gs1"):
            di = gs1.gtin14(di)
        return [("01", di)] + udi.pi_elements(**self._meddev_pi_values())

    def _meddev_udi_strings(self, elements):
        """(encoded data, human-readable text) of the UDI made of ``elements``."""
        agency = self.product_id.meddev_issuing_agency or "gs1"
        if agency == "gs1":
            return gs1.element_string(elements), gs1.hri(elements)
        di, pi = elements[0][1], self._meddev_pi_values()
        text = udi.hibcc_udi(di, **pi) if agency == "hibcc" else udi.plain_udi(di, **pi)
        return text, text

    def meddev_udi_for_packaging(self, packaging_id=False):
        """The UDI of this lot on a packaging level: {'element_string', 'hri', 'elements'} (RPC)."""
        self.ensure_one()
        packaging = self.env["product.packaging"].browse(packaging_id) if packaging_id else None
        if packaging and packaging.product_id != self.product_id:
            raise ValidationError(self.env._(
                "Packaging %(packaging)s is not a packaging of %(product)s.",
                packaging=packaging.display_name, product=self.product_id.display_name))
        elements = self._meddev_udi_elements(packaging)
        encoded, text = self._meddev_udi_strings(elements) if elements else (False, False)
        return {"element_string": encoded, "hri": text, "elements": elements}

    # Unified lot numbering -------------------------------------------------

    @api.model
    def _get_next_serial(self, company, product):
        scheme = self.env["meddev.lot.scheme"]._for_product(product, company)
        if scheme:
            return scheme._next_name()
        return super()._get_next_serial(company, product)

    @api.model_create_multi
    def create(self, vals_list):
        Scheme = self.env["meddev.lot.scheme"]
        Product = self.env["product.product"]
        schemes = Scheme._active_schemes()
        for vals in vals_list:
            product = Product.browse(vals.get("product_id"))
            company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
            scheme = Scheme._for_product(product, company, schemes) if product and schemes else Scheme
            if not scheme:
                continue
            vals["meddev_lot_scheme_id"] = scheme.id
            if not vals.get("name"):
                vals["name"] = scheme._next_name()
            elif not scheme._accepts(vals["name"]) and not self.env.context.get("meddev_lot_from_udi"):
                raise ValidationError(self.env._(
                    "Lot/serial number %(name)s does not follow numbering scheme %(scheme)s of %(product)s "
                    "(expected like %(example)s), and that scheme does not allow numbers entered by hand.",
                    name=vals["name"], scheme=scheme.name, product=product.display_name,
                    example=scheme._example()))
        lots = super().create(vals_list)
        for lot in lots.filtered("meddev_lot_scheme_id"):
            lot.meddev_lot_scheme_id._note_used(lot.name)
        return lots

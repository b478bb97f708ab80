from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import gs1, udi


class ProductProduct(models.Model):
    _inherit = "product.product"

    meddev_udi_di = fields.Char(
        string="UDI-DI", index="btree_not_null", copy=False,
        help="Device identifier of the base unit (for GS1: its GTIN, check digit validated).")

    _sql_constraints = [
        ("meddev_udi_di_unique", "UNIQUE(meddev_udi_di)", "A UDI-DI identifies exactly one product."),
    ]

    @api.constrains("meddev_udi_di")
    def _check_meddev_udi_di(self):
        for product in self.filtered("meddev_udi_di"):
            error = udi.di_error(product.meddev_issuing_agency, product.meddev_udi_di)
            if error:
                raise ValidationError(self.env._(
                    "The UDI-DI %(di)s of %(product)s is not valid: %(reason)s",
                    di=product.meddev_udi_di, product=product.display_name, reason=self.env._(error)))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("meddev_udi_di"):
                vals["meddev_udi_di"] = vals["meddev_udi_di"].strip()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("meddev_udi_di"):
            vals["meddev_udi_di"] = vals["meddev_udi_di"].strip()
        return super().write(vals)

    @api.model
    def _meddev_find_by_di(self, di, company=None):
        """(product, packaging) a device identifier designates, or two empty recordsets.

        The DI is matched as Odoo's GS1 nomenclature matches GTINs: GTIN-8/12/13
        written as GTIN-14 with leading zeros are the same identifier.
        """
        Packaging = self.env["product.packaging"]
        candidates = udi.gtin_variants(di) if di and di.isdigit() else [di]
        company_domain = [("company_id", "in", [False, (company or self.env.company).id])]
        product = self.search(
            ["|", ("meddev_udi_di", "in", candidates), ("barcode", "in", candidates)] + company_domain, limit=1)
        if product:
            return product, Packaging
        packaging = Packaging.search([("barcode", "in", candidates)] + company_domain, limit=1)
        if packaging:
            return packaging.product_id, packaging
        return self, Packaging

    def _meddev_gtin14(self):
        self.ensure_one()
        return gs1.gtin14(self.meddev_udi_di) if self.meddev_udi_di else False

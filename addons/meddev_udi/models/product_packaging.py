from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import udi

PACKAGE_LEVELS = [
    ("inner", "Inner Pack"),
    ("case", "Case"),
    ("shipper", "Shipping Carton"),
    ("pallet", "Pallet"),
]


class ProductPackaging(models.Model):
    _inherit = "product.packaging"

    # The packaging barcode is the package's own UDI-DI, as Odoo's GS1
    # nomenclature already reads it from AI (01).
    meddev_package_level = fields.Selection(PACKAGE_LEVELS, string="UDI Package Level")
    meddev_contained_di = fields.Char(
        string="Contains DI", compute="_compute_meddev_contained_di",
        help="Device identifier of the next lower level: the base unit's UDI-DI.")

    @api.depends("product_id.meddev_udi_di")
    def _compute_meddev_contained_di(self):
        for packaging in self:
            packaging.meddev_contained_di = packaging.product_id.meddev_udi_di

    @api.constrains("barcode", "product_id")
    def _check_meddev_package_di(self):
        for packaging in self.filtered(lambda p: p.barcode and p.product_id.meddev_udi_regulated):
            error = udi.di_error(packaging.product_id.meddev_issuing_agency, packaging.barcode)
            if error:
                raise ValidationError(self.env._(
                    "The package UDI-DI %(di)s of %(packaging)s is not valid: %(reason)s",
                    di=packaging.barcode, packaging=packaging.display_name, reason=self.env._(error)))

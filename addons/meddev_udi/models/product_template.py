import base64

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import nmpa

DEVICE_CLASSES = [
    ("1", "Class I"),
    ("2", "Class II"),
    ("2a", "Class IIa"),
    ("2b", "Class IIb"),
    ("3", "Class III"),
]
ISSUING_AGENCIES = [
    ("gs1", "GS1"),
    ("hibcc", "HIBCC"),
    ("iccbba", "ICCBBA"),
    ("ma", "MA Code (China)"),
]
MRI_SAFETY = [
    ("safe", "MR Safe"),
    ("conditional", "MR Conditional"),
    ("unsafe", "MR Unsafe"),
    ("no_info", "Labeling does not contain MRI safety information"),
]
LOT_STAGES = [
    ("raw", "Raw Material"),
    ("semi", "Semi-Finished"),
    ("finished", "Finished Device"),
]


class ProductTemplate(models.Model):
    _inherit = "product.template"

    meddev_udi_regulated = fields.Boolean(
        string="UDI Device",
        help="The product is a medical device that carries a UDI: its UDI data is required and "
             "its lots and serials get a UDI-PI.")
    meddev_device_class = fields.Selection(DEVICE_CLASSES, string="Device Class")
    meddev_issuing_agency = fields.Selection(
        ISSUING_AGENCIES, string="Issuing Agency", default="gs1",
        help="The UDI issuing agency whose rules the UDI-DI and the labels follow.")
    meddev_udi_di = fields.Char(
        string="UDI-DI", compute="_compute_meddev_udi_di", inverse="_inverse_meddev_udi_di",
        search="_search_meddev_udi_di",
        help="Device identifier of the base unit (for GS1: its GTIN, check digit validated).")
    meddev_pi_lot = fields.Boolean(string="PI: Lot Number", default=True)
    meddev_pi_serial = fields.Boolean(string="PI: Serial Number")
    meddev_pi_production_date = fields.Boolean(string="PI: Manufacturing Date")
    meddev_pi_expiry_date = fields.Boolean(string="PI: Expiry Date")
    meddev_registration_number = fields.Char(
        string="Registration Certificate No.",
        help="NMPA registration certificate or filing number (注册证号/备案凭证号); for the FDA, the "
             "premarket submission number.")
    meddev_lot_stage = fields.Selection(
        LOT_STAGES, string="Lot Numbering Stage",
        help="Which lot numbering scheme applies when none is set for the product category.")

    # UDI database submission (NMPA UDI database, FDA GUDID).
    meddev_generic_name = fields.Char(string="Generic Name", translate=True)
    meddev_brand_name = fields.Char(string="Brand Name", translate=True)
    meddev_model = fields.Char(string="Model / Specification")
    meddev_udi_description = fields.Text(string="Device Description", translate=True)
    meddev_classification_code = fields.Char(
        string="Classification Code", help="NMPA classification catalogue code, e.g. 14-02-01.")
    meddev_product_kind = fields.Selection(
        [("device", "Device"), ("ivd", "In Vitro Diagnostic Reagent")], string="Product Kind", default="device")
    meddev_is_kit = fields.Boolean(string="Kit or Combination Pack")
    meddev_single_use = fields.Boolean(string="Single Use")
    meddev_max_reuses = fields.Integer(string="Maximum Reuses")
    meddev_sterile = fields.Boolean(string="Packaged Sterile")
    meddev_sterilize_before_use = fields.Boolean(string="Sterilize Before Use")
    meddev_sterilization_method = fields.Char(string="Sterilization Method")
    meddev_mri_safety = fields.Selection(MRI_SAFETY, string="MRI Safety")
    meddev_contains_latex = fields.Boolean(string="Contains Natural Rubber Latex")
    meddev_prescription = fields.Selection(
        [("rx", "Prescription"), ("otc", "Over the Counter")], string="Prescription Status")
    meddev_storage_conditions = fields.Char(string="Special Storage Conditions", translate=True)
    meddev_gmdn_code = fields.Char(string="GMDN Code")
    meddev_fda_product_code = fields.Char(string="FDA Product Code")
    meddev_insurance_code = fields.Char(string="Medical Insurance Consumable Code", help="医保耗材分类编码")
    meddev_direct_marking = fields.Boolean(string="Direct Part Marking")
    meddev_direct_marking_di = fields.Char(string="Direct Marking DI")
    meddev_di_publish_date = fields.Date(string="DI Publish Date")
    meddev_di_discontinue_date = fields.Date(string="DI Discontinue Date")

    @api.depends("product_variant_ids.meddev_udi_di")
    def _compute_meddev_udi_di(self):
        for template in self:
            template.meddev_udi_di = template.product_variant_ids[:1].meddev_udi_di \
                if len(template.product_variant_ids) == 1 else False

    def _inverse_meddev_udi_di(self):
        for template in self.filtered(lambda t: len(t.product_variant_ids) == 1):
            template.product_variant_ids.meddev_udi_di = template.meddev_udi_di

    def _search_meddev_udi_di(self, operator, value):
        return [("product_variant_ids.meddev_udi_di", operator, value)]

    @api.constrains("meddev_issuing_agency")
    def _check_meddev_issuing_agency(self):
        self.product_variant_ids._check_meddev_udi_di()
        self.packaging_ids._check_meddev_package_di()

    @api.onchange("tracking")
    def _onchange_tracking_meddev_pi(self):
        self.meddev_pi_serial = self.tracking == "serial"
        self.meddev_pi_lot = self.tracking == "lot"

    @api.model_create_multi
    def create(self, vals_list):
        templates = super().create(vals_list)
        # The DI given on the template belongs to its single variant, created by super().
        for template, vals in zip(templates, vals_list, strict=True):
            if vals.get("meddev_udi_di") and len(template.product_variant_ids) == 1:
                template.product_variant_ids.meddev_udi_di = vals["meddev_udi_di"]
        return templates

    # NMPA UDI database export -------------------------------------------

    def _meddev_nmpa_values(self):
        """The device records of these templates for tools.nmpa.workbook, one per variant with a DI."""
        devices = []
        for product in self.product_variant_ids.filtered("meddev_udi_di"):
            template, company = product.product_tmpl_id, product.company_id or self.env.company
            devices.append({
                "di": product.meddev_udi_di,
                "agency": template.meddev_issuing_agency,
                "name": product.display_name,
                "generic_name": template.meddev_generic_name,
                "brand_name": template.meddev_brand_name,
                "model": template.meddev_model,
                "kit": template.meddev_is_kit,
                "description": template.meddev_udi_description,
                "catalog_number": product.default_code,
                "kind": template.meddev_product_kind,
                "classification_code": template.meddev_classification_code,
                "device_class": template.meddev_device_class,
                "registrant": company.name,
                "registrant_en": company.with_context(lang="en_US").name,
                "credit_code": company.company_registry or company.vat,
                "registration_number": template.meddev_registration_number,
                "mri_safety": template.meddev_mri_safety,
                "single_use": template.meddev_single_use,
                "max_reuses": template.meddev_max_reuses,
                "sterile": template.meddev_sterile,
                "sterilize_before_use": template.meddev_sterilize_before_use,
                "sterilization_method": template.meddev_sterilization_method,
                "insurance_code": template.meddev_insurance_code,
                "pi_lot": template.meddev_pi_lot,
                "pi_serial": template.meddev_pi_serial,
                "pi_production_date": template.meddev_pi_production_date,
                "pi_expiry_date": template.meddev_pi_expiry_date,
                "storage": template.meddev_storage_conditions,
                "publish_date": template.meddev_di_publish_date,
                "discontinue_date": template.meddev_di_discontinue_date,
                "direct_marking": template.meddev_direct_marking,
                "direct_marking_di": template.meddev_direct_marking_di,
                "contact_name": company.partner_id.name,
                "contact_phone": company.meddev_udi_contact_phone or company.phone,
                "contact_email": company.meddev_udi_contact_email or company.email,
                "packages": [(packaging.barcode, packaging.qty)
                             for packaging in product.packaging_ids.filtered("barcode")],
            })
        return devices

    def _meddev_check_nmpa_ready(self):
        missing = self.filtered(lambda t: not t.meddev_udi_regulated or not t.product_variant_ids.filtered(
            "meddev_udi_di"))
        if missing:
            raise UserError(self.env._(
                "These products are not UDI devices with a UDI-DI, so they have no UDI database record: %(names)s",
                names=", ".join(missing.mapped("display_name"))))

    @api.model
    def export_nmpa_udi_xlsx(self, domain=None):
        """NMPA UDI database workbook of the UDI devices matching ``domain``, base64-encoded (RPC)."""
        templates = self.search((domain or []) + [("meddev_udi_regulated", "=", True)])
        templates._meddev_check_nmpa_ready()
        return base64.b64encode(nmpa.workbook(templates._meddev_nmpa_values())).decode()

    def action_export_nmpa_udi(self):
        self._meddev_check_nmpa_ready()
        return {
            "type": "ir.actions.act_url",
            "url": "/meddev_udi/nmpa_udi.xlsx?ids=%s" % ",".join(map(str, self.ids)),
            "target": "download",
        }

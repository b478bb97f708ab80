from odoo.tests import TransactionCase, tagged
from odoo.tools.barcode import check_barcode_encoding


@tagged("post_install", "-at_install")
class TestUdiDemoData(TransactionCase):

    def setUp(self):
        super().setUp()
        self.infusion_set = self.env.ref("meddev_udi.product_infusion_set", raise_if_not_found=False)
        if not self.infusion_set:
            self.skipTest("demo data not loaded")

    def test_device_identifiers_are_valid_gtins(self):
        products = self.env["product.product"].search([("categ_id", "child_of", self.env.ref(
            "meddev_udi.product_category_meddev").id), ("barcode", "!=", False)])
        self.assertGreaterEqual(len(products), 8)
        for product in products:
            self.assertTrue(check_barcode_encoding(product.barcode, "ean13"), product.display_name)
        for packaging in products.packaging_ids:
            self.assertTrue(check_barcode_encoding(packaging.barcode, "gtin14"), packaging.display_name)

    def test_sterile_devices_are_lot_tracked_with_expiry(self):
        for xmlid in ("meddev_udi.product_infusion_set", "meddev_udi.product_syringe"):
            product = self.env.ref(xmlid)
            self.assertEqual(product.tracking, "lot")
            self.assertTrue(product.use_expiration_date)
            self.assertGreater(product.expiration_time, 0)
        self.assertEqual(self.env.ref("meddev_udi.product_infusion_pump").tracking, "serial")

    def test_gs1_nomenclature_reads_the_demo_udi(self):
        nomenclature = self.env.ref("barcodes_gs1_nomenclature.default_gs1_nomenclature")
        parsed = nomenclature.parse_barcode("01%s10L2401\x1d17270101" % self.infusion_set.barcode.zfill(14))
        values = {part["ai"]: part["string_value"] for part in parsed}
        self.assertEqual(values["01"], self.infusion_set.barcode.zfill(14))
        self.assertEqual(values["10"], "L2401")

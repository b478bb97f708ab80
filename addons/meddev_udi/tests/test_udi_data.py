import base64
import datetime
import io

import openpyxl
from psycopg2 import IntegrityError

from odoo.addons.meddev_quality.tests.common import MeddevCase
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestUdiData(MeddevCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.categ = cls.env["product.category"].create({"name": "Test finished devices"})
        cls.device = cls.env["product.product"].create({
            "name": "Test catheter", "is_storable": True, "tracking": "lot", "categ_id": cls.categ.id,
            "meddev_udi_regulated": True, "meddev_udi_di": "06959999000017",
            "meddev_pi_lot": True, "meddev_pi_expiry_date": True, "meddev_pi_production_date": True,
            "use_expiration_date": True, "meddev_registration_number": "国械注准20233140123",
            "meddev_device_class": "3", "meddev_generic_name": "一次性使用导管",
        })
        cls.pump = cls.env["product.product"].create({
            "name": "Test pump", "is_storable": True, "tracking": "serial",
            "meddev_udi_regulated": True, "meddev_udi_di": "6959999000031",
            "meddev_pi_lot": False, "meddev_pi_serial": True,
        })

    def test_gs1_di_must_have_a_valid_check_digit(self):
        with self.assertRaisesRegex(ValidationError, "check digit"):
            self.env["product.product"].create({
                "name": "Bad DI", "meddev_udi_regulated": True, "meddev_udi_di": "06959999000018"})
        with self.assertRaisesRegex(ValidationError, "labeler code"):
            self.env["product.product"].create({
                "name": "Bad HIBC DI", "meddev_udi_regulated": True, "meddev_issuing_agency": "hibcc",
                "meddev_udi_di": "+1234"})
        hibc = self.env["product.product"].create({
            "name": "HIBC device", "meddev_udi_regulated": True, "meddev_issuing_agency": "hibcc",
            "meddev_udi_di": "+A99912345"})
        self.assertEqual(hibc.meddev_udi_di, "+A99912345")

    def test_di_is_unique_and_set_from_template(self):
        template = self.env["product.template"].create({
            "name": "Template device", "meddev_udi_regulated": True, "meddev_udi_di": "6959999000048"})
        self.assertEqual(template.product_variant_id.meddev_udi_di, "6959999000048")
        self.assertEqual(template.meddev_udi_di, "6959999000048")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.env["product.product"].create({"name": "Twin", "meddev_udi_di": "6959999000048"})

    def test_find_by_di_matches_gtin13_and_gtin14_and_packaging(self):
        Product = self.env["product.product"]
        self.assertEqual(Product._meddev_find_by_di("06959999000031")[0], self.pump)
        self.assertEqual(Product._meddev_find_by_di("6959999000031")[0], self.pump)
        packaging = self.env["product.packaging"].create({
            "name": "Box of 20", "product_id": self.device.id, "qty": 20, "barcode": "16959999000014",
            "meddev_package_level": "inner"})
        product, found = Product._meddev_find_by_di("16959999000014")
        self.assertEqual((product, found), (self.device, packaging))
        self.assertFalse(Product._meddev_find_by_di("09999999999999")[0])

    def test_package_di_is_validated(self):
        with self.assertRaisesRegex(ValidationError, "package UDI-DI"):
            self.env["product.packaging"].create({
                "name": "Bad box", "product_id": self.device.id, "qty": 10, "barcode": "16959999000015"})

    def test_lot_udi_human_readable_and_element_string(self):
        lot = self.env["stock.lot"].create({
            "name": "A123", "product_id": self.device.id,
            "expiration_date": datetime.datetime(2028, 12, 31, 12), "meddev_production_date": "2026-11-02"})
        self.assertEqual(lot.meddev_udi_hri, "(01)06959999000017(11)261102(17)281231(10)A123")
        self.assertEqual(lot.meddev_udi_pi, "(11)261102(17)281231(10)A123")
        self.assertEqual(lot.meddev_udi_element_string, "0106959999000017112611021728123110A123")
        serial = self.env["stock.lot"].create({"name": "SN0001", "product_id": self.pump.id})
        self.assertEqual(serial.meddev_udi_hri, "(01)06959999000031(21)SN0001")
        # A variable-length element before another one is closed by FNC1.
        self.device.meddev_pi_serial = True
        lot.invalidate_recordset()
        self.assertEqual(lot.meddev_udi_element_string,
                         "0106959999000017112611021728123110A123\x1d21A123")

    def test_packaging_udi(self):
        packaging = self.env["product.packaging"].create({
            "name": "Box", "product_id": self.device.id, "qty": 20, "barcode": "16959999000014"})
        lot = self.env["stock.lot"].create({"name": "B7", "product_id": self.device.id})
        udi = lot.meddev_udi_for_packaging(packaging.id)
        self.assertEqual(udi["hri"], "(01)16959999000014(17)%s(10)B7" % lot.expiration_date.strftime("%y%m%d"))
        other = self.env["product.packaging"].create({"name": "Pump box", "product_id": self.pump.id, "qty": 1})
        with self.assertRaisesRegex(ValidationError, "not a packaging of"):
            lot.meddev_udi_for_packaging(other.id)

    def test_no_udi_without_regulated_product(self):
        plain = self.env["product.product"].create({"name": "Screw", "is_storable": True, "tracking": "lot"})
        lot = self.env["stock.lot"].create({"name": "S1", "product_id": plain.id})
        self.assertFalse(lot.meddev_udi_hri)
        self.assertFalse(lot.meddev_udi_pi)

    def test_lot_scheme_numbers_lots_by_category_then_stage(self):
        Scheme = self.env["meddev.lot.scheme"]
        Scheme.search([]).active = False
        by_stage = Scheme.create({"name": "Raw", "stage": "raw", "prefix": "RM-", "padding": 3,
                                  "allow_manual": True})
        by_category = Scheme.create({"name": "Finished", "categ_ids": [(4, self.categ.id)], "prefix": "FG-",
                                     "padding": 4})
        first = self.env["stock.lot"].create({"product_id": self.device.id})
        second = self.env["stock.lot"].create({"product_id": self.device.id})
        self.assertEqual((first.name, second.name), ("FG-0001", "FG-0002"))
        self.assertEqual(first.meddev_lot_scheme_id, by_category)
        self.assertEqual(by_category.lot_count, 2)
        # Conforming numbers are accepted and never issued again.
        self.env["stock.lot"].create({"product_id": self.device.id, "name": "FG-0007"})
        self.assertEqual(self.env["stock.lot"].create({"product_id": self.device.id}).name, "FG-0008")
        with self.assertRaisesRegex(ValidationError, "does not allow numbers entered by hand"):
            self.env["stock.lot"].create({"product_id": self.device.id, "name": "MY-LOT"})
        # The lot printed on a supplier's or our own UDI label is not typed by hand.
        scanned = self.env["stock.lot"].with_context(meddev_lot_from_udi=True).create(
            {"product_id": self.device.id, "name": "SUPPLIER-42"})
        self.assertEqual(scanned.name, "SUPPLIER-42")
        raw = self.env["product.product"].create({
            "name": "Resin", "is_storable": True, "tracking": "lot", "meddev_lot_stage": "raw"})
        self.assertEqual(self.env["stock.lot"].create({"product_id": raw.id}).name, "RM-001")
        self.assertEqual(self.env["stock.lot"].create({"product_id": raw.id, "name": "VENDOR-9"}).name,
                         "VENDOR-9")
        self.assertEqual(by_stage.lot_count, 2)
        self.assertEqual(self.env["stock.lot"]._get_next_serial(self.env.company, self.device), "FG-0009")

    def test_lot_scheme_needs_a_scope(self):
        with self.assertRaisesRegex(ValidationError, "applies to nothing"):
            self.env["meddev.lot.scheme"].create({"name": "Nothing"})

    def test_lot_scheme_is_audited(self):
        scheme = self.env["meddev.lot.scheme"].create({"name": "Audited", "stage": "semi"})
        scheme.allow_manual = True
        self.assertTrue(self.audit_entries("meddev.lot.scheme", scheme.id, "write"))

    def test_nmpa_export(self):
        self.env["product.packaging"].create({
            "name": "Box", "product_id": self.device.id, "qty": 20, "barcode": "16959999000014"})
        self.env["product.packaging"].create({
            "name": "Case", "product_id": self.device.id, "qty": 200, "barcode": "26959999000011"})
        data = self.env["product.template"].export_nmpa_udi_xlsx([("id", "=", self.device.product_tmpl_id.id)])
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(data)))
        devices, packages = book.worksheets
        header = [cell.value for cell in devices[1]]
        codes = [cell.value for cell in devices[2]]
        self.assertEqual(codes[0], "ZXXSDYCPBS")
        row = dict(zip(codes, [cell.value for cell in devices[3]], strict=True))
        self.assertEqual(row["ZXXSDYCPBS"], "06959999000017")
        self.assertEqual(row["CPBSBMTXMC"], "GS1")
        self.assertEqual(row["ZCZBHHZBAPZBH"], "国械注准20233140123")
        self.assertEqual(row["CPMCTYMC"], "一次性使用导管")
        self.assertEqual(row["GLLB"], "III")
        self.assertEqual((row["SCBSSFBHPH"], row["SCBSSFBHXLH"], row["SCBSSFBHSXRQ"]), ("是", "否", "是"))
        self.assertEqual(header[0], "最小销售单元产品标识")
        package_rows = [[cell.value for cell in row] for row in packages.iter_rows(min_row=3)]
        self.assertEqual(package_rows, [
            ["06959999000017", "16959999000014", "06959999000017", 20, "1级包装"],
            ["06959999000017", "26959999000011", "16959999000014", 10, "2级包装"],
        ])
        plain = self.env["product.template"].create({"name": "Not a device"})
        with self.assertRaisesRegex(UserError, "not UDI devices"):
            plain.action_export_nmpa_udi()

    def test_product_form_pi_follows_tracking(self):
        form = Form(self.env["product.template"])
        form.name = "Form device"
        form.is_storable = True
        form.meddev_udi_regulated = True
        form.tracking = "serial"
        self.assertTrue(form.meddev_pi_serial)
        self.assertFalse(form.meddev_pi_lot)
        form.meddev_udi_di = "6959999000055"
        template = form.save()
        self.assertEqual(template.product_variant_id.meddev_udi_di, "6959999000055")

import datetime

from odoo import Command, fields
from odoo.addons.meddev_quality.tests.common_stock import MeddevStockCase
from odoo.addons.meddev_udi.tools import gs1, udi
from odoo.exceptions import UserError
from odoo.tests import tagged

GS = gs1.GS


def gtin(body):
    return body + str(gs1.check_digit(body))


@tagged("post_install", "-at_install")
class TestScanning(MeddevStockCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.future = cls.today + datetime.timedelta(days=400)
        cls.past = cls.today - datetime.timedelta(days=3)
        cls.device = cls.env["product.product"].create({
            "name": "Scanned catheter", "is_storable": True, "tracking": "lot", "use_expiration_date": True,
            "meddev_udi_regulated": True, "meddev_udi_di": gtin("0695999930001"), "meddev_pi_expiry_date": True})
        cls.box = cls.env["product.packaging"].create({
            "name": "Box of 20", "product_id": cls.device.id, "qty": 20, "barcode": gtin("1695999930001")})
        cls.pump = cls.env["product.product"].create({
            "name": "Scanned pump", "is_storable": True, "tracking": "serial",
            "meddev_udi_regulated": True, "meddev_udi_di": gtin("0695999930002"), "meddev_pi_serial": True,
            "meddev_pi_lot": False})
        cls.other = cls.env["product.product"].create({
            "name": "Not in the transfer", "is_storable": True, "tracking": "lot",
            "meddev_udi_regulated": True, "meddev_udi_di": gtin("0695999930003")})
        cls.shelf = cls.env["stock.location"].create({"name": "Shelf S", "location_id": cls.stock.id})

    def udi(self, product, lot=None, serial=None, expiry=None, packaging=None, hri=False, prefix="]d2"):
        elements = [("01", gs1.gtin14(packaging.barcode if packaging else product.meddev_udi_di))]
        elements += udi.pi_elements(lot=lot, serial=serial, expiry_date=expiry)
        return gs1.hri(elements) if hri else prefix + gs1.element_string(elements)

    def lines(self, picking):
        return sorted((ml.id, ml.lot_id.id, ml.quantity, ml.picked) for ml in picking.move_ids.move_line_ids)

    def assert_refused(self, record, barcode, message, method="meddev_scan_udi"):
        lots = self.env["stock.lot"].search_count([])
        before = self.lines(record) if record._name == "stock.picking" else None
        with self.assertRaisesRegex(UserError, message):
            getattr(record, method)(barcode)
        self.assertEqual(self.env["stock.lot"].search_count([]), lots, "a refused scan creates no lot")
        if before is not None:
            self.assertEqual(self.lines(record), before, "a refused scan changes no move line")

    def stock_lot(self, product, name, qty, location=None, expiry=None):
        lot = self.env["stock.lot"].create({"name": name, "product_id": product.id,
                                            "expiration_date": expiry and fields.Datetime.to_datetime(expiry)})
        self.env["stock.quant"]._update_available_quantity(product, location or self.stock, qty, lot_id=lot)
        return lot

    def delivery(self, product, qty, picking_type=None, destination=None):
        destination = destination or self.customer_location
        picking = self.env["stock.picking"].create({
            "picking_type_id": (picking_type or self.warehouse.out_type_id).id,
            "location_id": self.stock.id, "location_dest_id": destination.id,
            "move_ids": [Command.create({
                "name": product.name, "product_id": product.id, "product_uom_qty": qty,
                "location_id": self.stock.id, "location_dest_id": destination.id})],
        })
        picking.action_confirm()
        return picking

    # Receipts ------------------------------------------------------------

    def test_receipt_creates_the_lot_with_its_expiry_and_counts_packaging(self):
        picking = self.receipt(self.device, 41)
        result = picking.meddev_scan_udi(self.udi(self.device, lot="RX-1", expiry=self.future))
        self.assertEqual(result["lot"], "RX-1")
        lot = self.env["stock.lot"].search([("name", "=", "RX-1"), ("product_id", "=", self.device.id)])
        self.assertEqual(lot.expiration_date.date(), self.future)
        # A box of 20, in human-readable form, and the same lot keyed with '#' for FNC1 by a wedge scanner.
        picking.meddev_scan_udi(self.udi(self.device, lot="RX-1", expiry=self.future, packaging=self.box, hri=True))
        picking.meddev_scan_udi("01%s10RX-1#17%s" % (gs1.gtin14(self.box.barcode), self.future.strftime("%y%m%d")))
        self.assertEqual(picking.move_ids.quantity, 41)
        self.assertTrue(all(picking.move_ids.move_line_ids.mapped("picked")))
        picking.button_validate()
        self.assertEqual(self.on_hand(self.device, self.stock, lot), 41)

    def test_receipt_of_serials(self):
        picking = self.receipt(self.pump, 2)
        picking.meddev_scan_udi(self.udi(self.pump, serial="SN-1"))
        self.assert_refused(picking, self.udi(self.pump, serial="SN-1"), "already scanned")
        picking.meddev_scan_udi(self.udi(self.pump, serial="SN-2"))
        self.assert_refused(picking, self.udi(self.pump, serial="SN-3"), "would exceed")
        picking.button_validate()
        again = self.receipt(self.pump, 1)
        self.assert_refused(again, self.udi(self.pump, serial="SN-2"), "already in stock")

    def test_receipt_refusals_change_nothing(self):
        picking = self.receipt(self.device, 10)
        self.assert_refused(picking, "]d201%s10X" % gtin("0695999939999"), "No product has the device identifier")
        wrong = gs1.gtin14(self.device.meddev_udi_di)[:-1] + str((int(self.device.meddev_udi_di[-1]) + 1) % 10)
        self.assert_refused(picking, "01%s10X" % wrong, "wrong check digit")
        self.assert_refused(picking, self.udi(self.device, lot="OLD", expiry=self.past), "expired on")
        self.assert_refused(picking, self.udi(self.other, lot="X1"), "wrong product for this transfer")
        self.assert_refused(picking, self.udi(self.device), "carries no lot number")
        self.assert_refused(picking, self.udi(self.device, lot="BIG", packaging=self.box), "would exceed")
        self.assert_refused(picking, "(01)%s(17)261399(10)A" % gs1.gtin14(self.device.meddev_udi_di), "month 13")
        self.assert_refused(picking, "]X9garbage", "not a GS1 one")
        picking.action_cancel()
        self.assert_refused(picking, self.udi(self.device, lot="L", expiry=self.future), "not ready")

    def test_hibcc_udi(self):
        hibc = self.env["product.product"].create({
            "name": "HIBC device", "is_storable": True, "tracking": "lot", "meddev_udi_regulated": True,
            "meddev_issuing_agency": "hibcc", "meddev_udi_di": "+A99912345"})
        picking = self.receipt(hibc, 1)
        picking.meddev_scan_udi(udi.hibcc_udi("+A99912345", lot="HB7", expiry_date=self.future))
        lot = picking.move_ids.move_line_ids.lot_id
        self.assertEqual((lot.name, lot.expiration_date.date()), ("HB7", self.future))

    # Deliveries and internal transfers -----------------------------------

    def test_delivery_picks_the_scanned_lot(self):
        self.stock_lot(self.device, "D-1", 10, expiry=self.future)
        wanted = self.stock_lot(self.device, "D-2", 10, location=self.shelf, expiry=self.future)
        picking = self.delivery(self.device, 5)
        picking.meddev_scan_udi(self.udi(self.device, lot="D-2", expiry=self.future))
        picked = picking.move_ids.move_line_ids.filtered("picked")
        self.assertEqual((picked.lot_id, picked.location_id, picked.quantity), (wanted, self.shelf, 1))
        # What Odoo had reserved gives way to the scanned lot.
        self.assertEqual(sum(picking.move_ids.move_line_ids.mapped("quantity")), 5)

    def test_delivery_refusals(self):
        self.stock_lot(self.device, "D-1", 10, expiry=self.future)
        self.stock_lot(self.device, "D-OLD", 10, expiry=self.past)
        picking = self.delivery(self.device, 5)
        self.assert_refused(picking, self.udi(self.device, lot="NOPE", expiry=self.future), "has no lot or serial")
        self.assert_refused(picking, self.udi(self.device, lot="D-OLD"), "expired on")
        self.assert_refused(picking, self.udi(self.device, lot="D-1", packaging=self.box), "would exceed")
        self.stock_lot(self.device, "D-ELSEWHERE", 1, location=self.env["stock.location"].create({
            "name": "Other warehouse stock", "usage": "internal"}), expiry=self.future)
        self.assert_refused(picking, self.udi(self.device, lot="D-ELSEWHERE"), "is not in stock in")

    def test_internal_transfer(self):
        self.stock_lot(self.pump, "P-1", 1)
        picking = self.delivery(self.pump, 1, self.warehouse.int_type_id, self.shelf)
        picking.meddev_scan_udi(self.udi(self.pump, serial="P-1"))
        picking.button_validate()
        self.assertEqual(self.on_hand(self.pump, self.shelf, picking.move_line_ids.lot_id), 1)

    # Inventory counts ------------------------------------------------------

    def test_inventory_count(self):
        wizard = self.env["meddev.udi.count.wizard"].create({"location_id": self.shelf.id})
        wizard.meddev_scan_udi(self.udi(self.device, lot="C-1", expiry=self.future))
        result = wizard.meddev_scan_udi(self.udi(self.device, lot="C-1", expiry=self.future, packaging=self.box))
        self.assertEqual(result["counted"], 21)
        quant = self.env["stock.quant"].browse(result["quant_id"])
        self.assertEqual((quant.location_id, quant.lot_id.name, quant.inventory_quantity_set),
                         (self.shelf, "C-1", True))
        self.assertEqual(wizard.scan_count, 2)
        self.assertIn("C-1", wizard.log)
        quant.action_apply_inventory()
        self.assertEqual(self.on_hand(self.device, self.shelf, quant.lot_id), 21)

    def test_inventory_count_refusals(self):
        Quant = self.env["stock.quant"]
        Quant.meddev_scan_udi_count(self.udi(self.pump, serial="CNT-1"), self.shelf.id)
        with self.assertRaisesRegex(UserError, "already counted"):
            Quant.meddev_scan_udi_count(self.udi(self.pump, serial="CNT-1"), self.shelf.id)
        with self.assertRaisesRegex(UserError, "already counted in"):
            Quant.meddev_scan_udi_count(self.udi(self.pump, serial="CNT-1"), self.stock.id)
        with self.assertRaisesRegex(UserError, "internal stock location"):
            Quant.meddev_scan_udi_count(self.udi(self.pump, serial="CNT-2"), self.customer_location.id)
        with self.assertRaisesRegex(UserError, "expired on"):
            Quant.meddev_scan_udi_count(self.udi(self.device, lot="EXP", expiry=self.past), self.shelf.id)
        self.assertFalse(self.env["stock.lot"].search([("name", "in", ["CNT-2", "EXP"])]))

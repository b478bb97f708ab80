from odoo import Command
from odoo.addons.meddev_udi.tools import gs1
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


def gtin(body):
    return body + str(gs1.check_digit(body))


@tagged("post_install", "-at_install")
class TestUdiScanningMrp(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.stock = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1).lot_stock_id
        cls.device = env["product.product"].create({
            "name": "Pump", "is_storable": True, "tracking": "serial", "meddev_udi_regulated": True,
            "meddev_udi_di": gtin("0695999940001"), "meddev_pi_serial": True, "meddev_pi_lot": False})
        cls.board = env["product.product"].create({
            "name": "Board", "is_storable": True, "tracking": "lot", "meddev_udi_regulated": True,
            "meddev_udi_di": gtin("0695999940002")})
        cls.stranger = env["product.product"].create({
            "name": "Stranger", "is_storable": True, "tracking": "lot", "meddev_udi_regulated": True,
            "meddev_udi_di": gtin("0695999940003")})
        cls.bom = env["mrp.bom"].create({
            "product_tmpl_id": cls.device.product_tmpl_id.id, "product_qty": 1,
            "bom_line_ids": [Command.create({"product_id": cls.board.id, "product_qty": 1})]})
        cls.board_lot = env["stock.lot"].create({"name": "BRD-1", "product_id": cls.board.id})
        env["stock.quant"]._update_available_quantity(cls.board, cls.stock, 5, lot_id=cls.board_lot)

    def udi(self, product, lot=None, serial=None):
        elements = [("01", gs1.gtin14(product.meddev_udi_di))]
        elements += [("10", lot)] if lot else []
        elements += [("21", serial)] if serial else []
        return gs1.element_string(elements)

    def production(self):
        production = self.env["mrp.production"].create({
            "product_id": self.device.id, "bom_id": self.bom.id, "product_qty": 1})
        production.action_confirm()
        return production

    def test_scan_component_and_finished_serial_then_produce(self):
        production = self.production()
        result = production.meddev_scan_udi(self.udi(self.board, lot="BRD-1"))
        self.assertEqual(result["lot"], "BRD-1")
        line = production.move_raw_ids.move_line_ids.filtered("picked")
        self.assertEqual((line.lot_id, line.quantity), (self.board_lot, 1))
        production.meddev_scan_udi(self.udi(self.device, serial="PMP-001"))
        self.assertEqual(production.lot_producing_id.name, "PMP-001")
        self.assertEqual(production.qty_producing, 1)
        production.button_mark_done()
        self.assertEqual(production.state, "done")
        again = self.production()
        with self.assertRaisesRegex(UserError, "already produced"):
            again.meddev_scan_udi(self.udi(self.device, serial="PMP-001"))
        self.assertFalse(again.lot_producing_id)

    def test_refusals(self):
        production = self.production()
        with self.assertRaisesRegex(UserError, "wrong product for this order"):
            production.meddev_scan_udi(self.udi(self.stranger, lot="S"))
        with self.assertRaisesRegex(UserError, "has no lot or serial"):
            production.meddev_scan_udi(self.udi(self.board, lot="UNKNOWN"))
        self.assertFalse(production.move_raw_ids.move_line_ids.filtered("picked"))
        production.action_cancel()
        with self.assertRaisesRegex(UserError, "not in progress"):
            production.meddev_scan_udi(self.udi(self.board, lot="BRD-1"))

from odoo import Command
from odoo.addons.meddev_quality.tests.common import MeddevHttpCase
from odoo.addons.meddev_udi.tools import gs1
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestScanUi(MeddevHttpCase):

    def test_wedge_scanner_on_a_receipt(self):
        new_test_user(self.env, login="md_tour_stock", password="md_tour_stock-pw", groups="stock.group_stock_user")
        di = "0695999950001"
        product = self.env["product.product"].create({
            "name": "Tour catheter", "is_storable": True, "tracking": "lot", "meddev_udi_regulated": True,
            "meddev_udi_di": di + str(gs1.check_digit(di))})
        box = self.env["product.packaging"].create({
            "name": "Box", "product_id": product.id, "qty": 20, "barcode": "16959999500019"})
        self.assertTrue(box.barcode)
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", self.env.company.id)], limit=1)
        supplier = self.env.ref("stock.stock_location_suppliers")
        picking = self.env["stock.picking"].create({
            "picking_type_id": warehouse.in_type_id.id, "location_id": supplier.id,
            "location_dest_id": warehouse.lot_stock_id.id,
            "move_ids": [Command.create({
                "name": product.name, "product_id": product.id, "product_uom_qty": 40,
                "location_id": supplier.id, "location_dest_id": warehouse.lot_stock_id.id})],
        })
        picking.action_confirm()
        self.start_tour("/odoo/action-stock.action_picking_tree_all/%d" % picking.id, "meddev_udi_scan_receipt",
                        login="md_tour_stock", timeout=120)
        line = picking.move_ids.move_line_ids.filtered("picked")
        self.assertEqual((line.lot_id.name, line.quantity), ("TOUR-LOT", 20))
        self.assertEqual(str(line.lot_id.expiration_date.date()), "2030-12-31")

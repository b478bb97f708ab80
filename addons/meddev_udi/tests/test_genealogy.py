import io

import openpyxl

from odoo import Command
from odoo.addons.meddev_quality.tests.common import MeddevHttpCase
from odoo.addons.meddev_quality.tests.common_stock import MeddevStockCase
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestGenealogy(MeddevStockCase):
    """One lot received, moved inside the warehouse, split between two customers, one return."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.meddev_regulated = False
        cls.shelf = cls.env["stock.location"].create({"name": "Shelf B", "location_id": cls.stock.id})
        cls.hospital = cls.env["res.partner"].create({"name": "Hospital North"})
        cls.clinic = cls.env["res.partner"].create({"name": "Clinic South"})

    def move(self, lot, qty, source, destination, partner=None, picking_type=None):
        picking = self.env["stock.picking"].create({
            "picking_type_id": (picking_type or self.warehouse.int_type_id).id,
            "partner_id": partner and partner.id,
            "location_id": source.id, "location_dest_id": destination.id,
            "move_ids": [Command.create({
                "name": lot.product_id.name, "product_id": lot.product_id.id, "product_uom_qty": qty,
                "location_id": source.id, "location_dest_id": destination.id})],
        })
        picking.action_confirm()
        picking.move_ids.move_line_ids.unlink()
        picking.move_ids.move_line_ids = [Command.create({
            "product_id": lot.product_id.id, "lot_id": lot.id, "quantity": qty, "picking_id": picking.id,
            "location_id": source.id, "location_dest_id": destination.id})]
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        return picking

    def test_lot_history_stock_and_customers(self):
        receipt = self.receipt(self.catheter, 100)
        self.validate(receipt, lot_name="GEN-1")
        lot = receipt.move_line_ids.lot_id
        self.move(lot, 40, self.stock, self.shelf)
        first = self.move(lot, 30, self.shelf, self.customer_location, self.hospital, self.warehouse.out_type_id)
        self.move(lot, 25, self.stock, self.customer_location, self.clinic, self.warehouse.out_type_id)
        self.move(lot, 5, self.customer_location, self.stock, self.clinic, self.warehouse.in_type_id)

        Genealogy = self.env["meddev.genealogy"]
        self.assertEqual(Genealogy._trace_lot_ids(lot.ids), lot.ids)
        self.assertEqual(Genealogy._trace_lot_ids(lot.ids, "backward"), lot.ids)
        stock = {(row["location_id"], row["quantity"]) for row in Genealogy._lot_stock(lot.ids)}
        self.assertEqual(stock, {(self.shelf.id, 10), (self.stock.id, 40)})
        deliveries = Genealogy._lot_deliveries(lot.ids)
        self.assertEqual([(d["partner_id"], d["quantity"]) for d in deliveries],
                         [(self.hospital.id, 30), (self.clinic.id, 25)])
        self.assertEqual(deliveries[0]["picking_id"], first.id)

        root = Genealogy.get_trace(lot.id, "forward")["root"]
        self.assertEqual([e["kind"] for e in root["events"]],
                         ["receipt", "internal", "delivery", "delivery", "return"])
        self.assertEqual(root["events"][0]["partner"], self.supplier.name)
        self.assertEqual((root["on_hand"], root["delivered"], root["children"]), (50, 55, []))

    def test_tree_without_events_for_the_web_client(self):
        receipt = self.receipt(self.catheter, 20)
        self.validate(receipt, lot_name="GEN-2")
        lot = receipt.move_line_ids.lot_id
        self.move(lot, 8, self.stock, self.customer_location, self.hospital, self.warehouse.out_type_id)
        Genealogy = self.env["meddev.genealogy"]
        full = Genealogy.get_trace(lot.id, "forward")["root"]
        light = Genealogy.get_trace(lot.id, "forward", with_events=False)["root"]
        self.assertEqual((light["events"], light["event_count"], light["delivered"], light["on_hand"]),
                         ([], 2, 8, 12))
        self.assertEqual({key: value for key, value in full.items() if key != "events"},
                         {key: value for key, value in light.items() if key != "events"})
        self.assertEqual(Genealogy.get_lot_events(lot.id), full["events"])
        self.assertEqual([e["kind"] for e in full["events"]], ["receipt", "delivery"])

    def test_trace_needs_the_right_to_read_lots(self):
        with self.assertRaises(AccessError):
            self.env["meddev.genealogy"].with_user(self.plain_user)._trace_lot_ids([1])

    def test_unknown_direction_is_refused(self):
        with self.assertRaisesRegex(Exception, "Unknown trace direction"):
            self.env["meddev.genealogy"]._trace_lot_ids([1], "sideways")


class LotHistoryUiCase(MeddevHttpCase):
    """Lot GEN-UI: 10 received, 5 delivered to Hospital UI."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env.company.meddev_regulated = False
        new_test_user(env, login="md_tour_genealogy", password="md_tour_genealogy-pw",
                      groups="stock.group_stock_user,stock.group_production_lot")
        warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
        product = env["product.product"].create({"name": "UI catheter", "is_storable": True, "tracking": "lot"})
        cls.lot = env["stock.lot"].with_context(meddev_lot_from_udi=True).create(
            {"name": "GEN-UI", "product_id": product.id})
        hospital = env["res.partner"].create({"name": "Hospital UI"})
        for picking_type, source, destination, partner in (
                (warehouse.in_type_id, env.ref("stock.stock_location_suppliers"), warehouse.lot_stock_id, False),
                (warehouse.out_type_id, warehouse.lot_stock_id, env.ref("stock.stock_location_customers"), hospital)):
            picking = env["stock.picking"].create({
                "picking_type_id": picking_type.id, "partner_id": partner and partner.id,
                "location_id": source.id, "location_dest_id": destination.id,
                "move_ids": [Command.create({
                    "name": product.name, "product_id": product.id, "product_uom_qty": 5,
                    "location_id": source.id, "location_dest_id": destination.id})],
            })
            picking.action_confirm()
            picking.move_ids.move_line_ids.unlink()
            picking.move_ids.move_line_ids = [Command.create({
                "product_id": product.id, "lot_id": cls.lot.id, "quantity": 5 if partner else 10,
                "picking_id": picking.id, "location_id": source.id, "location_dest_id": destination.id})]
            picking.move_ids.picked = True
            picking.button_validate()
            assert picking.state == "done", picking.state
        cls.hospital = hospital


@tagged("post_install", "-at_install")
class TestGenealogyUi(LotHistoryUiCase):
    """The genealogy client action from the lot form, and its XLSX download."""

    def test_tree_in_the_web_client(self):
        self.start_tour("/odoo/action-stock.action_production_lot_form/%d" % self.lot.id, "meddev_udi_genealogy",
                        login="md_tour_genealogy", timeout=120)

    def test_xlsx_download(self):
        self.authenticate("md_tour_genealogy", "md_tour_genealogy-pw")
        response = self.url_open("/meddev_udi/genealogy/%d/xlsx" % self.lot.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        rows = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
        self.assertEqual([(row[1], row[5], row[6]) for row in rows], [("GEN-UI", 5, 5)])
        self.assertIn("Hospital UI", rows[0][8])
        self.assertEqual(self.url_open("/meddev_udi/genealogy/999999999/xlsx").status_code, 404)

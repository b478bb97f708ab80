from odoo import Command
from odoo.addons.meddev_quality.tests.common_stock import MeddevStockCase
from odoo.exceptions import AccessError
from odoo.tests import tagged


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

    def test_trace_needs_the_right_to_read_lots(self):
        with self.assertRaises(AccessError):
            self.env["meddev.genealogy"].with_user(self.plain_user)._trace_lot_ids([1])

    def test_unknown_direction_is_refused(self):
        with self.assertRaisesRegex(Exception, "Unknown trace direction"):
            self.env["meddev.genealogy"]._trace_lot_ids([1], "sideways")

from datetime import timedelta

from odoo import Command, fields
from odoo.addons.meddev_mrp.tests.test_genealogy_mrp import GenealogyMrpCase
from odoo.tests import Form, tagged


@tagged("post_install", "-at_install")
class TestSubcontractingTrace(GenealogyMrpCase):
    """Resin we buy, send to a molder and get back as drip chambers, assembled into devices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        product = cls._lot_product
        cls.resin, cls.chamber, cls.device = product("Resin"), product("Drip chamber"), product("Infusion set")
        cls.resin_supplier = env["res.partner"].create({"name": "Resin Supplier"})
        cls.molder = env["res.partner"].create({"name": "Molder"})
        env["mrp.bom"].create({
            "product_tmpl_id": cls.chamber.product_tmpl_id.id, "product_qty": 1, "type": "subcontract",
            "subcontractor_ids": [Command.link(cls.molder.id)],
            "bom_line_ids": [Command.create({"product_id": cls.resin.id, "product_qty": 1})]})
        cls.device_bom = env["mrp.bom"].create({
            "product_tmpl_id": cls.device.product_tmpl_id.id, "product_qty": 1,
            "bom_line_ids": [Command.create({"product_id": cls.chamber.id, "product_qty": 1})]})

        cls.resin_lot = env["stock.lot"].create({"name": "RESIN-1", "product_id": cls.resin.id})
        cls.resin_receipt = cls._transfer(cls.warehouse.in_type_id, cls.resin_supplier, cls.resin_lot, 10,
                                          env.ref("stock.stock_location_suppliers"), cls.stock)
        cls.resupply = cls._transfer(cls.warehouse.subcontracting_resupply_type_id, cls.molder, cls.resin_lot, 10,
                                     cls.stock, cls.molder.property_stock_subcontractor)
        cls.chamber_lot = env["stock.lot"].create({"name": "CHAMBER-1", "product_id": cls.chamber.id})
        cls.chamber_receipt, cls.molding = cls._receive_from_molder(cls.chamber_lot, 10)
        cls.device_lot = cls._produce(cls.device_bom, "SET-1", 6, [(cls.chamber_lot, 6)])
        cls.delivery = cls._deliver(cls.device_lot, 4, cls.customer_a)

    @classmethod
    def _receive_from_molder(cls, lot, qty):
        """The subcontracting receipt, with the resin lot the molder used recorded on its order."""
        form = Form(cls.env["stock.picking"])
        form.picking_type_id = cls.warehouse.in_type_id
        form.partner_id = cls.molder
        with form.move_ids_without_package.new() as move:
            move.product_id = cls.chamber
            move.product_uom_qty = qty
        receipt = form.save()
        receipt.action_confirm()
        action = receipt.action_record_components()
        production = cls.env["mrp.production"].browse(action["res_id"])
        production_form = Form(production.with_context(**action["context"]), view=action["view_id"])
        production_form.qty_producing = qty
        production_form.lot_producing_id = lot
        with production_form.move_line_raw_ids.edit(0) as line:
            line.lot_id = cls.resin_lot
            line.quantity = qty
        production = production_form.save()
        production.subcontracting_record_component()
        receipt.button_validate()
        assert receipt.state == "done" and production.state == "done", (receipt.state, production.state)
        return receipt, production

    def test_trace_through_the_subcontractor(self):
        Genealogy = self.env["meddev.genealogy"]
        self.assertEqual(self.names(Genealogy._trace_lot_ids(self.resin_lot.ids)), {"RESIN-1", "CHAMBER-1", "SET-1"})
        self.assertEqual(self.names(Genealogy._trace_lot_ids(self.device_lot.ids, "backward")),
                         {"SET-1", "CHAMBER-1", "RESIN-1"})

        backward = Genealogy.get_trace(self.device_lot.id, "backward")["root"]
        chamber = backward["children"][0]
        self.assertEqual((chamber["lot_name"], chamber["quantity"]), ("CHAMBER-1", 6))
        resin = chamber["children"][0]
        self.assertEqual((resin["lot_name"], resin["quantity"], resin["on_hand"]), ("RESIN-1", 10, 0),
                         "the molder consumed all the resin it was sent")
        # The chambers were received from the molder (not merely moved), made on its subcontracting order.
        assembly = self.env["mrp.production"].search([("lot_producing_id", "=", self.device_lot.id)])
        self.assertCountEqual(
            [(event["kind"], event["document_name"] or event["reference"]) for event in chamber["events"]],
            [("produced", self.molding.name), ("receipt", self.chamber_receipt.name), ("consumed", assembly.name)])
        [receipt] = [event for event in chamber["events"] if event["kind"] == "receipt"]
        self.assertEqual((receipt["partner"], receipt["picking_id"]),
                         (self.molder.display_name, self.chamber_receipt.id))
        # The resin: bought, sent to the molder, consumed there.
        resin_events = [(event["kind"], event["reference"], event["document_name"]) for event in resin["events"]]
        self.assertCountEqual(resin_events, [
            ("receipt", self.resin_receipt.name, False),
            ("internal", self.resupply.name, False),
            ("consumed", self.molding.name, self.molding.name),
        ])

        forward = Genealogy.get_trace(self.resin_lot.id, "forward")["root"]
        device = forward["children"][0]["children"][0]
        self.assertEqual((device["lot_name"], device["on_hand"], device["delivered"]), ("SET-1", 2, 4))

    def test_recall_from_the_subcontractor(self):
        """A molder's notice: what it sent us in a period, and where that went."""
        today = fields.Date.today()
        recall = self.env["meddev.recall"].create({
            "title": "Molder notice", "trigger": "supplier", "start_mode": "supplier", "supplier_id": self.molder.id,
            "date_from": today - timedelta(days=1), "date_to": today + timedelta(days=1)})
        recall.action_compute()
        lines = {line.lot_id.name: line for line in recall.lot_ids}
        self.assertEqual(set(lines), {"CHAMBER-1", "SET-1"}, "the resin sent to the molder is not its shipment")
        self.assertTrue(lines["CHAMBER-1"].is_suspect)
        self.assertEqual(lines["CHAMBER-1"].qty_on_hand, 4)
        self.assertTrue(lines["SET-1"].is_finished)
        self.assertEqual((lines["SET-1"].qty_on_hand, lines["SET-1"].qty_shipped), (2, 4))
        self.assertEqual(recall.customer_ids.partner_id, self.customer_a)
        self.assertEqual(recall.customer_ids.picking_ids, self.delivery)

        # The resin supplier's lot reaches the same devices through the molder.
        resin_recall = self.env["meddev.recall"].create({
            "title": "Resin notice", "trigger": "supplier", "start_mode": "supplier",
            "supplier_id": self.resin_supplier.id,
            "date_from": today - timedelta(days=1), "date_to": today + timedelta(days=1)})
        resin_recall.action_compute()
        self.assertEqual(set(resin_recall.lot_ids.lot_id.mapped("name")), {"RESIN-1", "CHAMBER-1", "SET-1"})
        self.assertEqual(resin_recall.customer_ids.partner_id, self.customer_a)

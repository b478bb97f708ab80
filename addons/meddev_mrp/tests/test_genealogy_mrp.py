import base64
import io

import openpyxl

from odoo import Command
from odoo.tests import TransactionCase, tagged


class GenealogyMrpCase(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
        cls.stock = cls.warehouse.lot_stock_id
        cls.customer_a = env["res.partner"].create({"name": "Hospital A"})
        cls.customer_b = env["res.partner"].create({"name": "Hospital B"})

    @classmethod
    def _lot_product(cls, name):
        return cls.env["product.product"].create({"name": name, "is_storable": True, "tracking": "lot"})

    @classmethod
    def _receive(cls, product, lot_name, qty):
        lot = cls.env["stock.lot"].create({"name": lot_name, "product_id": product.id})
        cls.env["stock.quant"]._update_available_quantity(product, cls.stock, qty, lot_id=lot)
        return lot

    @classmethod
    def _produce(cls, bom, lot_name, qty, consumption):
        product = bom.product_tmpl_id.product_variant_id
        production = cls.env["mrp.production"].create({"product_id": product.id, "bom_id": bom.id, "product_qty": qty})
        production.action_confirm()
        production.lot_producing_id = cls.env["stock.lot"].create({"name": lot_name, "product_id": product.id})
        production.qty_producing = qty
        move = production.move_raw_ids
        move.move_line_ids.unlink()
        move.move_line_ids = [Command.create({
            "lot_id": lot.id, "quantity": lot_qty, "product_id": move.product_id.id,
            "location_id": move.location_id.id, "location_dest_id": move.location_dest_id.id,
        }) for lot, lot_qty in consumption]
        move.picked = True
        production.button_mark_done()
        assert production.state == "done", production.state
        return production.lot_producing_id

    @classmethod
    def _transfer(cls, operation, partner, lot, qty, source, destination):
        """A done transfer of ``qty`` of ``lot`` from ``source`` to ``destination``."""
        product = lot.product_id
        picking = cls.env["stock.picking"].create({
            "picking_type_id": operation.id, "partner_id": partner.id,
            "location_id": source.id, "location_dest_id": destination.id,
            "move_ids": [Command.create({"name": product.name, "product_id": product.id, "product_uom_qty": qty,
                                         "location_id": source.id, "location_dest_id": destination.id})],
        })
        picking.action_confirm()
        move = picking.move_ids
        move.move_line_ids.unlink()
        move.move_line_ids = [Command.create({
            "lot_id": lot.id, "quantity": qty, "product_id": product.id, "picking_id": picking.id,
            "location_id": source.id, "location_dest_id": destination.id})]
        move.picked = True
        picking.button_validate()
        assert picking.state == "done", picking.state
        return picking

    @classmethod
    def _deliver(cls, lot, qty, partner):
        return cls._transfer(cls.warehouse.out_type_id, partner, lot, qty, cls.stock,
                             cls.env.ref("stock.stock_location_customers"))

    def names(self, lot_ids):
        return set(self.env["stock.lot"].browse(lot_ids).mapped("name"))


@tagged("post_install", "-at_install")
class TestGenealogyMrp(GenealogyMrpCase):
    """Component lots -> sub-assembly lots -> finished lots, with a split and a merge."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        product = cls._lot_product
        cls.component, cls.sub, cls.finished = product("Tube"), product("Sub-assembly"), product("Device")
        cls.sub_bom = env["mrp.bom"].create({
            "product_tmpl_id": cls.sub.product_tmpl_id.id, "product_qty": 1,
            "bom_line_ids": [Command.create({"product_id": cls.component.id, "product_qty": 2})]})
        cls.finished_bom = env["mrp.bom"].create({
            "product_tmpl_id": cls.finished.product_tmpl_id.id, "product_qty": 1,
            "bom_line_ids": [Command.create({"product_id": cls.sub.id, "product_qty": 1})]})
        cls.c1 = cls._receive(cls.component, "C1", 10)
        cls.c2 = cls._receive(cls.component, "C2", 10)
        # S1 merges C1 and C2; C2 is split between S1 and S2.
        cls.s1 = cls._produce(cls.sub_bom, "S1", 6, [(cls.c1, 10), (cls.c2, 2)])
        cls.s2 = cls._produce(cls.sub_bom, "S2", 4, [(cls.c2, 8)])
        cls.f1 = cls._produce(cls.finished_bom, "F1", 5, [(cls.s1, 5)])
        cls.f2 = cls._produce(cls.finished_bom, "F2", 5, [(cls.s1, 1), (cls.s2, 4)])
        cls._deliver(cls.f1, 3, cls.customer_a)
        cls._deliver(cls.f2, 2, cls.customer_b)

    def test_forward_and_backward_over_levels(self):
        Genealogy = self.env["meddev.genealogy"]
        self.assertEqual(self.names(Genealogy._trace_lot_ids(self.c2.ids)), {"C2", "S1", "S2", "F1", "F2"})
        self.assertEqual(self.names(Genealogy._trace_lot_ids(self.c1.ids)), {"C1", "S1", "F1", "F2"})
        self.assertEqual(self.names(Genealogy._trace_lot_ids(self.f2.ids, "backward")), {"F2", "S1", "S2", "C1", "C2"})
        self.assertEqual(self.names(Genealogy._trace_lot_ids(self.f1.ids, "backward")), {"F1", "S1", "C1", "C2"})
        self.assertEqual(self.names(Genealogy._trace_lot_ids(self.s2.ids, "backward")), {"S2", "C2"})

    def test_tree_quantities(self):
        tree = self.env["meddev.genealogy"].get_trace(self.c2.id, "forward")["root"]
        children = {node["lot_name"]: node for node in tree["children"]}
        self.assertEqual({name: node["quantity"] for name, node in children.items()}, {"S1": 2, "S2": 8})
        self.assertEqual({n["lot_name"]: n["quantity"] for n in children["S2"]["children"]}, {"F2": 4})
        f2 = children["S2"]["children"][0]
        self.assertEqual((f2["on_hand"], f2["delivered"]), (3, 2))
        kinds = [event["kind"] for event in f2["events"]]
        self.assertEqual(kinds, ["produced", "delivery"])
        self.assertEqual(f2["events"][1]["partner"], "Hospital B")
        backward = self.env["meddev.genealogy"].get_trace(self.f2.id, "backward")["root"]
        self.assertEqual({n["lot_name"]: n["quantity"] for n in backward["children"]}, {"S1": 1, "S2": 4})

    def test_deliveries_and_stock_of_affected_lots(self):
        Genealogy = self.env["meddev.genealogy"]
        reached = Genealogy._trace_lot_ids(self.c2.ids)
        deliveries = {(d["lot_id"], d["partner_id"], d["quantity"]) for d in Genealogy._lot_deliveries(reached)}
        self.assertEqual(deliveries, {(self.f1.id, self.customer_a.id, 3), (self.f2.id, self.customer_b.id, 2)})
        stock = {(s["lot_id"], s["quantity"]) for s in Genealogy._lot_stock(reached)}
        self.assertEqual(stock, {(self.f1.id, 2), (self.f2.id, 3)})

    def test_same_lots_as_odoo_traceability_report(self):
        # Odoo's report, unfolded from the finished lot, reaches the same component lots.
        report = self.env["stock.traceability.report"].with_context(active_id=self.f2.id, model="stock.lot")
        seen, todo = set(), report.get_lines()
        while todo:
            line = todo.pop()
            seen.add(line["lot_name"])
            if line.get("unfoldable"):
                todo += report.get_lines(line["id"], model_id=line["model_id"], model_name=line["model"],
                                         level=line["level"] + 1)
        ours = self.names(self.env["meddev.genealogy"]._trace_lot_ids(self.f2.ids, "backward"))
        self.assertEqual({name for name in seen if name} & ours, ours)

    def test_xlsx_export(self):
        data = self.env["meddev.genealogy"].export_trace_xlsx(self.c2.id)
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(data)))
        forward = [[cell.value for cell in row] for row in book.worksheets[0].iter_rows(min_row=2)]
        self.assertEqual(sorted((row[0], row[1]) for row in forward),
                         [(0, "C2"), (1, "S1"), (1, "S2"), (2, "F1"), (2, "F2"), (2, "F2")])
        backward = [row[1] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
        self.assertEqual(backward, ["C2"])

    def test_events_link_their_manufacturing_order(self):
        production = self.env["mrp.production"].search([("lot_producing_id", "=", self.s2.id)])
        tree = self.env["meddev.genealogy"].get_trace(self.c2.id, "forward")["root"]
        consumed = [event for event in tree["events"] if event["kind"] == "consumed"]
        self.assertIn(("mrp.production", production.id, production.name),
                      [(e["document_model"], e["document_id"], e["document_name"]) for e in consumed])
        s2 = next(node for node in tree["children"] if node["lot_name"] == "S2")
        self.assertEqual(next((e["kind"], e["document_id"]) for e in s2["events"]), ("produced", production.id))
        self.assertEqual(self.env["meddev.genealogy"].get_lot_events(self.s2.id), s2["events"])


@tagged("post_install", "-at_install")
class TestGenealogySerials(GenealogyMrpCase):
    """Three levels down to finished serials: resin lots -> tubing lots -> one serial per order.

    Tubing lot T1 is split over serials SN1..SN3; SN3 merges T1 and T2; T2 merges two resin lots."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.resin = env["product.product"].create({"name": "Resin", "is_storable": True, "tracking": "lot"})
        cls.tubing = env["product.product"].create({"name": "Tubing", "is_storable": True, "tracking": "lot"})
        cls.pump = env["product.product"].create({"name": "Infusion pump", "is_storable": True,
                                                  "tracking": "serial"})
        cls.tubing_bom = env["mrp.bom"].create({
            "product_tmpl_id": cls.tubing.product_tmpl_id.id, "product_qty": 1,
            "bom_line_ids": [Command.create({"product_id": cls.resin.id, "product_qty": 1})]})
        cls.pump_bom = env["mrp.bom"].create({
            "product_tmpl_id": cls.pump.product_tmpl_id.id, "product_qty": 1,
            "bom_line_ids": [Command.create({"product_id": cls.tubing.id, "product_qty": 2})]})
        cls.r1 = cls._receive(cls.resin, "R1", 20)
        cls.r2 = cls._receive(cls.resin, "R2", 20)
        cls.r3 = cls._receive(cls.resin, "R3", 20)
        cls.t1 = cls._produce(cls.tubing_bom, "T1", 6, [(cls.r1, 6)])
        cls.t2 = cls._produce(cls.tubing_bom, "T2", 4, [(cls.r2, 2), (cls.r3, 2)])
        cls.sn1 = cls._produce(cls.pump_bom, "SN1", 1, [(cls.t1, 2)])
        cls.sn2 = cls._produce(cls.pump_bom, "SN2", 1, [(cls.t1, 2)])
        cls.sn3 = cls._produce(cls.pump_bom, "SN3", 1, [(cls.t1, 1), (cls.t2, 1)])
        cls.sn4 = cls._produce(cls.pump_bom, "SN4", 1, [(cls.t2, 2)])
        cls._deliver(cls.sn1, 1, cls.customer_a)
        cls._deliver(cls.sn3, 1, cls.customer_b)

    def odoo_report_lots(self, lot):
        """Lot names Odoo's traceability report shows for the lot, unfolded completely."""
        report = self.env["stock.traceability.report"].with_context(active_id=lot.id, model="stock.lot")
        seen, todo = set(), report.get_lines()
        while todo:
            line = todo.pop()
            seen.add(line["lot_name"])
            if line.get("unfoldable"):
                todo += report.get_lines(line["id"], model_id=line["model_id"], model_name=line["model"],
                                         level=line["level"] + 1)
        return seen - {False, None, ""}

    def test_serials_forward_and_backward(self):
        Genealogy = self.env["meddev.genealogy"]
        self.assertEqual(self.names(Genealogy._trace_lot_ids(self.r1.ids)), {"R1", "T1", "SN1", "SN2", "SN3"})
        self.assertEqual(self.names(Genealogy._trace_lot_ids(self.r3.ids)), {"R3", "T2", "SN3", "SN4"})
        self.assertEqual(self.names(Genealogy._trace_lot_ids((self.r1 | self.r3).ids)),
                         {"R1", "R3", "T1", "T2", "SN1", "SN2", "SN3", "SN4"})
        self.assertEqual(self.names(Genealogy._trace_lot_ids(self.sn3.ids, "backward")),
                         {"SN3", "T1", "T2", "R1", "R2", "R3"})
        self.assertEqual(self.names(Genealogy._trace_lot_ids(self.sn1.ids, "backward")), {"SN1", "T1", "R1"})

    def test_serial_tree_and_where_they_are(self):
        Genealogy = self.env["meddev.genealogy"]
        tree = Genealogy.get_trace(self.r1.id, "forward")["root"]
        (t1,) = tree["children"]
        self.assertEqual((t1["lot_name"], t1["quantity"], t1["on_hand"]), ("T1", 6, 1))
        self.assertEqual({n["lot_name"]: (n["quantity"], n["on_hand"], n["delivered"]) for n in t1["children"]},
                         {"SN1": (2, 0, 1), "SN2": (2, 1, 0), "SN3": (1, 0, 1)})
        reached = Genealogy._trace_lot_ids(self.r1.ids)
        self.assertEqual({(d["lot_id"], d["partner_id"]) for d in Genealogy._lot_deliveries(reached)},
                         {(self.sn1.id, self.customer_a.id), (self.sn3.id, self.customer_b.id)})
        self.assertEqual({(s["lot_id"], s["quantity"]) for s in Genealogy._lot_stock(reached)},
                         {(self.r1.id, 14), (self.t1.id, 1), (self.sn2.id, 1)})

    def test_same_lots_as_odoo_traceability_report(self):
        # Odoo's report from a lot unfolds upstream only (what it was made of):
        # it must find exactly the lots of the backward trace.
        Genealogy = self.env["meddev.genealogy"]
        for lot in (self.sn1, self.sn3, self.sn4, self.t2):
            with self.subTest(lot=lot.name):
                self.assertEqual(self.names(Genealogy._trace_lot_ids(lot.ids, "backward")),
                                 self.odoo_report_lots(lot))

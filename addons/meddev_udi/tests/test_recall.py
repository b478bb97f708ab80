import base64
import io

import openpyxl
from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.addons.meddev_quality.tests.common_stock import MeddevStockCase
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

APPROVED = "meddev_quality.meaning_approved"


@tagged("post_install", "-at_install")
class TestRecall(MeddevStockCase):
    """A component lot received, shipped to two customers and partly on hand;
    a serial-tracked device received from another supplier."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.quarantine = cls.env["stock.location"]._meddev_quarantine_location(cls.company)
        cls.hospital = cls.env["res.partner"].create({
            "name": "City Hospital", "email": "recalls@cityhospital.example", "phone": "+86 10 1234"})
        cls.clinic = cls.env["res.partner"].create({"name": "Lakeside Clinic", "email": "qa@lakeside.example"})
        cls.pump = cls.env["product.product"].create({
            "name": "Infusion pump", "is_storable": True, "tracking": "serial",
            "meddev_udi_regulated": True, "meddev_udi_di": "06959999000123", "meddev_pi_serial": True,
            "meddev_pi_lot": False, "meddev_lot_stage": "finished"})
        cls.pump_supplier = cls.env["res.partner"].create({"name": "Pump Works GmbH"})

    def setUp(self):
        super().setUp()
        receipt = self.receipt(self.catheter, 100)
        self.validate(receipt, lot_name="CT-RC-01")
        self.lot = receipt.move_line_ids.lot_id
        self.delivery_a = self.deliver(self.hospital, self.lot, 30)
        self.delivery_b = self.deliver(self.clinic, self.lot, 20)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def deliver(self, partner, lot, qty, product=None):
        product = product or lot.product_id
        picking = self.env["stock.picking"].create({
            "picking_type_id": self.warehouse.out_type_id.id,
            "partner_id": partner.id,
            "location_id": self.stock.id,
            "location_dest_id": self.customer_location.id,
            "move_ids": [Command.create({
                "name": product.name, "product_id": product.id, "product_uom_qty": qty,
                "product_uom": product.uom_id.id, "location_id": self.stock.id,
                "location_dest_id": self.customer_location.id})],
        })
        picking.action_confirm()
        picking.move_ids.move_line_ids.unlink()
        picking.move_ids.write({"move_line_ids": [Command.create({
            "product_id": product.id, "product_uom_id": product.uom_id.id, "lot_id": lot.id, "quantity": qty,
            "location_id": self.stock.id, "location_dest_id": self.customer_location.id,
            "picking_id": picking.id})]})
        picking.move_ids.picked = True
        picking._action_done()
        self.assertEqual(picking.state, "done")
        return picking

    def customer_return(self, partner, lot, qty):
        picking = self.env["stock.picking"].create({
            "picking_type_id": self.warehouse.in_type_id.id,
            "partner_id": partner.id,
            "location_id": self.customer_location.id,
            "location_dest_id": self.stock.id,
            "move_ids": [Command.create({
                "name": "return", "product_id": lot.product_id.id, "product_uom_qty": qty,
                "product_uom": lot.product_id.uom_id.id, "location_id": self.customer_location.id,
                "location_dest_id": self.stock.id})],
        })
        picking.action_confirm()
        picking.move_ids.move_line_ids.unlink()
        picking.move_ids.write({"move_line_ids": [Command.create({
            "product_id": lot.product_id.id, "product_uom_id": lot.product_id.uom_id.id, "lot_id": lot.id,
            "quantity": qty, "location_id": self.customer_location.id, "location_dest_id": self.stock.id,
            "picking_id": picking.id})]})
        picking.move_ids.picked = True
        picking._action_done()
        return picking

    def new_recall(self, **vals):
        return self.env["meddev.recall"].with_user(self.inspector).create(dict({
            "title": "Kinked catheter tubes", "trigger": "complaint", "recall_class": "2",
            "suspect_lot_ids": [Command.set(self.lot.ids)],
        }, **vals))

    def traced(self, **vals):
        recall = self.new_recall(**vals)
        recall.action_compute()
        return recall

    def line(self, recall, lot):
        return recall.lot_ids.filtered(lambda line: line.lot_id == lot)

    def customer(self, recall, partner):
        return recall.customer_ids.filtered(lambda c: c.partner_id == partner)

    # ------------------------------------------------------------------
    # Trace
    # ------------------------------------------------------------------
    def test_compute_finds_lots_stock_and_customers(self):
        recall = self.traced()
        self.assertEqual(recall.state, "traced")
        self.assertTrue(recall.name.startswith("RC/"))
        line = self.line(recall, self.lot)
        self.assertTrue(line.is_suspect)
        self.assertTrue(line.is_finished, "a shipped lot is what the recall must reach")
        self.assertEqual(line.qty_shipped, 50)
        self.assertEqual(line.qty_on_hand, 50)
        self.assertFalse(line.is_reconciled)
        self.assertEqual(recall.qty_shipped, 50)
        self.assertEqual(recall.location_ids.location_id, self.stock)
        self.assertEqual(recall.location_ids.quantity, 50)
        self.assertEqual(recall.location_ids.lot_count, 1)
        self.assertEqual(line.location_summary, "%s: 50" % self.stock.display_name)
        self.assertEqual(recall.customer_count, 2)
        hospital = self.customer(recall, self.hospital)
        self.assertEqual(hospital.qty_shipped, 30)
        self.assertEqual(hospital.picking_ids, self.delivery_a)
        self.assertIn(self.delivery_a.name, hospital.delivery_refs)
        self.assertEqual(hospital.email, "recalls@cityhospital.example")
        self.assertEqual(hospital.state, "to_notify")
        self.assertEqual(self.customer(recall, self.clinic).qty_shipped, 20)
        self.assertTrue(recall.date_traced)
        self.assertGreaterEqual(recall.trace_seconds, 0)
        # The trace is rebuilt, not duplicated, when computed again.
        recall.action_compute()
        self.assertEqual(len(recall.lot_ids), 1)
        self.assertEqual(len(recall.customer_ids), 2)
        # The recall is a regulated record.
        self.assertTrue(self.audit_entries("meddev.recall", recall.id, "create"))

    def test_compute_needs_a_start(self):
        recall = self.new_recall(suspect_lot_ids=[Command.clear()])
        with self.assertRaisesRegex(UserError, "choose the suspect lots"):
            recall.action_compute()
        self.assertEqual(recall.state, "draft")
        self.assertFalse(recall.lot_ids)

    def test_supplier_and_date_range_start(self):
        receipt = self.env["stock.picking"].create({
            "picking_type_id": self.warehouse.in_type_id.id, "partner_id": self.pump_supplier.id,
            "location_id": self.supplier_location.id, "location_dest_id": self.stock.id,
            "move_ids": [Command.create({
                "name": "pumps", "product_id": self.pump.id, "product_uom_qty": 3,
                "product_uom": self.pump.uom_id.id, "location_id": self.supplier_location.id,
                "location_dest_id": self.stock.id})],
        })
        receipt.action_confirm()
        for index, move_line in enumerate(receipt.move_ids.move_line_ids):
            move_line.write({"lot_name": "PMP-%03d" % index, "quantity": 1})
        receipt.move_ids.picked = True
        receipt.with_context(meddev_lot_from_udi=True).button_validate()
        self.assertEqual(receipt.state, "done")
        serials = receipt.move_line_ids.lot_id
        self.assertEqual(len(serials), 3)
        self.deliver(self.hospital, serials[0], 1)
        today = fields.Date.context_today(self.env.user)
        recall = self.traced(start_mode="supplier", suspect_lot_ids=[Command.clear()],
                             supplier_id=self.pump_supplier.id, date_from=today, date_to=today)
        self.assertEqual(recall.suspect_lot_ids, serials, "the supplier's lots, not the catheter's")
        self.assertEqual(recall.lot_ids.lot_id, serials)
        self.assertEqual(recall.finished_lot_count, 3)
        self.assertEqual(recall.customer_ids.partner_id, self.hospital)
        self.assertEqual(recall.qty_on_hand, 2)
        # No receipt from that supplier in another range.
        empty = self.new_recall(start_mode="supplier", supplier_id=self.pump_supplier.id,
                                date_from="2000-01-01", date_to="2000-01-31")
        with self.assertRaisesRegex(UserError, "no lot was received from Pump Works"):
            empty.action_compute()

    # ------------------------------------------------------------------
    # Quarantine, notification, acknowledgement
    # ------------------------------------------------------------------
    def test_quarantine_opens_nonconformances(self):
        recall = self.traced(recall_class="1")
        recall.action_quarantine()
        self.assertEqual(recall.state, "in_progress")
        self.assertEqual(self.on_hand(self.catheter, self.quarantine, self.lot), 50)
        self.assertEqual(self.on_hand(self.catheter, self.stock, self.lot), 0)
        nc = recall.nonconformance_ids
        self.assertEqual(len(nc), 1)
        self.assertEqual(nc.state, "quarantined")
        self.assertEqual(nc.lot_ids, self.lot)
        self.assertEqual(nc.source, "complaint")
        self.assertEqual(nc.severity, "critical")
        self.assertIn(recall.name, nc.description)
        self.assertTrue(all(recall.location_ids.mapped("is_quarantine")))
        self.assertEqual(recall.location_ids.location_id, self.quarantine)
        self.assertIn(self.quarantine.display_name, self.line(recall, self.lot).location_summary)
        # Nothing left to quarantine: refused, nothing opened.
        with self.assertRaisesRegex(UserError, "none of the affected lots is on hand"):
            recall.action_quarantine()
        self.assertEqual(len(recall.nonconformance_ids), 1)
        # ...and the nonconformances escalate to one CAPA.
        action = recall.action_escalate_capa()
        capa = self.env["meddev.capa"].browse(action["res_id"])
        self.assertEqual(capa.nonconformance_ids, nc)

    def test_notify_and_acknowledge(self):
        recall = self.traced()
        hospital = self.customer(recall, self.hospital)
        with self.assertRaisesRegex(UserError, "was not notified yet"):
            hospital.with_user(self.inspector).action_acknowledge()
        mails_before = self.env["mail.mail"].sudo().search_count([])
        recall.action_notify_customers()
        mails = self.env["mail.mail"].sudo().search([], order="id desc", limit=2)
        self.assertEqual(self.env["mail.mail"].sudo().search_count([]), mails_before + 2)
        self.assertIn(recall.name, mails[0].subject)
        self.assertIn(self.lot.name, mails.filtered(lambda m: self.hospital in m.recipient_ids).body_html)
        self.assertEqual(recall.state, "in_progress")
        self.assertTrue(recall.date_notified)
        self.assertEqual(set(recall.customer_ids.mapped("state")), {"notified"})
        with self.assertRaisesRegex(UserError, "every customer is already notified"):
            recall.action_notify_customers()
        hospital.with_user(self.inspector).action_acknowledge()
        hospital.with_user(self.inspector).acknowledged_by = "Dr. Wang, head nurse"
        self.assertEqual(hospital.state, "acknowledged")
        self.assertEqual(recall.acknowledged_count, 1)
        # The notification list as XLSX.
        content = base64.b64decode(recall.export_notification_list_xlsx())
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][1], "Customer")
        by_customer = {row[1]: row for row in rows[1:]}
        self.assertEqual(by_customer["City Hospital"][9], 30)
        self.assertEqual(by_customer["City Hospital"][15], "Dr. Wang, head nurse")
        self.assertIn(self.delivery_b.name, by_customer["Lakeside Clinic"][6])
        action = recall.action_export_notification_list()
        self.assertEqual(action["type"], "ir.actions.act_url")

    def test_customer_without_email_is_refused_and_nothing_sent(self):
        self.clinic.email = False
        recall = self.traced()
        with self.assertRaisesRegex(UserError, "Lakeside Clinic"):
            recall.action_notify_customers()
        self.assertFalse(recall.customer_ids.filtered("date_notified"))
        self.assertEqual(recall.state, "traced")

    # ------------------------------------------------------------------
    # Returns, reconciliation, closing
    # ------------------------------------------------------------------
    def test_returns_reconciliation_and_signed_close(self):
        recall = self.traced()
        recall.action_quarantine()
        self.customer_return(self.hospital, self.lot, 30)
        recall.action_refresh()
        line = self.line(recall, self.lot)
        self.assertEqual(line.qty_returned_stock, 30)
        self.assertEqual(self.customer(recall, self.hospital).qty_returned_stock, 30)
        self.assertEqual(self.customer(recall, self.hospital).qty_open, 0)
        self.assertEqual(self.customer(recall, self.clinic).qty_returned_stock, 0)
        self.assertEqual(line.qty_open, 20)
        self.assertEqual(recall.unreconciled_count, 1)
        # Unreconciled: refused, with the lot named, and nothing signed.
        with self.assertRaisesRegex(UserError, r"CT-RC-01 shipped 50.0, accounted 30.0"):
            recall.with_user(self.manager).action_close()
        with self.assertRaisesRegex(UserError, "not reconciled"):
            self.sign(recall, "manager", APPROVED)
        self.assertFalse(recall.signature_ids)
        # The clinic destroyed 15 on site and used 5 on patients.
        line.with_user(self.inspector).write({"qty_destroyed": 15, "qty_other": 5, "note": "5 used in surgery"})
        self.assertTrue(line.is_reconciled)
        entry = self.audit_entries("meddev.recall.lot", line.id, "write")[-1:]
        self.assertEqual(self.changes(entry)["qty_destroyed"], (0.0, 15.0))
        self.assertEqual(entry.user_id, self.inspector)
        self.assertEqual(recall.unreconciled_count, 0)
        action = recall.with_user(self.manager).action_close()
        self.assertEqual(action["res_model"], "meddev.signature.wizard")
        # The inspector who opened the recall cannot approve its closure.
        with self.assertRaisesRegex(UserError, "Quality Manager"):
            self.sign(recall, "inspector", APPROVED)
        self.sign(recall, "manager", APPROVED)
        self.assertEqual(recall.state, "closed")
        self.assertEqual(recall.meddev_sign_state, "signed")
        self.assertTrue(recall.date_closed)
        # Locked: neither the recall nor its lines change any more.
        with self.assertRaisesRegex(UserError, "locked"):
            recall.with_user(self.manager).title = "Changed"
        with self.assertRaisesRegex(UserError, "closed"):
            line.with_user(self.manager).qty_destroyed = 10
        with self.assertRaisesRegex(UserError, "closed"):
            self.customer(recall, self.clinic).with_user(self.manager).note = "late"
        with self.assertRaisesRegex(UserError, "closed"):
            recall.action_refresh()
        # The report carries the notification list, the reconciliation and the signature.
        html = self.env["ir.actions.report"]._render_qweb_html("meddev_udi.report_recall", recall.ids)[0].decode()
        self.assertIn("City Hospital", html)
        self.assertIn("5 used in surgery", html)
        self.assertIn("Test Manager", html)
        self.assertIn("Approved", html)

    def test_negative_accounting_is_refused(self):
        recall = self.traced()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.line(recall, self.lot).write({"qty_destroyed": -1})
            self.env.flush_all()

    # ------------------------------------------------------------------
    # Drills
    # ------------------------------------------------------------------
    def test_drill_records_kpi_and_never_acts(self):
        drill = self.new_recall(is_drill=True)
        self.assertTrue(drill.name.startswith("MRC/"))
        drill.sudo().date_start = fields.Datetime.subtract(fields.Datetime.now(), minutes=12)
        drill.action_compute()
        self.assertGreaterEqual(drill.trace_seconds, 12 * 60)
        self.assertAlmostEqual(drill.trace_minutes, drill.trace_seconds / 60)
        self.assertEqual(len(drill.customer_ids), 2, "the lists are still produced")
        with self.assertRaisesRegex(UserError, "never quarantines"):
            drill.action_quarantine()
        self.assertEqual(self.on_hand(self.catheter, self.stock, self.lot), 50)
        self.assertFalse(drill.nonconformance_ids)
        with self.assertRaisesRegex(UserError, "never notified"):
            drill.action_notify_customers()
        with self.assertRaisesRegex(UserError, "never notifies"):
            drill.customer_ids[0].with_user(self.inspector).date_notified = fields.Datetime.now()
        # A drill recalls nothing, so it closes without reconciliation.
        self.sign(drill, "manager", APPROVED)
        self.assertEqual(drill.state, "closed")

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def test_access_rights(self):
        recall = self.traced()
        stock_user = self.env["res.users"].create({
            "name": "Warehouse clerk", "login": "md_recall_clerk",
            "groups_id": [Command.set([self.env.ref("stock.group_stock_user").id])]})
        self.assertEqual(recall.with_user(stock_user).title, "Kinked catheter tubes")
        self.assertTrue(recall.with_user(stock_user).customer_ids)
        with self.assertRaises(AccessError):
            self.env["meddev.recall"].with_user(stock_user).create({"title": "x"})
        with self.assertRaises(AccessError):
            recall.with_user(stock_user).title = "x"
        with self.assertRaisesRegex(UserError, "Only quality inspectors"):
            self.line(recall, self.lot).with_user(stock_user).write({"qty_destroyed": 1})
        with self.assertRaises(AccessError):
            recall.with_user(self.plain_user).read(["title"])
        with self.assertRaisesRegex(UserError, "Only a Quality Manager"):
            recall.with_user(self.inspector).action_cancel()
        # Another company's users do not see the recall.
        other = self.env["res.company"].create({"name": "Other Med Co"})
        outsider = self.env["res.users"].create({
            "name": "Outsider", "login": "md_recall_outsider", "company_id": other.id,
            "company_ids": [Command.set(other.ids)],
            "groups_id": [Command.set([self.env.ref("meddev_quality.group_meddev_quality_manager").id])]})
        if self.env.ref("meddev_udi.meddev_recall_rule_company", raise_if_not_found=False):
            self.assertFalse(self.env["meddev.recall"].with_user(outsider).search([("id", "=", recall.id)]))

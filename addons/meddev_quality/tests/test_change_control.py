import base64
from datetime import timedelta

import psycopg2

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_stock import MeddevStockCase


@tagged("post_install", "-at_install")
class TestChangeControl(MeddevStockCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.document = cls.env["meddev.document"].with_user(cls.manager).create({
            "code": "SOP-TEST-013", "name": "Control of nonconforming product", "doc_type": "sop"})

    def request(self, role="operator", **vals):
        return self.env["meddev.change.request"].with_user(self.users[role]).create(dict({
            "title": "Initial release", "change_type": "document", "document_id": self.document.id,
            "reason": "New procedure", "impact_note": "Training of QA staff",
            "product_ids": [fields.Command.set(self.pouch.ids)],
        }, **vals))

    def approve_all(self, request):
        self.sign(request, "operator", "meddev_quality.meaning_authored")
        self.sign(request, "inspector", "meddev_quality.meaning_reviewed")
        self.sign(request, "manager", "meddev_quality.meaning_approved")

    def test_revisions_through_change_requests(self):
        first = self.request()
        rev_a = first.new_revision_id
        self.assertEqual((rev_a.name, rev_a.state), ("A", "draft"))
        rev_a.with_user(self.users["operator"]).write({
            "content": "<p>Quarantine, then disposition.</p>",
            "attachment_ids": [fields.Command.create({"name": "SOP-QA-013-A.pdf", "datas": base64.b64encode(b"A")})],
        })
        self.approve_all(first)
        self.assertEqual(first.state, "effective")
        self.assertEqual(self.document.current_revision_id, rev_a)
        self.assertEqual(rev_a.date_effective, fields.Date.today())

        second = self.request(title="Add CAPA escalation", reason="Audit finding AF-7",
                              effective_date=fields.Date.today() + timedelta(days=5))
        rev_b = second.new_revision_id
        self.assertEqual(rev_b.name, "B")
        self.assertIn("Quarantine", rev_b.content)
        self.assertEqual(len(rev_b.attachment_ids), 1)
        self.assertNotEqual(rev_b.attachment_ids, rev_a.attachment_ids, "each revision keeps its own files")
        rev_b.with_user(self.users["operator"]).content = "<p>Quarantine, disposition, escalate.</p>"
        self.sign(second, "operator", "meddev_quality.meaning_authored")
        self.assertEqual(second.state, "approval")
        with self.assertRaisesRegex(UserError, "read-only"):
            rev_b.with_user(self.manager).content = "<p>Changed during approval</p>"
        self.sign(second, "inspector", "meddev_quality.meaning_reviewed")
        self.sign(second, "manager", "meddev_quality.meaning_approved")
        self.assertEqual((second.state, rev_b.state), ("approved", "approved"))
        self.assertEqual(self.document.current_revision_id, rev_a, "not before its effective date")
        self.env["meddev.change.request"]._cron_make_effective()
        self.assertEqual(second.state, "approved")
        self.env.cr.execute("UPDATE meddev_change_request SET effective_date = %s WHERE id = %s",
                            (fields.Date.today(), second.id))
        second.invalidate_recordset(["effective_date"])
        self.env["meddev.change.request"]._cron_make_effective()
        self.assertEqual(second.state, "effective")
        self.assertEqual(self.document.current_revision_id, rev_b)
        self.assertEqual(rev_a.state, "superseded")
        self.assertEqual(self.document.revision_ids.filtered(lambda r: r.state == "effective"), rev_b)
        for user in (self.manager, self.env.ref("base.user_admin")):
            with self.assertRaisesRegex(UserError, "read-only"):
                rev_a.with_user(user).content = "<p>Rewrite history</p>"
        with self.assertRaisesRegex(UserError, "history"):
            rev_a.sudo().unlink()
        with self.assertRaisesRegex(UserError, "locked"):
            second.sudo().title = "Changed"
        # Even a write that bypasses the workflow cannot make two revisions effective.
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError), self.env.cr.savepoint():
            rev_a.with_context(meddev_revision_system=True).write({"state": "effective"})
            rev_a.flush_recordset()

    def test_signing_needs_an_impact_assessment_and_roles(self):
        request = self.request(impact_note=False)
        self.assertEqual(request.stock_on_hand, 0)
        self.env["stock.quant"]._update_available_quantity(self.pouch, self.stock, 12)
        self.env.invalidate_all()
        self.assertEqual(request.stock_on_hand, 12)
        self.assertEqual(request.open_mo_count, 0)
        with self.assertRaisesRegex(UserError, "impact assessment"):
            self.sign(request, "operator", "meddev_quality.meaning_authored")
        request.impact_note = "Stock of 12 pouches unaffected"
        self.sign(request, "operator", "meddev_quality.meaning_authored")
        with self.assertRaisesRegex(UserError, "Quality Inspector"):
            self.sign(request, "operator", "meddev_quality.meaning_reviewed")
        with self.assertRaisesRegex(UserError, "signed"):
            request.action_cancel()
        with self.assertRaises(AccessError):
            self.document.with_user(self.users["operator"]).name = "Renamed"

    def test_cancelled_request_cancels_its_draft_revision(self):
        request = self.request()
        request.action_cancel()
        self.assertEqual((request.state, request.new_revision_id.state), ("cancel", "cancel"))
        self.assertFalse(self.document.current_revision_id)

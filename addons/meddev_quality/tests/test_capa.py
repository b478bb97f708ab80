from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common_stock import MeddevStockCase


@tagged("post_install", "-at_install")
class TestCapa(MeddevStockCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.meddev_capa_rpn_threshold = 40
        cls.company.meddev_capa_escalation_days = 7
        cls.operator = cls.users["operator"]
        cls.env["stock.quant"]._update_available_quantity(cls.pouch, cls.stock, 50)
        # Implementation is verified by an inspector other than the CAPA's author.
        cls.users["verifier"] = new_test_user(cls.env, login="md_verifier", password="md_verifier-pw",
                                              groups="meddev_quality.group_meddev_quality_inspector")

    def new_capa(self, role="inspector", **vals):
        return self.env["meddev.capa"].with_user(self.users[role]).create(dict({
            "title": "Seal failures", "source": "complaint", "source_reference": "CC-2026-014",
            "date_deadline": fields.Date.today() + timedelta(days=30),
        }, **vals))

    def sign_stage(self, capa, role, meaning):
        return self.sign(capa, role, "meddev_quality.meaning_%s" % meaning)

    def investigate(self, capa):
        capa.with_user(self.inspector).write({
            "why_1": "Seal too narrow", "why_2": "Sealer temperature drifted",
            "why_3": "No temperature alarm", "fishbone_category": "machine",
            "root_cause": "Sealer temperature control has no alarm limit."})

    def plan(self, capa, name="Add alarm limits to sealer"):
        capa.with_user(self.inspector).write({
            "action_ids": [Command.create({"name": name, "action_type": "corrective", "user_id": self.operator.id,
                                           "date_deadline": fields.Date.today() + timedelta(days=10)})],
            "effectiveness_criteria": "No seal failure in the next 10 lots",
            "verification_due": fields.Date.today() + timedelta(days=60),
        })

    def test_nc_with_high_risk_needs_a_capa_before_disposition(self):
        nc = self.env["meddev.nonconformance"].with_user(self.inspector).create({
            "product_id": self.pouch.id, "quantity": 5, "disposition": "use_as_is", "disposition_note": "ok",
            "risk_severity": "4", "risk_occurrence": "3", "risk_detection": "4"})
        self.assertEqual((nc.risk_rpn, nc.capa_required), (48, True))
        with self.assertRaisesRegex(UserError, "escalate it to a CAPA"):
            self.sign(nc, "manager", "meddev_quality.meaning_approved")
        action = nc.with_user(self.inspector).action_escalate_capa()
        capa = self.env["meddev.capa"].browse(action["res_id"])
        self.assertEqual(capa.nonconformance_ids, nc)
        self.assertEqual(nc.capa_ids, capa)
        self.assertEqual(capa.risk_rpn, 48)
        self.sign(nc, "manager", "meddev_quality.meaning_approved")
        self.assertEqual(nc.state, "done")
        low = self.env["meddev.nonconformance"].create({
            "product_id": self.pouch.id, "quantity": 1, "risk_severity": "2", "risk_occurrence": "2",
            "risk_detection": "2"})
        self.assertFalse(low.capa_required)

    def test_full_lifecycle_with_a_failed_verification(self):
        capa = self.new_capa()
        self.assertTrue(capa.name.startswith("CAPA/"))
        capa.action_open()
        self.assertEqual(capa.state, "investigation")
        with self.assertRaisesRegex(UserError, "root cause"):
            self.sign_stage(capa, "manager", "reviewed")
        self.investigate(capa)
        with self.assertRaisesRegex(UserError, "Quality Manager"):
            self.sign_stage(capa, "inspector", "reviewed")
        self.sign_stage(capa, "manager", "reviewed")
        self.assertEqual(capa.state, "action_plan")
        with self.assertRaisesRegex(UserError, "already signed"):
            capa.with_user(self.manager).why_1 = "Rewritten"
        with self.assertRaisesRegex(UserError, "at least one action"):
            self.sign_stage(capa, "manager", "approved")
        self.plan(capa)
        self.sign_stage(capa, "manager", "approved")
        self.assertEqual(capa.state, "implementation")
        action = capa.action_ids
        self.assertEqual(action.activity_id.user_id, self.operator)
        self.assertEqual(action.activity_id.date_deadline, action.date_deadline)
        with self.assertRaisesRegex(UserError, "already signed"):
            capa.with_user(self.inspector).write({"action_ids": [Command.create({"name": "Sneaky extra"})]})
        with self.assertRaisesRegex(UserError, "approved"):
            self.env["meddev.capa.action"].with_user(self.inspector).create({"capa_id": capa.id, "name": "Extra"})
        with self.assertRaisesRegex(UserError, "every action done"):
            self.sign_stage(capa, "verifier", "verified")
        # The owner marks the activity done from their chatter: the action is done.
        action.activity_id.with_user(self.operator).action_feedback(feedback="Alarm set at 150-160 C")
        self.assertEqual(action.state, "done")
        self.sign_stage(capa, "verifier", "verified")
        self.assertEqual(capa.state, "verification")
        capa.with_user(self.manager).write({"verification_result": "not_effective",
                                            "verification_note": "Lot 2405 failed again"})
        self.sign_stage(capa, "manager", "effective")
        self.assertEqual((capa.state, capa.reopen_count), ("action_plan", 1))
        self.assertEqual(capa.meddev_sign_state, "in_progress")
        # Reopened: the plan is revised, the root cause stays frozen.
        self.plan(capa, "Validate the sealer (IQ/OQ/PQ)")
        with self.assertRaisesRegex(UserError, "already signed"):
            capa.with_user(self.manager).root_cause = "Other"
        self.sign_stage(capa, "manager", "approved")
        capa.action_ids.filtered(lambda a: a.state == "open").with_user(self.operator).action_done()
        self.sign_stage(capa, "verifier", "verified")
        capa.with_user(self.manager).write({"verification_result": "effective",
                                            "verification_note": "10 lots without seal failure"})
        self.sign_stage(capa, "manager", "effective")
        self.assertEqual(capa.state, "closed")
        self.assertEqual(capa.meddev_sign_state, "signed")
        self.assertTrue(capa.date_closed)
        self.assertGreaterEqual(capa.cycle_days, 0)
        self.assertEqual(len(capa.signature_ids), 7)
        self.assertEqual([s.meaning_id.code for s in capa.signature_ids.sorted("step")],
                         ["reviewed", "approved", "verified", "effective", "approved", "verified", "effective"])
        for user in (self.manager, self.env.ref("base.user_admin")):
            with self.assertRaisesRegex(UserError, "closed"):
                capa.with_user(user).title = "Changed"
        with self.assertRaisesRegex(UserError, "closed"):
            capa.sudo().unlink()

    def test_author_cannot_approve_and_roles(self):
        capa = self.new_capa("manager")
        capa.action_open()
        self.investigate(capa)
        self.sign_stage(capa, "manager", "reviewed")  # a review is not an approval
        self.plan(capa)
        with self.assertRaisesRegex(UserError, "authored"):
            self.sign_stage(capa, "manager", "approved")
        with self.assertRaises(AccessError):
            self.env["meddev.capa"].with_user(self.operator).create({"title": "x"})
        with self.assertRaisesRegex(UserError, "Quality Manager"):
            capa.with_user(self.inspector).action_cancel()
        capa.with_user(self.manager).action_cancel()
        self.assertEqual(capa.state, "cancel")

    def test_overdue_escalation_goes_to_the_owner_then_the_quality_managers(self):
        today = fields.Date.today()
        capa = self.new_capa(date_deadline=today - timedelta(days=2))
        on_time = self.new_capa(date_deadline=today + timedelta(days=2))
        self.assertTrue(capa.is_overdue)
        self.assertIn(capa, self.env["meddev.capa"].search([("is_overdue", "=", True)]))
        Capa = self.env["meddev.capa"]
        Capa._cron_escalate_overdue()
        self.assertEqual(capa.escalation_level, 1)
        self.assertEqual(capa.activity_ids.user_id, self.inspector)
        self.assertFalse(on_time.activity_ids)
        Capa._cron_escalate_overdue()
        self.assertEqual(capa.escalation_level, 1, "not yet 7 days overdue")
        self.env.cr.execute("UPDATE meddev_capa SET date_deadline = %s WHERE id = %s",
                            (today - timedelta(days=8), capa.id))
        capa.invalidate_recordset(["date_deadline"])
        Capa._cron_escalate_overdue()
        self.assertEqual(capa.escalation_level, 2)
        self.assertIn(self.manager, capa.activity_ids.user_id)
        Capa._cron_escalate_overdue()
        self.assertEqual(len(capa.activity_ids.filtered(lambda a: a.user_id == self.manager)), 1, "once only")

from odoo import SUPERUSER_ID
from odoo.addons.meddev_quality.tests.common import MeddevCase
from odoo.exceptions import UserError
from odoo.tests import Form, tagged


@tagged("post_install", "-at_install")
class TestSignatures(MeddevCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A refused signature is logged in a transaction of its own: in test
        # mode that transaction shares the test's cursor.
        cls.registry.enter_test_mode(cls.cr)
        cls.addClassCleanup(cls.registry.leave_test_mode)
        cls.authored = cls.env.ref("meddev_quality.meaning_authored")
        cls.reviewed = cls.env.ref("meddev_quality.meaning_reviewed")
        cls.approved = cls.env.ref("meddev_quality.meaning_approved")
        cls.env.company.meddev_sign_max_failures = 3

    def setUp(self):
        super().setUp()
        self.doc = self.env["meddev.test.document"].with_user(self.users["operator"]).create({
            "name": "DHR-0001", "description": "Lot L240101", "amount": 12.5,
        })

    def sign(self, role, meaning, password=None, doc=None):
        user = self.users[role]
        doc = (doc or self.doc).with_user(user)
        return doc._meddev_sign(meaning, password if password is not None else "%s-pw" % user.login)

    def refused(self, role, meaning, password=None, doc=None):
        """Sign and expect a refusal, without a savepoint: the failure log,
        written through its own cursor, must survive like it does in production."""
        try:
            self.sign(role, meaning, password, doc)
        except UserError as error:
            return str(error)
        self.fail("the signature was accepted")

    def test_full_signing_order(self):
        signature = self.sign("operator", self.authored)
        self.assertEqual(self.doc.meddev_sign_state, "in_progress")
        self.assertEqual(signature.user_id, self.users["operator"])
        self.assertEqual(signature.signer_name, "Test Operator")
        self.assertEqual(signature.meaning, "Authored")
        self.assertTrue(signature.signed_at)
        self.assertEqual(len(signature.content_hash), 64)
        self.assertTrue(signature.content_valid)
        self.assertEqual(self.doc.meddev_next_meaning_id, self.reviewed)
        self.sign("inspector", self.reviewed)
        self.sign("manager", self.approved)
        self.assertEqual(self.doc.meddev_sign_state, "signed")
        self.assertEqual(self.doc.state, "approved", "the signed hook ran")
        self.assertEqual(self.doc.signature_ids.mapped("step"), [1, 2, 3])
        self.assertEqual(len(set(self.doc.signature_ids.mapped("content_hash"))), 1,
                         "every signer signed the same content")
        entries = self.audit_entries("meddev.test.document", self.doc.id, "sign")
        self.assertEqual(len(entries), 3)
        self.assertIn(signature.content_hash, entries[0].changes)
        with self.assertRaisesRegex(UserError, "already carries every required signature"):
            self.sign("compliance", self.approved)

    def test_wrong_password_is_refused_and_logged(self):
        message = self.refused("operator", self.authored, password="wrong")
        self.assertIn("Wrong password", message)
        self.assertIn("1 of 3", message)
        self.assertFalse(self.doc.signature_ids)
        self.assertEqual(self.doc.meddev_sign_state, "unsigned")
        failure = self.audit_entries("meddev.test.document", self.doc.id, "sign_failure")
        self.assertEqual(failure.user_id, self.users["operator"])
        self.assertEqual(self.users["operator"].sudo().meddev_sign_failures, 1)
        # A good signature resets the count of consecutive failures.
        self.sign("operator", self.authored)
        self.assertEqual(self.users["operator"].sudo().meddev_sign_failures, 0)

    def test_lockout_after_consecutive_failures_until_unlocked(self):
        for _attempt in range(2):
            self.refused("operator", self.authored, password="wrong")
        message = self.refused("operator", self.authored, password="wrong")
        self.assertIn("locked", message)
        operator = self.users["operator"].sudo()
        self.assertTrue(operator.meddev_sign_locked)
        self.assertTrue(self.audit_entries("meddev.test.document", self.doc.id, "sign_lock"))
        # Even the right password is refused while locked.
        self.assertIn("locked", self.refused("operator", self.authored))
        self.assertFalse(self.doc.signature_ids)
        operator.with_user(self.users["compliance"]).action_meddev_unlock_signing()
        self.sign("operator", self.authored)
        self.assertEqual(len(self.doc.signature_ids), 1)

    def test_order_is_enforced(self):
        self.assertIn("expects the signature “Authored” next", self.refused("manager", self.approved))
        self.sign("operator", self.authored)
        self.assertIn("expects the signature “Reviewed” next", self.refused("manager", self.approved))

    def test_required_group(self):
        self.sign("operator", self.authored)
        self.assertIn("member of", self.refused("coordinator", self.reviewed))

    def test_distinct_signers(self):
        self.sign("manager", self.authored)
        message = self.refused("manager", self.reviewed)
        self.assertIn("each signature must come from a different person", message)

    def test_author_cannot_approve(self):
        self.sign("manager", self.authored, doc=self.doc)
        self.sign("inspector", self.reviewed)
        # A second manager may approve; the author may not, even as a manager.
        self.assertIn("different person", self.refused("manager", self.approved))
        doc = self.env["meddev.test.document"].with_user(self.users["manager"]).create({"name": "Own"})
        policy_lines = self.env.ref("meddev_test_compliance.policy_test_document").line_ids
        policy_lines.filtered(lambda line: line.meaning_id == self.authored).unlink()
        # Without an 'authored' step, the creator is the author.
        self.sign("inspector", self.reviewed, doc=doc)
        self.assertIn("You authored", self.refused("manager", self.approved, doc=doc))

    def test_signed_record_is_locked_for_everyone(self):
        self.sign("operator", self.authored)
        compliance_env = self.doc.with_user(self.users["compliance"]).env
        for env in (self.env, self.env(su=True), self.env(user=SUPERUSER_ID), compliance_env):
            doc = self.doc.with_env(env)
            with self.assertRaisesRegex(UserError, "signed and locked"):
                doc.write({"amount": 99})
            with self.assertRaisesRegex(UserError, "signed and locked"):
                doc.unlink()
        # Even a forged signing flag from the (JSON-only) RPC context does not unlock it.
        with self.assertRaisesRegex(UserError, "signed and locked"):
            self.doc.with_context(meddev_signing=True).write({"amount": 99})
        self.assertEqual(self.doc.amount, 12.5)

    def test_changes_before_signing_are_audited_with_reason(self):
        self.doc.write({"amount": 20.0, "meddev_change_reason": "Recount"})
        entry = self.audit_entries("meddev.test.document", self.doc.id, "write")
        self.assertEqual(self.changes(entry)["amount"], (12.5, 20.0))
        self.assertEqual(entry.reason, "Recount")

    def test_signatures_are_immutable_and_not_forgeable(self):
        signature = self.sign("operator", self.authored)
        for env in (self.env, self.env(su=True)):
            with self.assertRaises(UserError):
                signature.with_env(env).write({"signer_name": "Someone else"})
            with self.assertRaises(UserError):
                signature.with_env(env).unlink()
            with self.assertRaisesRegex(UserError, "signing dialog"):
                env["meddev.signature"].create({
                    "res_model": self.doc._name, "res_id": self.doc.id, "user_id": self.users["manager"].id,
                    "meaning_id": self.approved.id,
                })

    def test_tampered_content_invalidates_signature(self):
        signature = self.sign("operator", self.authored)
        self.env.flush_all()
        self.env.cr.execute("UPDATE meddev_test_document SET amount = 1000 WHERE id = %s", [self.doc.id])
        self.env.invalidate_all()
        self.assertFalse(signature.content_valid)

    def test_no_policy_means_no_signature(self):
        self.env.ref("meddev_test_compliance.policy_test_document").active = False
        self.assertIn("No signature policy", self.refused("operator", self.authored))

    def test_sign_through_the_dialog(self):
        action = self.doc.with_user(self.users["operator"]).action_meddev_sign()
        self.assertEqual(action["res_model"], "meddev.signature.wizard")
        wizard_form = Form(self.env["meddev.signature.wizard"].with_user(self.users["operator"]).with_context(
            **action["context"]))
        self.assertEqual(wizard_form.meaning_id, self.authored)
        self.assertEqual(wizard_form.record_name, "DHR-0001")
        wizard_form.password = "md_operator-pw"
        wizard_form.comment = "Assembled per WI-12 rev C"
        wizard = wizard_form.save()
        wizard.action_sign()
        self.assertFalse(wizard.password, "the password is not kept")
        self.assertEqual(self.doc.signature_ids.comment, "Assembled per WI-12 rev C")

    def test_signature_in_printed_report(self):
        self.sign("operator", self.authored)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "meddev_test_compliance.report_test_document", self.doc.ids)[0].decode()
        self.assertIn("Electronic Signatures", html)
        self.assertIn("Test Operator", html)
        self.assertIn("Authored", html)
        self.assertIn(self.doc.signature_ids.content_hash[:16], html)
        self.assertIn("not fully signed", html)

from itertools import pairwise

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..tools import hash_chain
from .common import MeddevCase


@tagged("post_install", "-at_install")
class TestAuditTrail(MeddevCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Compliance Administrators may put any model under audit.
        cls.rule = cls.env["meddev.audit.rule"].with_user(cls.users["compliance"]).create({
            "model_id": cls.env["ir.model"]._get_id("res.partner.category"),
        })

    def test_create_write_unlink_recorded_with_old_and_new_values(self):
        parent = self.env["res.partner.category"].create({"name": "Sterile"})
        tag = self.env["res.partner.category"].create({"name": "Class II", "color": 3})
        created = self.audit_entries("res.partner.category", tag.id, "create")
        self.assertEqual(len(created), 1)
        self.assertEqual(self.changes(created)["name"], (False, "Class II"))
        self.assertEqual(self.changes(created)["color"], (False, 3))

        tag.with_context(meddev_change_reason="Reclassified after review").write(
            {"name": "Class III", "parent_id": parent.id})
        written = self.audit_entries("res.partner.category", tag.id, "write")
        self.assertEqual(len(written), 1)
        self.assertEqual(written.reason, "Reclassified after review")
        self.assertEqual(written.user_id, self.env.user)
        self.assertEqual(self.changes(written)["name"], ("Class II", "Class III"))
        self.assertEqual(self.changes(written)["parent_id"], (False, [parent.id, "Sterile"]))
        self.assertNotIn("color", self.changes(written), "unchanged fields are not recorded")
        self.assertIn("Class III", written.changes_html)

        tag.write({"name": "Class III"})
        self.assertEqual(len(self.audit_entries("res.partner.category", tag.id, "write")), 1,
                         "a write that changes nothing leaves no entry")

        tag_id = tag.id
        tag.unlink()
        deleted = self.audit_entries("res.partner.category", tag_id, "unlink")
        self.assertEqual(self.changes(deleted)["name"], ("Class III", False))
        self.assertEqual(deleted.res_name, "Sterile / Class III")

    def test_unaudited_models_leave_no_entry(self):
        before = self.env["meddev.audit.entry"].sudo().search_count([])
        self.env["res.partner"].create({"name": "Not audited"}).write({"name": "Still not audited"})
        self.assertEqual(self.env["meddev.audit.entry"].sudo().search_count([]), before)

    def test_field_selection_and_deactivation(self):
        self.rule.field_ids = [Command.set([self.env["ir.model.fields"]._get("res.partner.category", "color").id])]
        tag = self.env["res.partner.category"].create({"name": "Tag", "color": 1})
        tag.write({"name": "Renamed", "color": 2})
        entry = self.audit_entries("res.partner.category", tag.id, "write")
        self.assertEqual(set(self.changes(entry)), {"color"})
        self.rule.active = False
        tag.write({"color": 5})
        self.assertEqual(len(self.audit_entries("res.partner.category", tag.id, "write")), 1)
        # Changing the audit configuration is itself audited.
        rule_entries = self.audit_entries("meddev.audit.rule", self.rule.id)
        self.assertEqual(rule_entries.mapped("operation"), ["create", "write", "write"])

    def test_reason_required(self):
        self.rule.reason_required = True
        tag = self.env["res.partner.category"].create({"name": "Needs reason"})
        with self.assertRaisesRegex(UserError, "reason for change is required"):
            tag.write({"name": "No reason given"})
        self.assertEqual(tag.name, "Needs reason", "the refused write changed nothing")
        with self.assertRaisesRegex(UserError, "reason for change is required"):
            tag.unlink()
        self.assertTrue(tag.exists())
        tag.with_context(meddev_change_reason="Typo").write({"name": "With reason"})
        self.assertEqual(self.audit_entries("res.partner.category", tag.id, "write").reason, "Typo")

    def test_entries_cannot_be_changed_by_anyone(self):
        self.env["res.partner.category"].create({"name": "Any"})
        entry = self.env["meddev.audit.entry"].sudo().search([], limit=1)
        for env in (self.env, self.env(su=True), entry.with_user(self.users["compliance"]).env):
            record = entry.with_env(env)
            with self.assertRaises(UserError):
                record.write({"reason": "edited"})
            with self.assertRaises(UserError):
                record.unlink()
            with self.assertRaises(UserError):
                env["meddev.audit.entry"].create({"model": "res.partner", "operation": "write"})
        self.assertFalse(entry.reason)

    def test_chain_links_each_entry_to_the_previous_one(self):
        self.env["res.partner.category"].create([{"name": "A"}, {"name": "B"}])
        entries = self.env["meddev.audit.entry"].sudo().search([], order="sequence")
        self.assertEqual(entries.mapped("sequence"), list(range(1, len(entries) + 1)))
        for previous, entry in pairwise(entries):
            self.assertEqual(entry.prev_hash, previous.hash)
        result = self.env["meddev.audit.entry"].with_user(self.users["compliance"]).verify_chain()
        self.assertTrue(result["intact"], result["message"])
        self.assertEqual(result["checked"], len(entries))

    def _tamper(self, query, params):
        self.env.flush_all()
        self.env.cr.execute(query, params)
        self.env.invalidate_all()
        return self.env["meddev.audit.entry"].with_user(self.users["compliance"]).verify_chain()

    def test_verify_finds_a_row_altered_in_the_database(self):
        tags = self.env["res.partner.category"].create([{"name": "T%d" % i} for i in range(5)])
        target = self.audit_entries("res.partner.category", tags[2].id, "create")
        result = self._tamper("UPDATE meddev_audit_entry SET changes = %s WHERE id = %s",
                              ['[["name", false, "forged"]]', target.id])
        self.assertFalse(result["intact"])
        self.assertEqual(result["broken_sequence"], target.sequence)
        self.assertIn(str(target.sequence), result["message"])

    def test_verify_finds_a_row_forged_with_a_recomputed_hash(self):
        tags = self.env["res.partner.category"].create([{"name": "T%d" % i} for i in range(3)])
        target = self.audit_entries("res.partner.category", tags[1].id, "create")
        forged_changes = '[["name",false,"forged"]]'
        payload = [fields.Datetime.to_string(target.timestamp), target.user_id.id, target.model, target.res_id,
                   target.res_name, target.operation, forged_changes, target.reason or "", target.company_id.id]
        forged_hash = hash_chain.entry_hash(target.sequence, target.prev_hash, payload)
        # The forged row is consistent in itself; the next entry's link is not.
        result = self._tamper("UPDATE meddev_audit_entry SET changes = %s, hash = %s WHERE id = %s",
                              [forged_changes, forged_hash, target.id])
        self.assertFalse(result["intact"])
        self.assertEqual(result["broken_sequence"], target.sequence + 1)

    def test_verify_finds_deleted_rows(self):
        tags = self.env["res.partner.category"].create([{"name": "T%d" % i} for i in range(4)])
        middle = self.audit_entries("res.partner.category", tags[1].id, "create")
        sequence = middle.sequence
        result = self._tamper("DELETE FROM meddev_audit_entry WHERE id = %s", [middle.id])
        self.assertEqual(result["broken_sequence"], sequence + 1)
        # Renumbering to hide the gap breaks the hashes instead.
        result = self._tamper("UPDATE meddev_audit_entry SET sequence = sequence - 1 WHERE sequence > %s", [sequence])
        self.assertFalse(result["intact"])
        self.assertEqual(result["broken_sequence"], sequence)

    def test_verify_finds_rows_deleted_at_the_end(self):
        self.env["res.partner.category"].create([{"name": "T%d" % i} for i in range(3)])
        last = self.env["meddev.audit.entry"].sudo().search([], order="sequence desc", limit=1)
        sequence = last.sequence
        result = self._tamper("DELETE FROM meddev_audit_entry WHERE id = %s", [last.id])
        self.assertFalse(result["intact"])
        self.assertEqual(result["broken_sequence"], sequence)

    def test_verify_wizard(self):
        self.env["res.partner.category"].create({"name": "W"})
        wizard = self.env["meddev.audit.verify"].with_user(self.users["manager"]).create({})
        wizard.action_verify()
        self.assertEqual(wizard.state, "intact")
        self.assertGreater(wizard.checked, 0)

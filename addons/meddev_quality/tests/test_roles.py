from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import MeddevCase


@tagged("post_install", "-at_install")
class TestRoles(MeddevCase):

    def test_role_hierarchy(self):
        manager, compliance = self.users["manager"], self.users["compliance"]
        self.assertTrue(manager.has_group("meddev_quality.group_meddev_quality_inspector"))
        self.assertTrue(manager.has_group("meddev_quality.group_meddev_operator"))
        self.assertTrue(self.users["coordinator"].has_group("meddev_quality.group_meddev_operator"))
        # Segregation of duties: administering compliance does not make one an approver.
        self.assertTrue(compliance.has_group("meddev_quality.group_meddev_operator"))
        self.assertFalse(compliance.has_group("meddev_quality.group_meddev_quality_manager"))
        self.assertFalse(manager.has_group("meddev_quality.group_meddev_compliance_admin"))
        category = self.env.ref("meddev_quality.module_category_medical_devices")
        self.assertEqual(self.env.ref("meddev_quality.group_meddev_quality_manager").category_id, category)

    def test_audit_trail_readers(self):
        Entry = self.env["meddev.audit.entry"]
        for role in ("manager", "compliance"):
            Entry.with_user(self.users[role]).search([])
        for role in ("operator", "inspector", "coordinator"):
            with self.assertRaises(AccessError, msg=role):
                Entry.with_user(self.users[role]).search([])
        with self.assertRaises(AccessError):
            Entry.with_user(self.users["operator"]).verify_chain()
        self.assertTrue(Entry.with_user(self.users["manager"]).verify_chain()["intact"])

    def test_configuration_is_for_compliance_administrators(self):
        model_id = self.env["ir.model"]._get_id("res.partner.category")
        for role in ("operator", "inspector", "manager", "coordinator"):
            user = self.users[role]
            with self.assertRaises(AccessError, msg=role):
                self.env["meddev.audit.rule"].with_user(user).create({"model_id": model_id})
            with self.assertRaises(AccessError, msg=role):
                self.env["meddev.signature.meaning"].with_user(user).create({"name": "X", "code": "x"})
            with self.assertRaises(AccessError, msg=role):
                self.env["meddev.signature.policy"].with_user(user).create({"name": "P", "model_id": model_id})
            # ...while everyone can read what applies to them.
            self.assertTrue(self.env["meddev.signature.meaning"].with_user(user).search([]))
        compliance = self.users["compliance"]
        self.env["meddev.audit.rule"].with_user(compliance).create({"model_id": model_id})
        meaning = self.env["meddev.signature.meaning"].with_user(compliance).create(
            {"name": "Witnessed", "code": "witnessed"})
        self.env["meddev.signature.policy"].with_user(compliance).create({
            "name": "Tags", "model_id": model_id, "line_ids": [(0, 0, {"meaning_id": meaning.id})],
        })

    def test_unlock_signing_only_by_compliance_administrator(self):
        operator = self.users["operator"]
        operator.sudo().write({"meddev_sign_failures": 3, "meddev_sign_locked": True})
        with self.assertRaises(AccessError):
            operator.with_user(self.users["manager"]).action_meddev_unlock_signing()
        self.assertTrue(operator.sudo().meddev_sign_locked)
        operator.with_user(self.users["compliance"]).action_meddev_unlock_signing()
        self.assertFalse(operator.sudo().meddev_sign_locked)
        self.assertEqual(operator.sudo().meddev_sign_failures, 0)
        unlock = self.audit_entries("res.users", operator.id, "sign_unlock")
        self.assertEqual(unlock.user_id, self.users["compliance"])

    def test_lock_fields_hidden_from_other_roles(self):
        with self.assertRaises(AccessError):
            self.users["operator"].with_user(self.users["manager"]).read(["meddev_sign_locked"])

    def test_menus_per_role(self):
        root = self.env.ref("meddev_quality.menu_meddev_root")
        audit = self.env.ref("meddev_quality.menu_meddev_audit_entry")
        config = self.env.ref("meddev_quality.menu_meddev_configuration")
        policies = self.env.ref("meddev_quality.menu_meddev_signature_policy")
        plans = self.env.ref("meddev_quality.menu_meddev_inspection_plan")

        def visible(user):
            return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

        self.assertNotIn(root.id, visible(self.plain_user))
        self.assertIn(root.id, visible(self.users["operator"]))
        self.assertNotIn(audit.id, visible(self.users["operator"]))
        self.assertIn(audit.id, visible(self.users["manager"]))
        self.assertNotIn(config.id, visible(self.users["operator"]))
        # Quality Managers configure inspection plans, not signatures (segregation of duties).
        self.assertIn(plans.id, visible(self.users["manager"]))
        self.assertNotIn(policies.id, visible(self.users["manager"]))
        self.assertIn(policies.id, visible(self.users["compliance"]))
        self.assertNotIn(plans.id, visible(self.users["compliance"]))

    def test_audit_trail_is_multi_company(self):
        other = self.env["res.company"].create({"name": "Other Device Plant"})
        auditor_a = new_test_user(self.env, login="md_auditor_a", groups="meddev_quality.group_meddev_quality_manager")
        self.env["meddev.audit.rule"].create({"model_id": self.env["ir.model"]._get_id("res.partner.category")})
        self.env["res.partner.category"].with_company(other).create({"name": "Other company's change"})
        self.env["res.partner.category"].create({"name": "Main company's change"})
        names = self.env["meddev.audit.entry"].with_user(auditor_a).search([]).mapped("res_name")
        self.assertIn("Main company's change", names)
        self.assertNotIn("Other company's change", names)

    def test_regulated_company_setting(self):
        company = self.env.company
        settings = Form(self.env["res.config.settings"])
        settings.meddev_regulated = True
        settings.meddev_sign_max_failures = 5
        settings.save().execute()
        self.assertTrue(company.meddev_regulated)
        self.assertEqual(company.meddev_sign_max_failures, 5)

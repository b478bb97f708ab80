from odoo import http
from odoo.tests import new_test_user
from odoo.tests.common import HttpCase, TransactionCase

ROLE_GROUPS = {
    "operator": "meddev_quality.group_meddev_operator",
    "inspector": "meddev_quality.group_meddev_quality_inspector",
    "manager": "meddev_quality.group_meddev_quality_manager",
    "coordinator": "meddev_quality.group_meddev_training_coordinator",
    "compliance": "meddev_quality.group_meddev_compliance_admin",
}


class MeddevCase(TransactionCase):
    """Users for every role (password = login + '-pw') and audit helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            role: new_test_user(cls.env, login="md_%s" % role, groups=group, password="md_%s-pw" % role,
                                name="Test %s" % role.title())
            for role, group in ROLE_GROUPS.items()
        }
        cls.plain_user = new_test_user(cls.env, login="md_plain", groups="base.group_user", password="md_plain-pw")

    def audit_entries(self, model, res_id=None, operation=None):
        domain = [("model", "=", model)]
        if res_id is not None:
            domain.append(("res_id", "=", res_id))
        if operation:
            domain.append(("operation", "=", operation))
        return self.env["meddev.audit.entry"].sudo().search(domain, order="sequence")

    @staticmethod
    def changes(entry):
        import json
        return {name: (old, new) for name, old, new in json.loads(entry.changes)}


class MeddevHttpCase(HttpCase):
    """HttpCase whose server has parsed every module manifest before the browser comes.

    On its first request the server parses all manifests (``http.root.statics``)
    while the browser's other requests compile templates in other threads; CPython
    3.11 before 3.11.8 can then fail with "AST constructor recursion depth
    mismatch" (python/cpython#106905), and the web client never loads.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        http.root.statics  # noqa: B018 - computed and cached once, here, in one thread

from odoo.addons.meddev_quality.tests.common import MeddevHttpCase
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAuditTrailUi(MeddevHttpCase):

    def test_quality_manager_reads_and_verifies_the_trail(self):
        new_test_user(self.env, login="md_tour_manager", password="md_tour_manager-pw",
                      groups="meddev_quality.group_meddev_quality_manager")
        model_id = self.env["ir.model"]._get_id("res.partner.category")
        # The end-to-end suite may have left a rule for this model behind.
        rule = self.env["meddev.audit.rule"].with_context(active_test=False).search([("model_id", "=", model_id)])
        if rule:
            rule.active = True
        else:
            rule.create({"model_id": model_id})
        self.env["res.partner.category"].create({"name": "Tour category"}).write({"name": "Tour category renamed"})
        self.start_tour("/odoo/action-meddev_quality.meddev_audit_entry_action", "meddev_quality_audit_trail",
                        login="md_tour_manager", timeout=120)

from odoo.addons.meddev_quality.tests.common import MeddevHttpCase
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCapaUi(MeddevHttpCase):

    def test_nonconformance_to_closed_capa(self):
        author = new_test_user(self.env, login="md_tour_author", password="md_tour_author-pw",
                               groups="meddev_quality.group_meddev_quality_inspector")
        manager = new_test_user(self.env, login="md_tour_qm", password="md_tour_qm-pw", name="Tour Manager",
                                groups="meddev_quality.group_meddev_quality_manager")
        product = self.env["product.product"].create({"name": "Tour pouch"})
        nc = self.env["meddev.nonconformance"].with_user(author).create({
            "product_id": product.id, "quantity": 3, "severity": "major",
            "risk_severity": "4", "risk_occurrence": "3", "risk_detection": "4"})
        capa = self.env["meddev.capa"].browse(nc.with_user(author).action_escalate_capa()["res_id"])
        capa.title = "Tour seal failure"
        self.start_tour("/odoo/meddev.nonconformance/%d" % nc.id, "meddev_quality_nc_to_capa",
                        login="md_tour_qm", timeout=180)
        self.assertEqual(capa.state, "closed")
        self.assertEqual([s.meaning_id.code for s in capa.signature_ids.sorted("step")],
                         ["reviewed", "approved", "verified", "effective"])
        self.assertEqual(set(capa.signature_ids.user_id.ids), {manager.id})
        self.assertEqual(capa.action_ids.state, "done")

from odoo.addons.meddev_udi.tests.test_genealogy import LotHistoryUiCase
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRecallUi(LotHistoryUiCase):

    def test_mock_recall_drill_in_the_web_client(self):
        new_test_user(self.env, login="md_tour_recall", password="md_tour_recall-pw",
                      groups="meddev_quality.group_meddev_quality_inspector,stock.group_production_lot")
        self.start_tour("/odoo/action-meddev_udi.meddev_recall_drill_action", "meddev_udi_recall_drill",
                        login="md_tour_recall", timeout=120)
        drill = self.env["meddev.recall"].search([("title", "=", "Tour drill: catheter lot")])
        self.assertTrue(drill.is_drill)
        self.assertEqual(drill.state, "traced")
        self.assertTrue(drill.name.startswith("MRC/"), drill.name)
        self.assertEqual((drill.lot_ids.lot_id, drill.lot_ids.qty_on_hand, drill.lot_ids.qty_shipped),
                         (self.lot, 5, 5))
        self.assertEqual(drill.customer_ids.partner_id, self.hospital)
        self.assertFalse(drill.customer_ids.date_notified, "a drill notifies nobody")
        self.assertGreaterEqual(drill.trace_seconds, 0)
        self.assertTrue(drill.date_traced)

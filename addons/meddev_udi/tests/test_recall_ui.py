from odoo import Command
from odoo.addons.meddev_quality.tests.common import MeddevHttpCase
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRecallUi(MeddevHttpCase):

    def test_mock_recall_drill_in_the_web_client(self):
        env = self.env
        env.company.meddev_regulated = False
        new_test_user(env, login="md_tour_recall", password="md_tour_recall-pw",
                      groups="meddev_quality.group_meddev_quality_inspector,stock.group_production_lot")
        warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
        product = env["product.product"].create({"name": "Recall UI tubing", "is_storable": True, "tracking": "lot"})
        lot = env["stock.lot"].with_context(meddev_lot_from_udi=True).create(
            {"name": "REC-UI", "product_id": product.id})
        env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 10, lot_id=lot)
        hospital = env["res.partner"].create({"name": "Hospital Recall UI", "email": "recall-ui@hospital.example"})
        customers = env.ref("stock.stock_location_customers")
        delivery = env["stock.picking"].create({
            "picking_type_id": warehouse.out_type_id.id, "partner_id": hospital.id,
            "location_id": warehouse.lot_stock_id.id, "location_dest_id": customers.id,
            "move_ids": [Command.create({
                "name": product.name, "product_id": product.id, "product_uom_qty": 4,
                "location_id": warehouse.lot_stock_id.id, "location_dest_id": customers.id})],
        })
        delivery.action_confirm()
        delivery.move_ids.move_line_ids.unlink()
        delivery.move_ids.move_line_ids = [Command.create({
            "product_id": product.id, "lot_id": lot.id, "quantity": 4, "picking_id": delivery.id,
            "location_id": warehouse.lot_stock_id.id, "location_dest_id": customers.id})]
        delivery.move_ids.picked = True
        delivery.button_validate()
        self.assertEqual(delivery.state, "done")

        self.start_tour("/odoo/action-meddev_udi.meddev_recall_drill_action", "meddev_udi_recall_drill",
                        login="md_tour_recall", timeout=120)
        drill = env["meddev.recall"].search([("title", "=", "Tour drill: tubing lot")])
        self.assertTrue(drill.is_drill)
        self.assertEqual(drill.state, "traced")
        self.assertTrue(drill.name.startswith("MRC/"), drill.name)
        self.assertEqual((drill.lot_ids.lot_id, drill.lot_ids.qty_on_hand, drill.lot_ids.qty_shipped), (lot, 6, 4))
        self.assertEqual(drill.customer_ids.partner_id, hospital)
        self.assertFalse(drill.customer_ids.date_notified, "a drill notifies nobody")
        self.assertGreaterEqual(drill.trace_seconds, 0)
        self.assertTrue(drill.date_traced)

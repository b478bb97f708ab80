from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestOutsourcingDemoData(TransactionCase):

    def test_purchase_from_subcontractor_starts_subcontracted_production(self):
        subcontractor = self.env.ref("meddev_outsourcing.partner_molding_subcontractor", raise_if_not_found=False)
        if not subcontractor:
            self.skipTest("demo data not loaded")
        drip_chamber = self.env.ref("meddev_udi.product_drip_chamber")
        form = Form(self.env["purchase.order"])
        form.partner_id = subcontractor
        with form.order_line.new() as line:
            line.product_id = drip_chamber
            line.product_qty = 5000
        order = form.save()
        order.button_confirm()
        receipt = order.picking_ids
        self.assertEqual(len(receipt), 1)
        production = self.env["mrp.production"].search([("subcontractor_id", "=", subcontractor.id),
                                                         ("product_id", "=", drip_chamber.id)])
        self.assertEqual(len(production), 1)
        resin = production.move_raw_ids
        self.assertEqual(resin.product_id, self.env.ref("meddev_outsourcing.product_pc_resin"))
        self.assertAlmostEqual(resin.product_uom_qty, 21.0)

from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestMrpDemoData(TransactionCase):

    def setUp(self):
        super().setUp()
        self.bom = self.env.ref("meddev_mrp.bom_infusion_set", raise_if_not_found=False)
        if not self.bom:
            self.skipTest("demo data not loaded")

    def test_bom_explodes_per_batch(self):
        product = self.env.ref("meddev_udi.product_infusion_set")
        # explode() takes a number of BoM batches (here 100 units each).
        _boms, lines = self.bom.explode(product, 200 / self.bom.product_qty)
        quantities = {line.product_id.default_code: qty["qty"] for line, qty in lines}
        self.assertEqual(quantities["C-TUBE-3"], 360)
        self.assertEqual(quantities["C-LUER"], 200)

    def test_manufacturing_order_follows_the_routing(self):
        form = Form(self.env["mrp.production"])
        form.product_id = self.env.ref("meddev_udi.product_infusion_set")
        form.bom_id = self.bom
        form.product_qty = 100
        production = form.save()
        production.action_confirm()
        self.assertEqual(production.workorder_ids.mapped("workcenter_id.code"), ["CR-ASM", "LT", "PKG"])
        self.assertEqual(len(production.move_raw_ids), 5)

    def test_demo_history_for_traceability(self):
        product = self.env.ref("meddev_udi.product_infusion_set")
        lots = self.env["stock.lot"].search([("product_id", "=", product.id)])
        self.assertEqual(len(lots), 2)
        for lot in lots:
            self.assertRegex(lot.name, r"^FG\d{4}-\d{5}$")
            self.assertRegex(lot.meddev_udi_hri, r"^\(01\)06901234500011\(11\)\d{6}\(17\)\d{6}\(10\)FG\d{4}-\d{5}$")
        tubing = self.env["stock.lot"].search([("name", "=", "TB-240311")])
        consumed = self.env["stock.move.line"].search([
            ("lot_id", "=", tubing.id), ("move_id.raw_material_production_id", "!=", False)])
        # One tubing lot went into both finished lots.
        self.assertEqual(consumed.move_id.raw_material_production_id.lot_producing_id, lots)
        delivered = self.env["stock.move.line"].search([
            ("lot_id", "in", lots.ids), ("location_dest_id.usage", "=", "customer"), ("state", "=", "done")])
        self.assertEqual(sum(delivered.mapped("quantity")), 100)
        self.assertEqual(len(delivered.picking_id.partner_id), 2)

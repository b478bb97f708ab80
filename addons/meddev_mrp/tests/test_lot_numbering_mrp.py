from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestLotNumberingMrp(TransactionCase):

    def test_manufacturing_order_numbers_its_lot_by_scheme_and_dates_it(self):
        category = self.env["product.category"].create({"name": "Schemed devices"})
        scheme = self.env["meddev.lot.scheme"].create({
            "name": "Devices", "categ_ids": [(4, category.id)], "prefix": "DV-", "padding": 4})
        device = self.env["product.product"].create({
            "name": "Schemed device", "is_storable": True, "tracking": "lot", "categ_id": category.id,
            "meddev_udi_regulated": True, "meddev_udi_di": "06959999000109", "meddev_pi_production_date": True})
        part = self.env["product.product"].create({"name": "Part", "is_storable": True})
        bom = self.env["mrp.bom"].create({
            "product_tmpl_id": device.product_tmpl_id.id, "product_qty": 1,
            "bom_line_ids": [(0, 0, {"product_id": part.id, "product_qty": 1})]})
        form = Form(self.env["mrp.production"])
        form.product_id = device
        form.bom_id = bom
        form.product_qty = 5
        production = form.save()
        production.action_confirm()
        production.action_generate_serial()
        lot = production.lot_producing_id
        self.assertEqual(lot.name, "DV-0001")
        self.assertEqual(lot.meddev_lot_scheme_id, scheme)
        self.assertEqual(lot.meddev_production_date, production.date_start.date())
        self.assertIn("(11)%s" % production.date_start.strftime("%y%m%d"), lot.meddev_udi_hri)

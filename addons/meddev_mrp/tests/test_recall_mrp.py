from odoo import Command
from odoo.addons.meddev_quality.tests.common_stock import MeddevStockCase
from odoo.tests import Form, tagged


@tagged("post_install", "-at_install")
class TestRecallMrp(MeddevStockCase):
    """A raw-material lot goes into a semi-finished lot, which goes into a
    finished device lot split between a customer and stock: a recall from the
    raw-material lot reaches all of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Product = cls.env["product.product"]
        cls.resin = Product.create({"name": "Medical resin", "is_storable": True, "tracking": "lot",
                                    "meddev_lot_stage": "raw"})
        cls.tube = Product.create({"name": "Extruded tube", "is_storable": True, "tracking": "lot",
                                   "meddev_lot_stage": "semi"})
        cls.device = Product.create({
            "name": "Drainage catheter", "is_storable": True, "tracking": "lot", "meddev_lot_stage": "finished",
            "meddev_udi_regulated": True, "meddev_udi_di": "06959999000208", "meddev_pi_lot": True})
        cls.hospital = cls.env["res.partner"].create({"name": "North Hospital", "email": "qa@north.example"})
        Lot = cls.env["stock.lot"].with_context(meddev_lot_from_udi=True)
        cls.resin_lot = Lot.create({"name": "RES-001", "product_id": cls.resin.id})
        cls.other_resin_lot = Lot.create({"name": "RES-002", "product_id": cls.resin.id})
        cls.tube_lot = Lot.create({"name": "TUB-001", "product_id": cls.tube.id})
        cls.device_lot = Lot.create({"name": "DEV-001", "product_id": cls.device.id})
        cls.clean_device_lot = Lot.create({"name": "DEV-002", "product_id": cls.device.id})
        cls.bom_tube = cls.env["mrp.bom"].create({
            "product_tmpl_id": cls.tube.product_tmpl_id.id, "product_qty": 1,
            "bom_line_ids": [Command.create({"product_id": cls.resin.id, "product_qty": 2})]})
        cls.bom_device = cls.env["mrp.bom"].create({
            "product_tmpl_id": cls.device.product_tmpl_id.id, "product_qty": 1,
            "bom_line_ids": [Command.create({"product_id": cls.tube.id, "product_qty": 1})]})

    def produce(self, bom, qty, lot, component_lot):
        form = Form(self.env["mrp.production"])
        form.product_id = bom.product_tmpl_id.product_variant_id
        form.bom_id = bom
        form.product_qty = qty
        production = form.save()
        production.action_confirm()
        production.lot_producing_id = lot
        production.qty_producing = qty
        for move in production.move_raw_ids:
            move.move_line_ids.unlink()
            move.write({"move_line_ids": [Command.create({
                "product_id": move.product_id.id, "product_uom_id": move.product_uom.id,
                "lot_id": component_lot.id, "quantity": move.product_uom_qty,
                "location_id": self.stock.id, "location_dest_id": move.location_dest_id.id})]})
            move.picked = True
        production.button_mark_done()
        self.assertEqual(production.state, "done")
        return production

    def deliver(self, lot, qty):
        picking = self.env["stock.picking"].create({
            "picking_type_id": self.warehouse.out_type_id.id, "partner_id": self.hospital.id,
            "location_id": self.stock.id, "location_dest_id": self.customer_location.id,
            "move_ids": [Command.create({
                "name": "out", "product_id": lot.product_id.id, "product_uom_qty": qty,
                "product_uom": lot.product_id.uom_id.id, "location_id": self.stock.id,
                "location_dest_id": self.customer_location.id})],
        })
        picking.action_confirm()
        picking.move_ids.move_line_ids.unlink()
        picking.move_ids.write({"move_line_ids": [Command.create({
            "product_id": lot.product_id.id, "product_uom_id": lot.product_id.uom_id.id, "lot_id": lot.id,
            "quantity": qty, "location_id": self.stock.id, "location_dest_id": self.customer_location.id,
            "picking_id": picking.id})]})
        picking.move_ids.picked = True
        picking._action_done()
        return picking

    def test_recall_from_raw_material_reaches_finished_lots_through_levels(self):
        Quant = self.env["stock.quant"]
        Quant._update_available_quantity(self.resin, self.stock, 20, lot_id=self.resin_lot)
        Quant._update_available_quantity(self.resin, self.stock, 20, lot_id=self.other_resin_lot)
        self.produce(self.bom_tube, 5, self.tube_lot, self.resin_lot)
        self.produce(self.bom_device, 3, self.device_lot, self.tube_lot)
        # A device lot made from the other resin lot is not affected.
        Quant._update_available_quantity(self.tube, self.stock, 1, lot_id=self.env["stock.lot"].with_context(
            meddev_lot_from_udi=True).create({"name": "TUB-002", "product_id": self.tube.id}))
        delivery = self.deliver(self.device_lot, 2)

        recall = self.env["meddev.recall"].with_user(self.inspector).create({
            "title": "Contaminated resin", "trigger": "supplier", "recall_class": "1",
            "suspect_lot_ids": [Command.set(self.resin_lot.ids)]})
        recall.action_compute()
        lines = {line.lot_id: line for line in recall.lot_ids}
        self.assertEqual(set(lines), {self.resin_lot, self.tube_lot, self.device_lot})
        self.assertTrue(lines[self.resin_lot].is_suspect)
        self.assertFalse(lines[self.resin_lot].is_finished)
        self.assertFalse(lines[self.tube_lot].is_finished)
        self.assertTrue(lines[self.device_lot].is_finished)
        self.assertEqual(recall.finished_lot_count, 1)
        self.assertEqual(lines[self.device_lot].qty_shipped, 2)
        self.assertEqual(lines[self.device_lot].qty_on_hand, 1)
        self.assertEqual(lines[self.tube_lot].qty_on_hand, 2)
        self.assertEqual(lines[self.resin_lot].qty_on_hand, 10)
        self.assertEqual(recall.customer_ids.partner_id, self.hospital)
        self.assertEqual(recall.customer_ids.picking_ids, delivery)

        recall.action_quarantine()
        self.assertEqual(len(recall.nonconformance_ids), 3, "one nonconformance per product on hand")
        quarantine = self.env["stock.location"]._meddev_quarantine_location(self.company)
        self.assertEqual(self.on_hand(self.device, quarantine, self.device_lot), 1)
        self.assertEqual(self.on_hand(self.resin, self.stock, self.other_resin_lot), 20, "other lots stay")

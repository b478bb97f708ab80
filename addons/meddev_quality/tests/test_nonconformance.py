from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_stock import MeddevStockCase

APPROVED = "meddev_quality.meaning_approved"


@tagged("post_install", "-at_install")
class TestNonconformance(MeddevStockCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls.env["stock.lot"].create({"name": "CT-2401", "product_id": cls.catheter.id})
        cls.other_lot = cls.env["stock.lot"].create({"name": "CT-2402", "product_id": cls.catheter.id})
        cls.quarantine = cls.env["stock.location"]._meddev_quarantine_location(cls.company)

    def setUp(self):
        super().setUp()
        Quant = self.env["stock.quant"]
        Quant._update_available_quantity(self.catheter, self.stock, 100, lot_id=self.lot)
        Quant._update_available_quantity(self.catheter, self.stock, 50, lot_id=self.other_lot)

    def new_nc(self, qty=30, **vals):
        return self.env["meddev.nonconformance"].with_user(self.inspector).create(dict({
            "source": "in_process", "product_id": self.catheter.id, "lot_ids": [Command.set(self.lot.ids)],
            "quantity": qty, "severity": "major", "description": "<p>Kinked tubing</p>",
        }, **vals))

    def quarantined(self, qty=30, **vals):
        nc = self.new_nc(qty, **vals)
        nc.action_quarantine()
        return nc

    def approve(self, nc, disposition, **vals):
        nc.with_user(self.inspector).write(dict(vals, disposition=disposition))
        return self.sign(nc, "manager", APPROVED)

    def test_quarantine_moves_the_lot_and_keeps_it_from_reservation(self):
        nc = self.quarantined(30)
        self.assertEqual(nc.state, "quarantined")
        self.assertTrue(nc.name.startswith("NC/"))
        self.assertEqual(self.on_hand(self.catheter, self.quarantine, self.lot), 30)
        self.assertEqual(self.on_hand(self.catheter, self.stock, self.lot), 70)
        self.assertEqual(self.on_hand(self.catheter, self.stock, self.other_lot), 50, "other lots stay")
        self.assertEqual(nc.quarantined_qty, 30)
        # A delivery of everything reserves only what is not quarantined.
        delivery = self.env["stock.picking"].create({
            "picking_type_id": self.warehouse.out_type_id.id,
            "location_id": self.warehouse.view_location_id.id, "location_dest_id": self.customer_location.id,
            "move_ids": [Command.create({
                "name": "out", "product_id": self.catheter.id, "product_uom_qty": 150,
                "product_uom": self.catheter.uom_id.id, "location_id": self.warehouse.view_location_id.id,
                "location_dest_id": self.customer_location.id})],
        })
        delivery.action_confirm()
        delivery.action_assign()
        self.assertEqual(delivery.move_ids.quantity, 120)
        self.assertNotIn(self.quarantine, delivery.move_line_ids.location_id)
        # ...and even a transfer out of quarantine itself reserves nothing.
        transfer = self.env["stock.picking"].create({
            "picking_type_id": self.warehouse.int_type_id.id,
            "location_id": self.quarantine.id, "location_dest_id": self.stock.id,
            "move_ids": [Command.create({
                "name": "int", "product_id": self.catheter.id, "product_uom_qty": 30,
                "product_uom": self.catheter.uom_id.id, "location_id": self.quarantine.id,
                "location_dest_id": self.stock.id})],
        })
        transfer.action_confirm()
        transfer.action_assign()
        self.assertEqual(transfer.move_ids.quantity, 0)

    def test_nothing_on_hand_cannot_be_quarantined(self):
        nc = self.new_nc(5, lot_ids=[Command.set(self.env["stock.lot"].create(
            {"name": "CT-EMPTY", "product_id": self.catheter.id}).ids)])
        with self.assertRaisesRegex(UserError, "No Catheter tube"):
            nc.action_quarantine()
        self.assertEqual(nc.state, "draft")

    def test_scrap(self):
        nc = self.quarantined(30)
        self.approve(nc, "scrap")
        self.assertEqual(nc.state, "done")
        self.assertEqual(nc.meddev_sign_state, "signed")
        self.assertEqual(self.on_hand(self.catheter, self.quarantine, self.lot), 0)
        scrap = self.env["stock.scrap"].search([("origin", "=", nc.name)])
        self.assertEqual((scrap.state, scrap.scrap_qty, scrap.lot_id), ("done", 30, self.lot))
        self.assertEqual(nc.quarantined_qty, 0)
        with self.assertRaisesRegex(UserError, "locked"):
            nc.sudo().write({"severity": "minor"})

    def test_use_as_is_needs_a_justification(self):
        nc = self.quarantined(30)
        nc.with_user(self.inspector).disposition = "use_as_is"
        with self.assertRaisesRegex(UserError, "justification"):
            nc.with_user(self.manager).action_meddev_sign()
        with self.assertRaisesRegex(UserError, "justification"):
            self.sign(nc, "manager", APPROVED)
        self.assertFalse(nc.signature_ids)
        self.assertEqual(self.on_hand(self.catheter, self.quarantine, self.lot), 30, "nothing moved")
        self.approve(nc, "use_as_is", disposition_note="Kink is cosmetic, outside the fluid path; ECO-17.")
        self.assertEqual(self.on_hand(self.catheter, self.stock, self.lot), 100)
        self.assertEqual(self.on_hand(self.catheter, self.quarantine, self.lot), 0)

    def test_rework_releases_to_rework_and_plans_it(self):
        rework = self.env["stock.location"].create({"name": "Rework bench", "usage": "internal",
                                                    "location_id": self.warehouse.view_location_id.id})
        nc = self.quarantined(30)
        self.approve(nc, "rework", destination_location_id=rework.id)
        self.assertEqual(self.on_hand(self.catheter, rework, self.lot), 30)
        self.assertTrue(nc.activity_ids.filtered(lambda a: "Rework" in a.summary))

    def test_regrade(self):
        grade_b = self.env["product.product"].create({"name": "Catheter tube grade B", "is_storable": True,
                                                      "tracking": "lot"})
        nc = self.quarantined(30)
        with self.assertRaisesRegex(UserError, "regraded"):
            self.approve(nc, "regrade")
        self.approve(nc, "regrade", regrade_product_id=grade_b.id)
        lot_b = self.env["stock.lot"].search([("product_id", "=", grade_b.id), ("name", "=", "CT-2401")])
        self.assertEqual(self.on_hand(grade_b, self.stock, lot_b), 30)
        self.assertEqual(self.on_hand(self.catheter, self.quarantine, self.lot), 0)

    def test_return_to_supplier_from_a_failed_receipt(self):
        picking = self.receipt(self.catheter, 40)
        nc = self.new_nc(40, source="incoming", picking_id=picking.id, partner_id=self.supplier.id,
                         lot_ids=[Command.clear()])
        with self.assertRaisesRegex(UserError, "receipt"):
            self.approve(nc, "return")
        nc.disposition = False
        nc.with_user(self.inspector).action_quarantine()
        self.assertEqual(picking.move_ids.location_dest_id, self.quarantine, "received into quarantine")
        self.validate(picking, lot_name="SUP-77")
        self.assertEqual(nc.quarantined_qty, 40)
        self.approve(nc, "return")
        ret = nc.return_picking_id
        self.assertEqual(ret.state, "assigned")
        self.assertEqual(ret.move_ids.origin_returned_move_id, picking.move_ids)
        self.assertEqual(ret.move_line_ids.location_id, self.quarantine)
        self.assertEqual(ret.move_line_ids.lot_id.name, "SUP-77")
        ret.move_ids.picked = True
        ret.button_validate()
        self.assertEqual(ret.state, "done")
        self.assertEqual(self.on_hand(self.catheter, self.quarantine), 0)

    def test_stock_dispositions_need_quarantined_stock(self):
        nc = self.new_nc(10)
        with self.assertRaisesRegex(UserError, "quarantine"):
            self.approve(nc, "scrap")
        self.assertEqual(nc.state, "draft")

    def test_roles_and_segregation_of_duties(self):
        nc = self.new_nc(10)
        with self.assertRaisesRegex(UserError, "inspectors"):
            nc.with_user(self.users["operator"]).action_quarantine()
        nc.with_user(self.inspector).action_quarantine()
        nc.disposition = "scrap"
        with self.assertRaisesRegex(UserError, "Quality Manager"):
            self.sign(nc, "inspector", APPROVED)
        own = self.env["meddev.nonconformance"].with_user(self.manager).create({
            "product_id": self.catheter.id, "quantity": 1, "disposition": "use_as_is", "disposition_note": "ok"})
        with self.assertRaisesRegex(UserError, "authored"):
            self.sign(own, "manager", APPROVED)
        with self.assertRaises(AccessError):
            nc.with_user(self.users["operator"]).unlink()
        with self.assertRaisesRegex(UserError, "disposition it instead"):
            nc.action_cancel()
        operator_nc = self.env["meddev.nonconformance"].with_user(self.users["operator"]).create({
            "source": "audit", "product_id": self.catheter.id, "quantity": 2})
        operator_nc.action_cancel()
        self.assertEqual(operator_nc.state, "cancel")

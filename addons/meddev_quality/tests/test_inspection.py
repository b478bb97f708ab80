from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_stock import MeddevStockCase

VERIFIED = "meddev_quality.meaning_verified"


@tagged("post_install", "-at_install")
class TestInspection(MeddevStockCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env["meddev.inspection.plan"].create({
            "name": "Incoming pouches",
            "trigger": "receipt",
            "product_ids": [Command.set(cls.pouch.ids)],
            "sampling": "aql",
            "aql": "1.0",
            "user_id": cls.inspector.id,
            "point_ids": [
                Command.create({"name": "Seal intact", "test_type": "pass_fail", "sequence": 1,
                                "instructions": "Check the seal over its full length."}),
                Command.create({"name": "Seal width", "test_type": "measure", "sequence": 2,
                                "nominal": 6.0, "tolerance_minus": 0.5, "tolerance_plus": 1.0}),
                Command.create({"name": "Remarks", "test_type": "text", "sequence": 3, "required": False}),
            ],
        })

    def fill(self, inspection, seal="pass", width=6.2, nonconforming=0):
        inspection = inspection.with_user(self.inspector)
        lines = {line.name: line for line in inspection.line_ids}
        lines["Seal intact"].value_pass = seal
        lines["Seal width"].value_float = width
        inspection.nonconforming_count = nonconforming
        return inspection

    def test_receipt_creates_an_inspection_with_the_iso_2859_sample(self):
        picking = self.receipt(self.pouch, 1000)
        inspection = picking.meddev_inspection_ids
        self.assertEqual(len(inspection), 1)
        self.assertEqual(picking.meddev_inspection_count, 1)
        self.assertEqual((inspection.code_letter, inspection.sample_size, inspection.accept_number,
                          inspection.reject_number), ("J", 80, 2, 3))
        self.assertEqual(inspection.user_id, self.inspector)
        self.assertEqual(inspection.state, "todo")
        self.assertTrue(inspection.name.startswith("QI/"))
        width = inspection.line_ids.filtered(lambda line: line.name == "Seal width")
        self.assertEqual((width.lower_limit, width.upper_limit), (5.5, 7.0))
        self.assertEqual(inspection.line_ids.mapped("result"), ["pending"] * 3)
        self.assertEqual(inspection.line_ids[0].instructions, "Check the seal over its full length.")

    def test_scope_of_a_plan(self):
        other = self.env["product.product"].create({"name": "Label stock", "is_storable": True})
        self.assertFalse(self.receipt(other, 10).meddev_inspection_ids, "product outside the plan")
        category_plan = self.plan.copy({"name": "By category", "product_ids": [Command.clear()],
                                        "product_categ_ids": [Command.set(other.categ_id.ids)]})
        self.assertEqual(self.receipt(other, 10).meddev_inspection_ids.plan_id, category_plan)
        shipment = self.env["stock.picking"].create({
            "picking_type_id": self.warehouse.out_type_id.id,
            "location_id": self.stock.id, "location_dest_id": self.customer_location.id,
            "move_ids": [Command.create({
                "name": "out", "product_id": self.pouch.id, "product_uom_qty": 5, "product_uom": self.pouch.uom_id.id,
                "location_id": self.stock.id, "location_dest_id": self.customer_location.id})],
        })
        shipment.action_confirm()
        self.assertFalse(shipment.meddev_inspection_ids, "a receipt plan does not fire at shipment")
        self.company.meddev_regulated = False
        self.assertFalse(self.receipt(self.pouch, 10).meddev_inspection_ids,
                         "companies not marked regulated are not gated")

    def test_every_nth_and_full_sampling(self):
        self.plan.write({"sampling": "every_nth", "every_nth": 10})
        self.assertEqual(self.receipt(self.pouch, 95).meddev_inspection_ids.sample_size, 10)
        self.plan.write({"sampling": "all"})
        self.assertEqual(self.receipt(self.pouch, 95).meddev_inspection_ids.sample_size, 95)
        self.plan.write({"sampling": "aql", "aql": "0.65"})
        small = self.receipt(self.pouch, 10).meddev_inspection_ids
        self.assertEqual((small.sample_size, small.accept_number), (10, 0), "sample larger than the lot: 100%")

    def test_unsigned_inspection_blocks_validation(self):
        picking = self.receipt(self.pouch, 100)
        with self.assertRaisesRegex(UserError, "not completed and signed"):
            self.validate(picking)
        self.assertEqual(picking.state, "assigned")

    def test_passed_and_signed_inspection_is_locked_and_releases_the_receipt(self):
        picking = self.receipt(self.pouch, 100)
        inspection = self.fill(picking.meddev_inspection_ids)
        self.assertEqual(inspection.line_ids.mapped("result"), ["pass", "pass", "pending"])
        signature = self.sign(inspection, "inspector", VERIFIED)
        self.assertEqual(inspection.state, "passed")
        self.assertEqual(inspection.meddev_sign_state, "signed")
        self.assertEqual(signature.user_id, self.inspector)
        for user in (self.inspector, self.manager, self.env.ref("base.user_admin")):
            with self.assertRaisesRegex(UserError, "locked"):
                inspection.with_user(user).nonconforming_count = 1
            with self.assertRaisesRegex(UserError, "locked"):
                inspection.line_ids[1].with_user(user).value_float = 9
        with self.assertRaisesRegex(UserError, "locked"):
            inspection.sudo().unlink()
        self.validate(picking)
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.on_hand(self.pouch, self.stock), 100)

    def test_sampling_decides_with_the_acceptance_number(self):
        picking = self.receipt(self.pouch, 1000)  # 80 units, Ac 2, Re 3
        inspection = self.fill(picking.meddev_inspection_ids, nonconforming=2)
        self.sign(inspection, "inspector", VERIFIED)
        self.assertEqual(inspection.state, "passed")
        picking2 = self.receipt(self.pouch, 1000)
        inspection2 = self.fill(picking2.meddev_inspection_ids, nonconforming=3)
        self.sign(inspection2, "inspector", VERIFIED)
        self.assertEqual(inspection2.state, "failed")

    def test_incomplete_results_cannot_be_signed(self):
        inspection = self.receipt(self.pouch, 100).meddev_inspection_ids.with_user(self.inspector)
        inspection.line_ids.filtered(lambda line: line.name == "Seal intact").value_pass = "pass"
        with self.assertRaisesRegex(UserError, "Seal width"):
            inspection.action_meddev_sign()
        with self.assertRaisesRegex(UserError, "Seal width"):
            self.sign(inspection, "inspector", VERIFIED)
        self.assertFalse(inspection.signature_ids)
        self.assertEqual(inspection.state, "todo")
        inspection.line_ids.filtered(lambda line: line.name == "Seal width").value_float = 0.0
        self.sign(inspection, "inspector", VERIFIED)
        self.assertEqual(inspection.state, "failed", "a measured 0.0 is a value, outside 5.5-7.0")

    def test_failed_inspection_blocks_until_a_nonconformance_quarantines_the_goods(self):
        picking = self.receipt(self.pouch, 100)
        inspection = self.fill(picking.meddev_inspection_ids, width=8.1)
        self.sign(inspection, "inspector", VERIFIED)
        self.assertEqual(inspection.state, "failed")
        with self.assertRaisesRegex(UserError, "failed"):
            self.validate(picking)
        action = inspection.with_user(self.inspector).action_create_nonconformance()
        nc = self.env["meddev.nonconformance"].browse(action["res_id"])
        self.assertEqual((nc.source, nc.product_id, nc.quantity, nc.picking_id, nc.partner_id),
                         ("incoming", self.pouch, 100, picking, self.supplier))
        self.assertEqual(nc.state, "quarantined", "the failed receipt goes to quarantine at once")
        self.validate(picking)
        quarantine = self.env["stock.location"]._meddev_quarantine_location(self.company)
        self.assertEqual(self.on_hand(self.pouch, quarantine), 100)
        self.assertEqual(self.on_hand(self.pouch, self.stock), 0)
        self.assertEqual(nc.quarantined_qty, 100)

    def test_plan_without_blocking_only_records(self):
        self.plan.block_on_failure = False
        picking = self.receipt(self.pouch, 10)
        self.validate(picking)
        self.assertEqual(picking.state, "done")

    def test_roles(self):
        inspection = self.fill(self.receipt(self.pouch, 100).meddev_inspection_ids)
        with self.assertRaisesRegex(UserError, "Quality Inspector"):
            self.sign(inspection, "operator", VERIFIED)
        with self.assertRaises(AccessError):
            inspection.with_user(self.users["operator"]).nonconforming_count = 1
        with self.assertRaises(AccessError):
            inspection.with_user(self.plain_user).read(["name"])
        with self.assertRaises(AccessError):
            self.plan.with_user(self.inspector).write({"aql": "2.5"})
        with self.assertRaises(AccessError):
            inspection.with_user(self.inspector).unlink()
        self.assertEqual(inspection.with_user(self.users["operator"]).state, "todo")
        self.sign(inspection, "inspector", VERIFIED)
        self.assertEqual(inspection.state, "passed")

    def test_changes_are_audited(self):
        inspection = self.fill(self.receipt(self.pouch, 100).meddev_inspection_ids)
        line = inspection.line_ids.filtered(lambda line: line.name == "Seal width")
        entries = self.audit_entries("meddev.inspection.line", line.id, "write")
        self.assertTrue(any(self.changes(entry).get("value_float") == (0.0, 6.2) for entry in entries))
        self.assertTrue(self.audit_entries("meddev.inspection", inspection.id, "create"))

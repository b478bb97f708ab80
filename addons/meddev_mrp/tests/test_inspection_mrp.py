from odoo import Command
from odoo.addons.meddev_quality.tests.common import MeddevCase
from odoo.exceptions import UserError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestManufacturingInspections(MeddevCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.meddev_regulated = True
        cls.product = cls.env["product.product"].create({"name": "Extension line", "is_storable": True})
        component = cls.env["product.product"].create({"name": "Tubing", "is_storable": True})
        cls.env["stock.quant"]._update_available_quantity(
            component, cls.env["stock.warehouse"].search([("company_id", "=", cls.env.company.id)], limit=1)
            .lot_stock_id, 100)
        assembly, leak = cls.env["mrp.workcenter"].create([{"name": "Assembly MD"}, {"name": "Leak test MD"}])
        cls.bom = cls.env["mrp.bom"].create({
            "product_tmpl_id": cls.product.product_tmpl_id.id, "product_qty": 1,
            "bom_line_ids": [Command.create({"product_id": component.id, "product_qty": 1})],
            "operation_ids": [Command.create({"name": "Assemble", "workcenter_id": assembly.id, "sequence": 1}),
                              Command.create({"name": "Leak test", "workcenter_id": leak.id, "sequence": 2})],
        })
        cls.leak_test = cls.bom.operation_ids.filtered(lambda o: o.name == "Leak test")
        points = [Command.create({"name": "Leak rate", "test_type": "measure", "nominal": 0.0,
                                  "tolerance_minus": 0.0, "tolerance_plus": 0.5})]
        cls.operation_plan = cls.env["meddev.inspection.plan"].create({
            "name": "Leak test inspection", "trigger": "operation", "operation_ids": [Command.set(cls.leak_test.ids)],
            "product_ids": [Command.set(cls.product.ids)], "sampling": "all", "point_ids": points})
        cls.release_plan = cls.env["meddev.inspection.plan"].create({
            "name": "Final release inspection", "trigger": "release", "sampling": "aql", "aql": "1.0",
            "product_ids": [Command.set(cls.product.ids)],
            "point_ids": [Command.create({"name": "Labels and IFU", "test_type": "pass_fail"})]})

    def production(self, qty=10):
        production = self.env["mrp.production"].create({
            "product_id": self.product.id, "bom_id": self.bom.id, "product_qty": qty})
        production.action_confirm()
        return production

    def sign(self, inspection, **values):
        inspector = self.users["inspector"]
        inspection.line_ids.with_user(inspector).write(values)
        return inspection.with_user(inspector)._meddev_sign(
            self.env.ref("meddev_quality.meaning_verified"), "md_inspector-pw")

    def test_confirmed_order_gets_its_operation_and_release_inspections(self):
        production = self.production(50)
        inspections = production.meddev_inspection_ids
        self.assertEqual(production.meddev_inspection_count, 2)
        operation = inspections.filtered(lambda i: i.trigger == "operation")
        release = inspections.filtered(lambda i: i.trigger == "release")
        self.assertEqual(operation.workorder_id.operation_id, self.leak_test)
        self.assertEqual((operation.sample_size, operation.quantity), (50, 50))
        self.assertEqual((release.workorder_id, release.sample_size, release.code_letter),
                         (self.env["mrp.workorder"], 13, "E"))  # 26-50 units: D, whose AQL 1.0 cell points down to E
        other = self.env["product.product"].create({"name": "Not inspected", "is_storable": True})
        bom = self.bom.copy({"product_tmpl_id": other.product_tmpl_id.id})
        mo = self.env["mrp.production"].create({"product_id": other.id, "bom_id": bom.id, "product_qty": 1})
        mo.action_confirm()
        self.assertFalse(mo.meddev_inspection_ids)

    def test_operation_and_release_are_gated(self):
        production = self.production(10)
        assemble, leak = production.workorder_ids.sorted("id")
        assemble.button_start()
        assemble.button_finish()
        self.assertEqual(assemble.state, "done", "operations without a plan are not gated")
        leak.button_start()
        with self.assertRaisesRegex(UserError, "not completed and signed"):
            leak.button_finish()
        operation = production.meddev_inspection_ids.filtered(lambda i: i.trigger == "operation")
        self.sign(operation, value_float=0.8)
        self.assertEqual(operation.state, "failed")
        with self.assertRaisesRegex(UserError, "failed"):
            leak.button_finish()
        action = operation.with_user(self.users["inspector"]).action_create_nonconformance()
        nc = self.env["meddev.nonconformance"].browse(action["res_id"])
        self.assertEqual(nc.source, "in_process")
        nc.with_user(self.users["inspector"]).write({"disposition": "rework",
                                                    "disposition_note": "Re-bond and retest"})
        nc.with_user(self.users["manager"])._meddev_sign(self.env.ref("meddev_quality.meaning_approved"),
                                                          "md_manager-pw")
        self.assertEqual(nc.state, "done")
        leak.button_finish()
        self.assertEqual(leak.state, "done")
        with self.assertRaisesRegex(UserError, "not completed and signed"):
            production.button_mark_done()
        release = production.meddev_inspection_ids.filtered(lambda i: i.trigger == "release")
        self.sign(release, value_pass="pass")
        production.button_mark_done()
        self.assertEqual(production.state, "done")

    def test_unregulated_company_is_not_gated(self):
        self.env.company.meddev_regulated = False
        production = self.production(5)
        self.assertFalse(production.meddev_inspection_ids)
        production.button_mark_done()
        self.assertEqual(production.state, "done")


@tagged("post_install", "-at_install")
class TestOperationQualification(MeddevCase):

    def test_gating_by_routing_operation_and_work_center(self):
        workcenter = self.env["mrp.workcenter"].create({"name": "Laser welder MD"})
        product = self.env["product.product"].create({"name": "Welded housing"})
        bom = self.env["mrp.bom"].create({
            "product_tmpl_id": product.product_tmpl_id.id,
            "operation_ids": [Command.create({"name": "Weld", "workcenter_id": workcenter.id})]})
        operation = bom.operation_ids
        welding, safety = self.env["meddev.training.course"].create([
            {"name": "Laser welding", "training_type": "practical"},
            {"name": "Laser safety", "training_type": "classroom"}])
        self.env["meddev.training.requirement"].create([
            {"course_id": welding.id, "operation_id": operation.id},
            {"course_id": safety.id, "workcenter_id": workcenter.id}])
        employee = self.env["hr.employee"].create({"name": "Welder"})
        answer = self.env["hr.employee"].meddev_may_perform(employee.id, operation_id=operation.id)
        self.assertFalse(answer["allowed"])
        self.assertEqual(len(answer["reasons"]), 2)
        coordinator = self.users["coordinator"]
        for course in (welding, safety):
            qualification = self.env["meddev.training.qualification"].with_user(coordinator).create({
                "employee_id": employee.id, "course_id": course.id})
            qualification._meddev_sign(self.env.ref("meddev_quality.meaning_verified"), "md_coordinator-pw")
        self.assertEqual(self.env["hr.employee"].meddev_may_perform(employee.id, operation_id=operation.id),
                         {"allowed": True, "reasons": []})


@tagged("post_install", "-at_install")
class TestBomChangeRequest(MeddevCase):

    def test_approved_change_swaps_the_bom(self):
        product = self.env["product.product"].create({"name": "Infusion set MD"})
        current = self.env["mrp.bom"].create({"product_tmpl_id": product.product_tmpl_id.id, "code": "A"})
        new = self.env["mrp.bom"].create({"product_tmpl_id": product.product_tmpl_id.id, "code": "B",
                                          "active": False})
        request = self.env["meddev.change.request"].with_user(self.users["operator"]).create({
            "title": "Longer tubing", "change_type": "bom", "reason": "Customer request",
            "target_ref": "mrp.bom,%d" % current.id, "replacement_ref": "mrp.bom,%d" % new.id,
            "product_ids": [Command.set(product.ids)], "impact_note": "No open orders"})
        for role, meaning in (("operator", "authored"), ("inspector", "reviewed"), ("manager", "approved")):
            user = self.users[role]
            request.with_user(user)._meddev_sign(self.env.ref("meddev_quality.meaning_%s" % meaning),
                                                 "%s-pw" % user.login)
        self.assertEqual(request.state, "effective")
        self.assertFalse(current.active)
        self.assertTrue(new.active)
        self.assertEqual(self.env["mrp.bom"]._bom_find(product)[product], new)

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .common_stock import MeddevStockCase


@tagged("post_install", "-at_install")
class TestQualityOverview(MeddevStockCase):

    def test_figures(self):
        Overview = self.env["meddev.quality.overview"]
        before = Overview.get_figures()
        NC = self.env["meddev.nonconformance"]
        NC.create([{"product_id": self.pouch.id, "quantity": 1, "severity": severity}
                   for severity in ("critical", "major", "major", "minor")])
        NC.create({"product_id": self.pouch.id, "quantity": 1, "severity": "critical"}).action_cancel()
        plan = self.env["meddev.inspection.plan"].create({
            "name": "FPY", "point_ids": [Command.create({"name": "Visual", "test_type": "pass_fail"})]})
        Inspection = self.env["meddev.inspection"]
        for product, verdicts in ((self.pouch, ["pass", "pass", "pass", "fail"]), (self.catheter, ["pass", "fail"])):
            for verdict in verdicts:
                inspection = Inspection.create(Inspection._vals_for(plan, product, 10))
                inspection.line_ids.value_pass = verdict
                self.sign(inspection, "inspector", "meddev_quality.meaning_verified")
        Capa = self.env["meddev.capa"]
        now = fields.Datetime.now()
        for age in (5, 45, 200):
            capa = Capa.create({"title": "Age %s" % age})
            capa.action_open()
            self.env.flush_all()
            self.env.cr.execute("UPDATE meddev_capa SET date_opened = %s WHERE id = %s",
                                (now - timedelta(days=age), capa.id))
        self.env.invalidate_all()

        figures = Overview.get_figures()
        delta = {row["severity"]: row["count"] for row in figures["open_nc_by_severity"]}
        base = {row["severity"]: row["count"] for row in before["open_nc_by_severity"]}
        self.assertEqual({key: delta[key] - base[key] for key in delta}, {"critical": 1, "major": 2, "minor": 1})
        aging = [row["count"] - old["count"] for row, old in zip(figures["capa_aging"], before["capa_aging"],
                                                                   strict=True)]
        self.assertEqual(aging, [1, 1, 0, 1])
        fpy = {row["product_id"]: row for row in figures["first_pass_yield"]}
        self.assertEqual((fpy[self.pouch.id]["passed"], fpy[self.pouch.id]["total"], fpy[self.pouch.id]["yield"]),
                         (3, 4, 75.0))
        self.assertEqual(fpy[self.catheter.id]["yield"], 50.0)
        self.assertLess(figures["first_pass_yield"].index(fpy[self.catheter.id]),
                        figures["first_pass_yield"].index(fpy[self.pouch.id]), "lowest yield first")
        this_month = fields.Date.today().strftime("%Y-%m")
        self.assertEqual(len(figures["nc_per_month"]), 12)
        self.assertEqual(figures["nc_per_month"][-1]["month"], this_month)
        self.assertEqual(figures["nc_per_month"][-1]["count"] - before["nc_per_month"][-1]["count"], 5)

    def test_figures_follow_record_rules(self):
        def critical(figures):
            return {row["severity"]: row["count"] for row in figures["open_nc_by_severity"]}["critical"]

        Overview = self.env["meddev.quality.overview"]
        manager = self.manager.with_company(self.company)
        before = critical(Overview.with_user(manager).get_figures())
        other = self.env["res.company"].create({"name": "Other plant"})
        self.env["meddev.nonconformance"].create({
            "product_id": self.env["product.product"].create({"name": "Other product", "company_id": other.id}).id,
            "quantity": 1, "severity": "critical", "company_id": other.id})
        self.assertEqual(critical(Overview.with_user(manager).get_figures()), before,
                         "another company's nonconformance is not counted")
        self.assertEqual(critical(Overview.with_context(allowed_company_ids=[other.id]).get_figures()), 1)

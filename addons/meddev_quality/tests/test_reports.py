import base64
import io
import zipfile

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common_stock import MeddevStockCase


def xlsx_text(data):
    """Shared strings and sheet XML of an XLSX file, to look values up in."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/sharedStrings.xml").decode() + archive.read("xl/worksheets/sheet1.xml").decode()


@tagged("post_install", "-at_install")
class TestReports(MeddevStockCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls.env["stock.lot"].create({"name": "CT-9001", "product_id": cls.catheter.id})
        cls.env["stock.quant"]._update_available_quantity(cls.catheter, cls.stock, 20, lot_id=cls.lot)
        cls.nc = cls.env["meddev.nonconformance"].with_user(cls.inspector).create({
            "source": "final", "product_id": cls.catheter.id, "lot_ids": [Command.set(cls.lot.ids)],
            "quantity": 4, "severity": "critical", "description": "<p>Burr on tip</p>",
            "risk_severity": "5", "risk_occurrence": "2", "risk_detection": "3"})
        cls.nc.action_quarantine()
        cls.nc.action_escalate_capa()
        cls.nc.write({"disposition": "scrap"})
        cls.capa = cls.nc.capa_ids

    def test_pdf_reports_show_content_and_signatures(self):
        self.sign(self.nc, "manager", "meddev_quality.meaning_approved")
        html = str(self.env["ir.actions.report"]._render_qweb_html(
            "meddev_quality.report_nonconformance", self.nc.ids)[0])
        for text in (self.nc.name, "Burr on tip", "CT-9001", "Scrap", self.manager.name, "Approved"):
            self.assertIn(text, html)
        html = str(self.env["ir.actions.report"]._render_qweb_html("meddev_quality.report_capa", self.capa.ids)[0])
        self.assertIn(self.capa.name, html)
        self.assertIn("Not signed", html)
        plan = self.env["meddev.inspection.plan"].create({
            "name": "Final", "product_ids": [Command.set(self.pouch.ids)],
            "point_ids": [Command.create({"name": "Label legible", "test_type": "pass_fail"})]})
        inspection = self.env["meddev.inspection"].create(
            self.env["meddev.inspection"]._vals_for(plan, self.pouch, 10))
        inspection.line_ids.value_pass = "pass"
        self.sign(inspection, "inspector", "meddev_quality.meaning_verified")
        html = str(self.env["ir.actions.report"]._render_qweb_html(
            "meddev_quality.report_inspection", inspection.ids)[0])
        for text in (inspection.name, "Label legible", self.inspector.name, "Verified", "Passed"):
            self.assertIn(text, html)

    def test_xlsx_registers(self):
        data = base64.b64decode(self.env["meddev.nonconformance"].export_register_xlsx(
            [("id", "=", self.nc.id)]))
        text = xlsx_text(data)
        for value in (self.nc.name, "CT-9001", "Critical", "Scrap", self.capa.name, "Reference"):
            self.assertIn(value, text)
        text = xlsx_text(base64.b64decode(self.env["meddev.capa"].export_register_xlsx([("id", "=", self.capa.id)])))
        self.assertIn(self.capa.name, text)
        self.assertIn(self.nc.name, text)
        action = self.nc.action_export_register_xlsx()
        self.assertEqual(action["url"], "/meddev_quality/register/meddev.nonconformance?ids=%d" % self.nc.id)


@tagged("post_install", "-at_install")
class TestRegisterDownload(HttpCase):

    def test_download_uses_the_users_rights(self):
        nc = self.env["meddev.nonconformance"].create({
            "product_id": self.env["product.product"].create({"name": "Guidewire"}).id, "quantity": 1})
        self.authenticate("admin", "admin")
        response = self.url_open("/meddev_quality/register/meddev.nonconformance?ids=%d" % nc.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn(nc.name, xlsx_text(response.content))
        self.assertEqual(self.url_open("/meddev_quality/register/res.users").status_code, 404)

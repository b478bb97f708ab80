import base64
import io
import re

from barcode.charsets import code128
from PIL import Image
from pylibdmtx import pylibdmtx

from odoo.addons.meddev_udi.tools import gs1, gs1_128, hibcc
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools.pdf import PdfFileReader


def gtin(body):
    return body + str(gs1.check_digit(body))


@tagged("post_install", "-at_install")
class TestLabels(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.device = cls.env["product.product"].create({
            "name": "Label catheter", "is_storable": True, "tracking": "lot", "meddev_udi_regulated": True,
            "meddev_udi_di": gtin("0695999960001"), "meddev_pi_expiry_date": True,
            "meddev_registration_number": "国械注准20243140077"})
        cls.box = cls.env["product.packaging"].create({
            "name": "Box of 20", "product_id": cls.device.id, "qty": 20, "barcode": gtin("1695999960001")})
        cls.pump = cls.env["product.product"].create({
            "name": "Label pump", "is_storable": True, "tracking": "serial", "meddev_udi_regulated": True,
            "meddev_udi_di": gtin("0695999960002"), "meddev_pi_serial": True, "meddev_pi_lot": False})
        cls.lot = cls.env["stock.lot"].create({
            "name": "LBL-1", "product_id": cls.device.id, "expiration_date": "2029-06-30 12:00:00"})
        cls.serials = cls.env["stock.lot"].create([
            {"name": "SN-%d" % i, "product_id": cls.pump.id} for i in range(1, 4)])
        cls.carton = cls.env.ref("meddev_udi.label_template_100x50")
        cls.unit = cls.env.ref("meddev_udi.label_template_50x30")

    def wizard(self, lots, template, **vals):
        return self.env["meddev.label.wizard"].create(dict(
            {"lot_ids": [(6, 0, lots.ids)], "template_id": template.id}, **vals))

    def html(self, wizard):
        return self.env["ir.actions.report"]._render_qweb_html("meddev_udi.report_udi_label", wizard.ids)[0].decode()

    def decode_datamatrix(self, data_uri):
        image = Image.open(io.BytesIO(base64.b64decode(data_uri.split(",", 1)[1]))).convert("L")
        canvas = Image.new("L", (image.width + 80, image.height + 80), 255)
        canvas.paste(image, (40, 40))
        return [result.data.decode() for result in pylibdmtx.decode(canvas)]

    def symbol_values(self, svg_data_uri):
        """Code 128 values of an SVG drawn by python-barcode, read from its bar widths."""
        svg = base64.b64decode(svg_data_uri.split(",", 1)[1]).decode()
        # Bars are the rects sized in mm (the background is 100%); bar and gap widths are module multiples.
        bar = r'<rect x="([\d.]+)mm" y="[\d.]+mm" width="([\d.]+)mm"'
        rects = [(float(x), float(w)) for x, w in re.findall(bar, svg)]
        module = min(w for _x, w in rects)
        pattern, position = "", rects[0][0]
        for x, width in rects:
            pattern += "0" * round((x - position) / module) + "1" * round(width / module)
            position = x + width
        by_pattern = {bars: value for value, bars in enumerate(code128.CODES)}
        values = [by_pattern[pattern[i:i + 11]] for i in range(0, len(pattern) - 13, 11)]
        return values[:-1]  # without the check character

    def test_templates_have_their_own_paper_size(self):
        self.assertEqual((self.unit.paperformat_id.page_width, self.unit.paperformat_id.page_height), (50, 30))
        template = self.env["meddev.label.template"].create({"name": "Tiny", "width": 40, "height": 20})
        self.assertEqual(template.paperformat_id.page_width, 40)
        template.height = 25
        self.assertEqual(template.paperformat_id.page_height, 25)
        with self.assertRaisesRegex(ValidationError, "at most 300 mm"):
            template.width = 400

    def test_lot_label_with_both_symbols_and_hri(self):
        wizard = self.wizard(self.lot, self.carton, copies=2)
        labels = wizard._labels()
        self.assertEqual(len(labels), 2)
        self.assertEqual(labels[0]["hri"], "(01)06959999600019(17)290630(10)LBL-1")
        self.assertTrue(labels[0]["gs1_128"].startswith("data:image/svg+xml;base64,"))
        self.assertIn(b"<rect", base64.b64decode(labels[0]["gs1_128"].split(",", 1)[1]))
        self.assertEqual(self.decode_datamatrix(labels[0]["datamatrix"]), ["01069599996000191729063010LBL-1"])
        # The drawn GS1-128 carries FNC1 first, then the element string.
        self.assertEqual(gs1_128.read_codewords(self.symbol_values(labels[0]["gs1_128"])),
                         (True, "01069599996000191729063010LBL-1"))
        html = self.html(wizard)
        self.assertEqual(html.count("o_meddev_udi_label\""), 2)
        self.assertIn("(01)06959999600019(17)290630(10)LBL-1", html)
        self.assertIn("国械注准20243140077", html)
        self.assertIn("o_meddev_label_gs1_128", html)
        self.assertIn("o_meddev_label_datamatrix", html)

    def test_one_label_per_serial(self):
        html = self.html(self.wizard(self.serials, self.unit))
        for serial in self.serials:
            self.assertIn("(01)06959999600026(21)%s" % serial.name, html)
        self.assertNotIn("o_meddev_label_gs1_128", html, "the unit template prints DataMatrix only")

    def test_serial_and_separator_in_both_symbols(self):
        self.device.meddev_pi_serial = True
        self.device.tracking = "lot"
        lot = self.env["stock.lot"].create({"name": "LBL-2", "product_id": self.device.id,
                                            "expiration_date": "2029-06-30 12:00:00"})
        self.assertEqual(lot.meddev_udi_element_string, "01069599996000191729063010LBL-2" + gs1.GS + "21LBL-2")
        label = self.wizard(lot, self.carton)._labels()[0]
        self.assertEqual(gs1_128.read_codewords(self.symbol_values(label["gs1_128"])),
                         (True, lot.meddev_udi_element_string))
        # libdmtx drops FNC1 characters: a GS *character* would have come out as '\x1d'.
        self.assertEqual(self.decode_datamatrix(label["datamatrix"]), ["01069599996000191729063010LBL-221LBL-2"])

    def test_hibcc_label_is_plain_code128_and_datamatrix(self):
        hibc = self.env["product.product"].create({
            "name": "HIBC clamp", "is_storable": True, "tracking": "lot", "meddev_udi_regulated": True,
            "meddev_issuing_agency": "hibcc", "meddev_udi_di": "+A99912345", "meddev_pi_expiry_date": True})
        lot = self.env["stock.lot"].create({"name": "HB7", "product_id": hibc.id,
                                            "expiration_date": "2029-06-30 12:00:00"})
        label = self.wizard(lot, self.carton)._labels()[0]
        gs1_flag, data = gs1_128.read_codewords(self.symbol_values(label["gs1_128"]))
        self.assertFalse(gs1_flag, "HIBC symbols carry no FNC1")
        self.assertEqual(data, lot.meddev_udi_hri)
        self.assertEqual(self.decode_datamatrix(label["datamatrix"]), [lot.meddev_udi_hri])
        self.assertEqual(hibcc.parse(data).lot, "HB7")

    def test_report_engine_barcode_route_values(self):
        # /report/barcode passes its query values as strings.
        Report = self.env["ir.actions.report"]
        value = "0106959999600019" + "10A1" + gs1.GS + "21S1"
        png = Report.barcode("GS1DataMatrix", value, width="200", height="50")
        image = Image.open(io.BytesIO(png))
        self.assertEqual(image.size, (200, 200), "DataMatrix symbols are square")
        self.assertEqual(self.decode_datamatrix("data:image/png;base64," + base64.b64encode(png).decode()),
                         [value.replace(gs1.GS, "")])
        with self.assertRaisesRegex(ValueError, "do not fit"):
            Report.barcode("GS1DataMatrix", "X" * 200)

    def test_packaging_label(self):
        wizard = self.wizard(self.lot, self.carton, level="packaging", packaging_id=self.box.id)
        label = wizard._labels()[0]
        self.assertEqual(label["hri"], "(01)16959999600016(17)290630(10)LBL-1")
        self.assertEqual(label["quantity"], 20)
        self.assertIn("Box of 20", self.html(wizard))

    def test_pdf(self):
        wizard = self.wizard(self.lot | self.serials[:1], self.unit)
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        # Tests render HTML unless asked for the real PDF (wkhtmltopdf).
        pdf, kind = Report._render_qweb_pdf("meddev_udi.report_udi_label", wizard.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        # One 50 x 30 mm page per label (PDF points: 1 mm = 72 / 25.4).
        reader = PdfFileReader(io.BytesIO(pdf))
        self.assertEqual(reader.getNumPages(), 2)
        box = reader.getPage(0).mediaBox
        self.assertEqual((round(float(box.getWidth()) * 25.4 / 72), round(float(box.getHeight()) * 25.4 / 72)),
                         (50, 30))
        # XML-RPC clients get the same PDF (here the HTML tests render) as base64.
        self.assertIn(b"o_meddev_udi_label", base64.b64decode(wizard.print_pdf()))
        action = wizard.action_print()
        self.assertEqual((action["type"], action["report_name"]), ("ir.actions.report", "meddev_udi.report_udi_label"))

    def test_refusals(self):
        plain = self.env["product.product"].create({"name": "Plain", "is_storable": True, "tracking": "lot"})
        plain_lot = self.env["stock.lot"].create({"name": "PL-1", "product_id": plain.id})
        with self.assertRaisesRegex(UserError, "have no UDI"):
            self.wizard(plain_lot, self.carton).action_print()
        pump_box = self.env["product.packaging"].create({
            "name": "Pump box", "product_id": self.pump.id, "qty": 1, "barcode": gtin("1695999960002")})
        with self.assertRaisesRegex(UserError, "is not a packaging of"):
            self.wizard(self.lot, self.carton, level="packaging", packaging_id=pump_box.id).action_print()
        no_di = self.env["product.packaging"].create({"name": "Bag", "product_id": self.device.id, "qty": 5})
        with self.assertRaisesRegex(UserError, "has no UDI-DI"):
            self.wizard(self.lot, self.carton, level="packaging", packaging_id=no_di.id).action_print()
        with self.assertRaisesRegex(UserError, "between 1 and 1000"):
            self.wizard(self.lot, self.carton, copies=0).action_print()

    def test_wizard_from_a_lot_list(self):
        wizard = self.env["meddev.label.wizard"].with_context(
            active_model="stock.lot", active_ids=self.serials.ids).create({"template_id": self.unit.id})
        self.assertEqual(wizard.lot_ids, self.serials)

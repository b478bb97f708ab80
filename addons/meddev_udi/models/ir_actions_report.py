from reportlab.graphics import barcode as reportlab_barcode
from reportlab.graphics.barcode.widgets import BarcodeECC200DataMatrix as ECC200DataMatrix

from odoo import api, models

from ..tools import datamatrix

LABEL_REPORT = "meddev_udi.report_udi_label"


class GS1DataMatrix(ECC200DataMatrix):
    """reportlab's 44x44 ECC 200 DataMatrix, with GS1 data: FNC1 first and as separator."""

    codeName = "GS1DataMatrix"

    def validate(self):
        self.valid = 1
        self.validated = self.value

    def _encode_c40(self, value):
        # reportlab calls this for the data codewords; ASCII encodation is the one
        # that can carry FNC1 (ISO/IEC 16022 5.2.4).
        return datamatrix.ascii_codewords(value, self.cw_data)


# createBarcodeDrawing() looks symbologies up in reportlab's widget list, which
# Odoo's report engine calls with the requested type.
if GS1DataMatrix not in reportlab_barcode._widgets:
    reportlab_barcode._widgets.append(GS1DataMatrix)


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def barcode(self, barcode_type, value, **kwargs):
        if barcode_type == "GS1DataMatrix":
            # A square symbol: both sides from the requested width.
            side = int(kwargs.get("width", 300) or 300)
            kwargs.update(width=side, height=side)
        return super().barcode(barcode_type, value, **kwargs)

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        # UDI labels print on the paper size of the label template chosen in the
        # print wizard (its records are the report's documents).
        report = self._get_report(report_ref)
        if report.report_name == LABEL_REPORT and res_ids:
            wizard = self.env["meddev.label.wizard"].browse(res_ids[:1] if isinstance(res_ids, list) else res_ids)
            paperformat = wizard.exists().template_id.paperformat_id
            if paperformat:
                self = self.with_context(meddev_label_paperformat_id=paperformat.id)
        return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)

    def get_paperformat(self):
        paperformat_id = self.env.context.get("meddev_label_paperformat_id")
        if paperformat_id and self.report_name == LABEL_REPORT:
            return self.env["report.paperformat"].browse(paperformat_id)
        return super().get_paperformat()

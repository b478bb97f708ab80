from reportlab.graphics import barcode as reportlab_barcode
from reportlab.graphics.barcode.widgets import BarcodeECC200DataMatrix as ECC200DataMatrix

from odoo import api, models

from ..tools import datamatrix

LABEL_REPORT = "meddev_udi.report_udi_label"


class GS1DataMatrix(ECC200DataMatrix):
    """reportlab's ECC 200 DataMatrix, with GS1 data (FNC1 first and as separator), in the smallest square size.

    reportlab's own class is a fixed 44x44 symbol; a typical UDI fits in 22x22 or
    26x26, i.e. modules twice as large on the same label, which is what makes
    small labels scan reliably.
    """

    codeName = "GS1DataMatrix"
    gs1 = True

    def validate(self):
        self.valid = 1
        self.validated = self.value
        side, regions, self.cw_data, self.cw_ecc = datamatrix.symbol_size(self.value, gs1=self.gs1)
        self.row_modules = self.col_modules = side
        self.row_regions = self.col_regions = regions
        self.row_usable_modules = self.col_usable_modules = side - 2 * regions

    def _encode_c40(self, value):
        # reportlab calls this for the data codewords; ASCII encodation is the one
        # that can carry FNC1 (ISO/IEC 16022 5.2.4).
        return datamatrix.ascii_codewords(value, self.cw_data, gs1=self.gs1)

    def _place_bit(self, row, col, bit):
        result = super()._place_bit(row, col, bit)
        self._placed += 1
        return result

    def _create_matrix(self, data):
        self._placed = 0
        matrix = super()._create_matrix(data)
        rows, cols = self.row_usable_modules, self.col_usable_modules
        if self._placed < rows * cols:
            # Some sizes leave the lower right 2x2 modules unused; ISO/IEC 16022
            # annex F fills them with a fixed pattern (reportlab leaves them light).
            matrix[rows - 1][cols - 1] = matrix[rows - 2][cols - 2] = 1
        return matrix


class DataMatrixASCII(GS1DataMatrix):
    """The same symbol without FNC1, for the UDIs of other issuing agencies (HIBCC)."""

    codeName = "DataMatrixASCII"
    gs1 = False


def _register_widgets():
    # createBarcodeDrawing() looks symbologies up in reportlab's widget list
    # (which reportlab's rl_config reset rebuilds without ours).
    for widget in (GS1DataMatrix, DataMatrixASCII):
        if widget not in reportlab_barcode._widgets:
            reportlab_barcode.registerWidget(widget)


_register_widgets()


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def barcode(self, barcode_type, value, **kwargs):
        if barcode_type in ("GS1DataMatrix", "DataMatrixASCII"):
            _register_widgets()
            # Refused here rather than by the report engine, whose fallback would
            # silently draw a Code 128 of the data instead.
            datamatrix.symbol_size(value, gs1=barcode_type == "GS1DataMatrix")
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

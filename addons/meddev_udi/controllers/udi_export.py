from odoo import http
from odoo.http import content_disposition, request

from ..tools import nmpa


class MeddevUdiExportController(http.Controller):

    @http.route("/meddev_udi/nmpa_udi.xlsx", type="http", auth="user")
    def nmpa_udi_xlsx(self, ids="", **kwargs):
        # The user's own access rights apply: only templates they can read are exported.
        record_ids = [int(value) for value in ids.split(",") if value.strip().isdigit()]
        templates = request.env["product.template"].browse(record_ids).exists()
        templates._meddev_check_nmpa_ready()
        content = nmpa.workbook(templates._meddev_nmpa_values())
        return request.make_response(content, headers=[
            ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("Content-Disposition", content_disposition("NMPA-UDI-DI.xlsx")),
        ])

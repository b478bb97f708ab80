from odoo import http
from odoo.http import content_disposition, request

# Only these models' registers are served; the user's own access rights apply.
REGISTER_MODELS = ("meddev.nonconformance", "meddev.capa")


class MeddevQualityController(http.Controller):

    @http.route("/meddev_quality/register/<string:model>", type="http", auth="user")
    def register_xlsx(self, model, ids="", **kwargs):
        if model not in REGISTER_MODELS:
            raise request.not_found()
        records = request.env[model]
        record_ids = [int(value) for value in ids.split(",") if value.strip().isdigit()]
        records = records.browse(record_ids).exists() if record_ids else records.search([])
        content = records._register_xlsx()
        filename = "%s.xlsx" % records._register_sheet_name()
        return request.make_response(content, headers=[
            ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("Content-Disposition", content_disposition(filename)),
        ])

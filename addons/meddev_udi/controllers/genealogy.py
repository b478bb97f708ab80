from odoo import http
from odoo.http import content_disposition, request


class MeddevGenealogyController(http.Controller):

    @http.route("/meddev_udi/genealogy/<int:lot_id>/xlsx", type="http", auth="user")
    def genealogy_xlsx(self, lot_id, **kwargs):
        # Read under the user's own rights: a lot they cannot read is not exported.
        lot = request.env["stock.lot"].browse(lot_id).exists()
        if not lot:
            raise request.not_found()
        lot.check_access("read")
        content = request.env["meddev.genealogy"]._trace_xlsx(lot.id)
        return request.make_response(content, headers=[
            ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("Content-Disposition", content_disposition("genealogy-%s.xlsx" % lot.name)),
        ])

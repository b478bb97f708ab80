from odoo import http
from odoo.http import content_disposition, request


class MeddevTrainingController(http.Controller):

    @http.route("/meddev_training/matrix/<int:wizard_id>", type="http", auth="user")
    def matrix_xlsx(self, wizard_id, **kwargs):
        # Transient records are the user's own (Odoo's record rule on wizards).
        wizard = request.env["meddev.training.matrix"].browse(wizard_id).exists()
        if not wizard:
            raise request.not_found()
        return request.make_response(wizard._xlsx(), headers=[
            ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("Content-Disposition", content_disposition("%s.xlsx" % request.env._("Training Matrix"))),
        ])

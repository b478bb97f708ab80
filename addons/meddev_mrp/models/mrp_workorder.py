from odoo import models
from odoo.exceptions import UserError


class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"

    def button_finish(self):
        # An operation with an open or failed inspection is not finished.
        blocking = self.env["meddev.inspection"].sudo().search(
            [("workorder_id", "in", self.ids)])._blocking()
        if blocking:
            raise UserError(blocking[0]._meddev_blocking_message())
        return super().button_finish()

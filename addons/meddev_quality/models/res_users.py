from odoo import fields, models
from odoo.exceptions import AccessError


class ResUsers(models.Model):
    _inherit = "res.users"

    meddev_sign_failures = fields.Integer(
        string="Failed Signature Attempts", readonly=True, copy=False,
        groups="meddev_quality.group_meddev_compliance_admin")
    meddev_sign_locked = fields.Boolean(
        string="Signing Locked", readonly=True, copy=False,
        groups="meddev_quality.group_meddev_compliance_admin")

    def action_meddev_unlock_signing(self):
        if not self.env.user.has_group("meddev_quality.group_meddev_compliance_admin"):
            raise AccessError(self.env._("Only a Compliance Administrator can unlock electronic signatures."))
        # A Compliance Administrator need not be a user administrator: the
        # group is checked above, the write on res.users needs sudo.
        users = self.sudo()
        locked = users.filtered("meddev_sign_locked")
        users.write({"meddev_sign_failures": 0, "meddev_sign_locked": False})
        self.env["meddev.audit.entry"]._append([{
            "model": "res.users",
            "res_id": user.id,
            "res_name": user.name,
            "operation": "sign_unlock",
            "changes": [["meddev_sign_locked", True, False]],
            "company_id": self.env.company.id,
        } for user in locked])
        return True

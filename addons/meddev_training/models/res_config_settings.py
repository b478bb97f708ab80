from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    meddev_keep_qualification_until_deadline = fields.Boolean(
        related="company_id.meddev_keep_qualification_until_deadline", readonly=False)

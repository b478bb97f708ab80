from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    meddev_regulated = fields.Boolean(related="company_id.meddev_regulated", readonly=False)
    meddev_sign_max_failures = fields.Integer(related="company_id.meddev_sign_max_failures", readonly=False)

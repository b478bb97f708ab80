from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    meddev_regulated = fields.Boolean(related="company_id.meddev_regulated", readonly=False)
    meddev_sign_max_failures = fields.Integer(related="company_id.meddev_sign_max_failures", readonly=False)
    meddev_capa_rpn_threshold = fields.Integer(related="company_id.meddev_capa_rpn_threshold", readonly=False)
    meddev_capa_escalation_days = fields.Integer(related="company_id.meddev_capa_escalation_days", readonly=False)

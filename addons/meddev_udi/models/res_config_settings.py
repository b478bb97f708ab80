from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    meddev_duns = fields.Char(related="company_id.meddev_duns", readonly=False)
    meddev_udi_contact_email = fields.Char(related="company_id.meddev_udi_contact_email", readonly=False)
    meddev_udi_contact_phone = fields.Char(related="company_id.meddev_udi_contact_phone", readonly=False)

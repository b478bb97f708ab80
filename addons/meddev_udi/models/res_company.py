from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    meddev_duns = fields.Char(string="DUNS Number", help="Labeler DUNS number for the FDA GUDID.")
    meddev_udi_contact_email = fields.Char(string="UDI Contact E-mail")
    meddev_udi_contact_phone = fields.Char(string="UDI Contact Phone")

from odoo import fields, models


class MeddevSignatureMeaning(models.Model):
    _name = "meddev.signature.meaning"
    _inherit = ["meddev.audited.mixin"]
    _description = "Signature Meaning"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    is_approval = fields.Boolean(
        string="Approval",
        help="An approval cannot be given by a person who authored the record (segregation of duties).")
    description = fields.Text(translate=True, help="What the signer attests, shown when signing.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a signature meaning must be unique."),
    ]

from odoo import fields, models


class MeddevSignaturePolicyLine(models.Model):
    _name = "meddev.signature.policy.line"
    _inherit = ["meddev.audited.mixin"]
    _description = "Required Signature"
    _order = "policy_id, sequence, id"

    policy_id = fields.Many2one("meddev.signature.policy", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10, help="Signatures are given in this order.")
    meaning_id = fields.Many2one("meddev.signature.meaning", required=True, ondelete="restrict")
    group_id = fields.Many2one(
        "res.groups", string="Required Group", ondelete="restrict",
        help="Only members of this group may give this signature.")

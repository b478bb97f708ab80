from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MeddevSignaturePolicy(models.Model):
    _name = "meddev.signature.policy"
    _inherit = ["meddev.audited.mixin"]
    _description = "Signature Policy"
    _order = "model_id, company_id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    model_id = fields.Many2one(
        "ir.model", string="Document Type", required=True, ondelete="cascade",
        domain=[("transient", "=", False)])
    model = fields.Char(related="model_id.model", store=True, string="Technical Name")
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to apply the policy to every company without one of its own.")
    line_ids = fields.One2many("meddev.signature.policy.line", "policy_id", string="Signatures", copy=True)
    active = fields.Boolean(default=True)

    @api.constrains("model_id", "company_id", "active")
    def _check_unique_policy(self):
        for policy in self.filtered("active"):
            if self.search_count([
                ("id", "!=", policy.id), ("model_id", "=", policy.model_id.id),
                ("company_id", "=", policy.company_id.id),
            ]):
                raise ValidationError(self.env._(
                    "%(document)s already has an active signature policy for this company.",
                    document=policy.model_id.name))

    @api.constrains("line_ids")
    def _check_lines(self):
        for policy in self:
            meanings = policy.line_ids.meaning_id
            if len(meanings) != len(policy.line_ids):
                raise ValidationError(self.env._("A signature policy cannot ask for the same meaning twice."))

    @api.model
    def _get_policy(self, model_name, company):
        """The active policy for a document type: the company's own, else the shared one."""
        # Policies are configuration every signer must be able to apply.
        policies = self.sudo().search([
            ("model", "=", model_name), ("company_id", "in", [company.id, False]),
        ], order="company_id")
        return policies[:1]

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Models whose audit would be circular or meaningless.
UNAUDITABLE_MODELS = ("meddev.audit.entry",)


class MeddevAuditRule(models.Model):
    _name = "meddev.audit.rule"
    _inherit = ["meddev.audited.mixin"]
    _description = "Audited Model"
    _order = "model"

    model_id = fields.Many2one(
        "ir.model", required=True, ondelete="cascade",
        domain=[("transient", "=", False), ("abstract", "=", False)])
    model = fields.Char(related="model_id.model", store=True, string="Technical Name")
    field_ids = fields.Many2many(
        "ir.model.fields", string="Audited Fields",
        domain="[('model_id', '=', model_id), ('store', '=', True), ('ttype', '!=', 'one2many')]",
        help="Leave empty to audit every stored field of the model.")
    reason_required = fields.Boolean(
        help="Every change to a record of this model must give a reason for change "
             "(through the 'meddev_change_reason' context key over the API).")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("model_uniq", "unique(model_id)", "This model is already audited."),
    ]

    @api.constrains("model_id")
    def _check_model(self):
        for rule in self:
            if rule.model_id.model in UNAUDITABLE_MODELS:
                raise ValidationError(self.env._("The audit trail itself cannot be an audited model."))
            if rule.model_id.transient:
                raise ValidationError(self.env._(
                    "Wizards (transient models) hold no regulated data and cannot be audited."))

    def _compute_display_name(self):
        for rule in self:
            rule.display_name = rule.model_id.name or rule.model or ""

    def _meddev_rule_specs(self):
        """[(model name, field names, reason required)] of the active rules."""
        # The audit hook must see every rule, whatever the acting user may read.
        rules = self.sudo().search([("active", "=", True)])
        return [(rule.model, rule.field_ids.mapped("name"), rule.reason_required) for rule in rules]

    def _meddev_invalidate_specs(self):
        self.pool._meddev_audit_specs = None
        # A rolled-back rule change must not stay in force in this process.
        self.env.cr.postrollback.add(lambda: setattr(self.pool, "_meddev_audit_specs", None))
        # Other workers reload their registry, hence their audit rules.
        self.env.registry.registry_invalidated = True

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self._meddev_invalidate_specs()
        return rules

    def write(self, vals):
        result = super().write(vals)
        self._meddev_invalidate_specs()
        return result

    def unlink(self):
        result = super().unlink()
        self._meddev_invalidate_specs()
        return result

    def _register_hook(self):
        super()._register_hook()
        self.pool._meddev_audit_specs = None

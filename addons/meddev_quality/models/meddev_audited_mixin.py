from odoo import fields, models


class MeddevAuditedMixin(models.AbstractModel):
    """Regulated content: every create, write and unlink goes to the audit trail."""

    _name = "meddev.audited.mixin"
    _description = "Audited Record"
    _meddev_audit = True

    # Not stored: the reason travels with the save that it explains and
    # ends up in the audit entry (see base.write).
    meddev_change_reason = fields.Char(string="Reason for Change", store=False)

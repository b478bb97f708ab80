import base64
import hashlib
from collections import namedtuple

from odoo import api, fields, models
from odoo.exceptions import UserError

AuditSpec = namedtuple("AuditSpec", ["fields", "reason_required"])

# Bookkeeping fields whose changes say nothing about the record's content.
AUDIT_SKIPPED_FIELDS = frozenset(models.MAGIC_COLUMNS) | {
    "display_name", "message_main_attachment_id", "meddev_sign_state", "meddev_change_reason",
}
REASON_KEY = "meddev_change_reason"


def _audit_value(record, field):
    """JSON-friendly value of ``field`` on ``record`` for the audit trail."""
    value = record[field.name]
    ftype = field.type
    if ftype == "many2one":
        return [value.id, value.display_name] if value else False
    if ftype in ("many2many", "one2many"):
        return [[rec.id, rec.display_name] for rec in value.sorted("id")]
    if ftype == "binary":
        if not value:
            return False
        raw = value if isinstance(value, bytes) else str(value).encode()
        # Files are kept out of the trail; their fingerprint proves which one it was.
        return "sha256:" + hashlib.sha256(base64.b64decode(raw) if field.attachment else raw).hexdigest()
    if ftype == "datetime":
        return fields.Datetime.to_string(value) if value else False
    if ftype == "date":
        return fields.Date.to_string(value) if value else False
    if ftype in ("html", "text", "char", "selection", "boolean", "integer", "float", "monetary",
                 "many2one_reference", "json", "properties", "reference"):
        return value if not isinstance(value, models.BaseModel) else (
            "%s,%s" % (value._name, value.id) if value else False)
    return str(value)


class Base(models.AbstractModel):
    _inherit = "base"

    # A model sets this to True to be audited always, whatever the rules say.
    _meddev_audit = False
    # ...and this to True to require a reason for every change of its content.
    _meddev_audit_reason_required = False

    # ------------------------------------------------------------------
    # Which models are audited
    # ------------------------------------------------------------------
    def _meddev_audit_spec(self):
        """AuditSpec of this model, or None when its changes are not audited."""
        specs = self.pool.__dict__.get("_meddev_audit_specs")
        if specs is None:
            specs = self._meddev_audit_load_specs()
        return specs.get(self._name)

    def _meddev_audit_field_names(self, only=None):
        names = []
        for name, field in self._fields.items():
            if (field.store and field.type != "one2many" and name not in AUDIT_SKIPPED_FIELDS
                    and (only is None or name in only)):
                names.append(name)
        return tuple(names)

    def _meddev_audit_load_specs(self):
        registry = self.pool
        specs = {}
        for name, model_cls in registry.items():
            if model_cls._meddev_audit and not model_cls._abstract and not model_cls._transient:
                model = self.env[name]
                specs[name] = AuditSpec(model._meddev_audit_field_names(), model_cls._meddev_audit_reason_required)
        rules_ready = registry.ready and "meddev.audit.rule" in registry
        if rules_ready:
            for model_name, field_names, reason_required in self.env["meddev.audit.rule"]._meddev_rule_specs():
                if model_name not in registry or model_name in specs:
                    continue
                model = self.env[model_name]
                only = frozenset(field_names) if field_names else None
                specs[model_name] = AuditSpec(model._meddev_audit_field_names(only), reason_required)
            # Cached until a rule changes (see meddev.audit.rule); before the
            # registry is ready the rules cannot be read yet.
            registry._meddev_audit_specs = specs
        return specs

    # ------------------------------------------------------------------
    # Snapshots and entries
    # ------------------------------------------------------------------
    def _meddev_audit_prefetch(self, field_names):
        """Load the old values in one query, and nothing else (a plain field
        read would fetch every column of the model)."""
        names = list(field_names)
        for extra in (self._rec_name, "company_id"):
            if extra and extra in self._fields and self._fields[extra].store:
                names.append(extra)
        # The trail records every audited field, whatever the writer may read.
        self.sudo().with_prefetch().fetch(names)

    def _meddev_audit_snapshot(self, field_names):
        fields_ = [self._fields[name] for name in field_names]
        # Read only what is audited: the records' prefetch set may be far
        # larger (a loop over a big recordset writing one record at a time).
        records = self.with_prefetch()
        return {rec.id: [_audit_value(rec, field) for field in fields_] for rec in records}

    def _meddev_audit_company(self):
        field = self._fields.get("company_id")
        if field is not None and field.comodel_name == "res.company" and self.company_id:
            return self.company_id.id
        return self.env.company.id

    def _meddev_audit_entry(self, operation, changes, reason):
        self.ensure_one()
        return {
            "model": self._name,
            "res_id": self.id,
            "res_name": self.display_name,
            "operation": operation,
            "changes": changes,
            "reason": reason,
            "company_id": self._meddev_audit_company(),
        }

    def _meddev_audit_reason(self, vals=None):
        return (vals or {}).get(REASON_KEY) or self.env.context.get(REASON_KEY) or ""

    def _meddev_audit_check_reason(self, spec, reason, deleting=False):
        if not spec.reason_required or reason:
            return
        if deleting:
            raise UserError(self.env._(
                "A reason for change is required to delete %(document)s.", document=self._description))
        raise UserError(self.env._(
            "A reason for change is required to modify %(document)s.", document=self._description))

    # ------------------------------------------------------------------
    # ORM hooks
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        spec = self._meddev_audit_spec()
        if spec is None:
            return super().create(vals_list)
        reasons = [self._meddev_audit_reason(vals) for vals in vals_list]
        vals_list = [{k: v for k, v in vals.items() if k != REASON_KEY} for vals in vals_list]
        records = super().create(vals_list)
        snapshot = records._meddev_audit_snapshot(spec.fields)
        entries = []
        for record, reason in zip(records.with_prefetch(), reasons, strict=True):
            changes = [[name, False, value] for name, value in zip(spec.fields, snapshot[record.id], strict=True)
                       if value not in (False, None, "", [])]
            entries.append(record._meddev_audit_entry("create", changes, reason))
        self.env["meddev.audit.entry"]._append(entries)
        return records

    def write(self, vals):
        spec = self._meddev_audit_spec()
        if spec is None or not self:
            return super().write(vals)
        reason = self._meddev_audit_reason(vals)
        if REASON_KEY in vals:
            vals = {k: v for k, v in vals.items() if k != REASON_KEY}
        names = tuple(name for name in spec.fields if name in vals)
        if not names:
            return super().write(vals)
        self._meddev_audit_check_reason(spec, reason)
        self._meddev_audit_prefetch(names)
        before = self._meddev_audit_snapshot(names)
        result = super().write(vals)
        after = self._meddev_audit_snapshot(names)
        entries = []
        for record in self.with_prefetch():
            old, new = before[record.id], after[record.id]
            changes = [[name, o, n] for name, o, n in zip(names, old, new, strict=True) if o != n]
            if changes:
                entries.append(record._meddev_audit_entry("write", changes, reason))
        self.env["meddev.audit.entry"]._append(entries)
        return result

    def unlink(self):
        spec = self._meddev_audit_spec()
        if spec is None or not self:
            return super().unlink()
        reason = self._meddev_audit_reason()
        self._meddev_audit_check_reason(spec, reason, deleting=True)
        self._meddev_audit_prefetch(spec.fields)
        snapshot = self._meddev_audit_snapshot(spec.fields)
        entries = []
        for record in self.with_prefetch():
            changes = [[name, value, False] for name, value in zip(spec.fields, snapshot[record.id], strict=True)
                       if value not in (False, None, "", [])]
            entries.append(record._meddev_audit_entry("unlink", changes, reason))
        result = super().unlink()
        self.env["meddev.audit.entry"]._append(entries)
        return result

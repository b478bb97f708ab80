import json

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, create_index

from ..tools import hash_chain

OPERATIONS = [
    ("create", "Create"),
    ("write", "Update"),
    ("unlink", "Delete"),
    ("sign", "Signature"),
    ("sign_failure", "Failed signature"),
    ("sign_lock", "Signing locked"),
    ("sign_unlock", "Signing unlocked"),
]

# Columns whose values, in this order, make up an entry's hashed payload.
PAYLOAD_COLUMNS = ("timestamp", "user_id", "model", "res_id", "res_name",
                   "operation", "changes", "reason", "company_id")
VERIFY_BATCH = 20000


def _payload(row):
    """Hashed payload from the PAYLOAD_COLUMNS of a row (tuple or dict)."""
    values = list(row)
    ts = values[0]
    values[0] = ts if isinstance(ts, str) else fields.Datetime.to_string(ts)
    return values


class MeddevAuditEntry(models.Model):
    _name = "meddev.audit.entry"
    _description = "Audit Trail Entry"
    _order = "sequence desc"
    _rec_name = "sequence"

    # Few indexes: every one costs on each audited write.  The unique
    # sequence serves the default order, (model, res_id) a record's history.
    sequence = fields.Integer(readonly=True)
    timestamp = fields.Datetime(readonly=True, help="Stored in UTC, shown in your time zone.")
    user_id = fields.Many2one("res.users", readonly=True)
    model = fields.Char(readonly=True)
    model_description = fields.Char(compute="_compute_model_description", string="Document Type")
    res_id = fields.Many2oneReference(string="Record ID", model_field="model", readonly=True)
    res_name = fields.Char(string="Record", readonly=True)
    operation = fields.Selection(OPERATIONS, readonly=True)
    changes = fields.Text(string="Changes (JSON)", readonly=True, help="Old and new values, as canonical JSON.")
    changes_html = fields.Html(compute="_compute_changes_html", string="Changes", sanitize=True)
    reason = fields.Char(string="Reason for Change", readonly=True)
    prev_hash = fields.Char(string="Previous Hash", readonly=True)
    hash = fields.Char(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    _sql_constraints = [
        ("sequence_uniq", "unique(sequence)", "An audit trail position can only be used once."),
    ]

    def init(self):
        # The chain head lives apart from the entries: it reveals entries
        # deleted from the end, and locking its single row serialises
        # concurrent appends (a concurrent one is retried by Odoo).
        self.env.cr.execute("""
            CREATE TABLE IF NOT EXISTS meddev_audit_head (
                id integer PRIMARY KEY,
                last_seq integer NOT NULL,
                last_hash varchar NOT NULL
            )
        """)
        self.env.cr.execute(
            "INSERT INTO meddev_audit_head (id, last_seq, last_hash) VALUES (1, 0, %s) ON CONFLICT DO NOTHING",
            [hash_chain.GENESIS_HASH],
        )
        create_index(self.env.cr, "meddev_audit_entry_model_res_id_index", self._table, ["model", "res_id"])
        # One round trip appends a whole batch: lock the head, chain and
        # insert each entry, move the head.  The hash is the one
        # tools.hash_chain.entry_hash computes from the same payload.
        self.env.cr.execute("""
            CREATE OR REPLACE FUNCTION meddev_audit_append(
                p_timestamp timestamp, p_user_id integer, p_models varchar[], p_res_ids integer[],
                p_res_names varchar[], p_operations varchar[], p_changes text[], p_reasons varchar[],
                p_company_ids integer[], p_payloads text[]
            ) RETURNS integer AS $$
            DECLARE
                v_seq integer;
                v_hash varchar;
            BEGIN
                SELECT last_seq, last_hash INTO v_seq, v_hash FROM meddev_audit_head WHERE id = 1 FOR UPDATE;
                FOR i IN 1 .. coalesce(array_length(p_payloads, 1), 0) LOOP
                    v_seq := v_seq + 1;
                    INSERT INTO meddev_audit_entry (
                        sequence, timestamp, user_id, model, res_id, res_name, operation, changes, reason,
                        company_id, prev_hash, hash, create_uid, create_date, write_uid, write_date)
                    VALUES (
                        v_seq, p_timestamp, p_user_id, p_models[i], p_res_ids[i], p_res_names[i], p_operations[i],
                        p_changes[i], p_reasons[i], p_company_ids[i], v_hash,
                        encode(sha256(convert_to(v_seq || ':' || v_hash || ':' || p_payloads[i], 'UTF8')), 'hex'),
                        p_user_id, p_timestamp, p_user_id, p_timestamp)
                    RETURNING hash INTO v_hash;
                END LOOP;
                UPDATE meddev_audit_head SET last_seq = v_seq, last_hash = v_hash WHERE id = 1;
                RETURN v_seq;
            END
            $$ LANGUAGE plpgsql
        """)

    @api.depends("model")
    def _compute_model_description(self):
        for entry in self:
            model = self.env.get(entry.model) if entry.model else None
            entry.model_description = model._description if model is not None else entry.model

    @api.depends("changes")
    def _compute_changes_html(self):
        for entry in self:
            rows = json.loads(entry.changes or "[]")
            model = self.env.get(entry.model) if entry.model else None
            body = Markup()
            for fname, old, new in rows:
                field = model._fields.get(fname) if model is not None else None
                label = field._description_string(self.env) if field else fname
                body += Markup("<tr><td>%s</td><td>%s</td><td>%s</td></tr>") % (
                    escape(label), escape(self._display_value(old)), escape(self._display_value(new)))
            entry.changes_html = Markup(
                '<table class="table table-sm o_meddev_audit_changes"><thead><tr>'
                "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>%s</tbody></table>"
            ) % (self.env._("Field"), self.env._("Old Value"), self.env._("New Value"), body)

    @staticmethod
    def _display_value(value):
        if value is None or value is False:
            return ""
        if isinstance(value, list):
            if len(value) == 2 and isinstance(value[0], int) and isinstance(value[1], str):
                return value[1]
            return ", ".join(MeddevAuditEntry._display_value(v) for v in value)
        return str(value)

    # ------------------------------------------------------------------
    # Entries are appended by the system only, and never changed
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):  # pylint: disable=method-required-super
        # Entries enter the chain through _append only, never through the ORM.
        raise UserError(self.env._(
            "Audit trail entries are written by the system only; they cannot be created by hand."))

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("Audit trail entries cannot be changed, by anyone."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Audit trail entries cannot be deleted, by anyone."))

    @api.model
    def _append(self, entries):
        """Append entries to the chain, in the current transaction.

        :param list entries: dicts with keys model, res_id, res_name,
            operation, changes (list of [field, old, new]), reason, company_id
        """
        if not entries:
            return
        now = fields.Datetime.to_string(fields.Datetime.now())
        uid = self.env.uid
        columns = {name: [] for name in PAYLOAD_COLUMNS[2:]}
        payloads = []
        for entry in entries:
            row = (
                entry["model"], entry.get("res_id") or 0, entry.get("res_name") or "", entry["operation"],
                hash_chain.canonical_json(entry.get("changes") or []), entry.get("reason") or "",
                entry.get("company_id") or None,
            )
            for name, value in zip(PAYLOAD_COLUMNS[2:], row, strict=True):
                columns[name].append(value)
            payloads.append(hash_chain.canonical_json([now, uid, *row]))
        self.env.cr.execute(
            "SELECT meddev_audit_append(%s, %s, %s::varchar[], %s::integer[], %s::varchar[], %s::varchar[],"
            " %s::text[], %s::varchar[], %s::integer[], %s::text[])",
            [now, uid, *columns.values(), payloads],
        )

    # ------------------------------------------------------------------
    # Verification
    # ------------------------------------------------------------------
    def _iter_chain(self):
        cr = self.env.cr
        last = 0
        columns = SQL(", ").join(SQL.identifier(c) for c in PAYLOAD_COLUMNS)
        while True:
            cr.execute(SQL(
                "SELECT sequence, prev_hash, hash, %s FROM meddev_audit_entry"
                " WHERE sequence > %s ORDER BY sequence LIMIT %s",
                columns, last, VERIFY_BATCH,
            ))
            rows = cr.fetchall()
            if not rows:
                return
            for row in rows:
                yield row[0], row[1], row[2], _payload(row[3:])
            last = rows[-1][0]

    @api.model
    def _verify_chain(self):
        """:return: (count of entries checked, ChainBreak or None)"""
        self.env.flush_all()
        self.env.cr.execute("SELECT last_seq, last_hash FROM meddev_audit_head WHERE id = 1")
        head = self.env.cr.fetchone()
        return hash_chain.verify_chain(self._iter_chain(), head)

    @api.model
    def _break_message(self, chain_break):
        reasons = {
            hash_chain.GAP: self.env._("entries are missing before it"),
            hash_chain.LINK: self.env._("its link to the previous entry does not match"),
            hash_chain.CONTENT: self.env._("its content was altered after it was recorded"),
            hash_chain.TAIL: self.env._("entries were removed from the end of the trail"),
        }
        return self.env._("The audit trail is broken at entry %(sequence)s: %(reason)s.",
                 sequence=chain_break.sequence, reason=reasons[chain_break.reason])

    @api.model
    def verify_chain(self):
        """Verify the whole audit trail (also callable over XML-RPC).

        :return: dict with intact (bool), checked (int), broken_sequence
            (int or False) and message (str)
        """
        if not (self.env.user.has_group("meddev_quality.group_meddev_compliance_admin")
                or self.env.user.has_group("meddev_quality.group_meddev_quality_manager")):
            raise AccessError(self.env._(
                "Only Quality Managers and Compliance Administrators may verify the audit trail."))
        # Checking must see every entry, whatever companies the user works in.
        count, chain_break = self.sudo()._verify_chain()
        if chain_break is None:
            return {
                "intact": True, "checked": count, "broken_sequence": False,
                "message": self.env._("The audit trail is intact: %(count)s entries verified.", count=count),
            }
        return {
            "intact": False, "checked": count, "broken_sequence": chain_break.sequence,
            "message": self._break_message(chain_break),
        }

import logging

from odoo import api, fields, models
from odoo.exceptions import AccessDenied, UserError

from ..tools import hash_chain
from .meddev_signature import SIGNING_TOKEN

_logger = logging.getLogger(__name__)

# Fields a signed record may still see written: the chatter's main
# attachment pointer is not part of the signed content.
LOCK_EXEMPT_FIELDS = frozenset({"message_main_attachment_id"})


class MeddevSignableMixin(models.AbstractModel):
    """Records that are signed electronically (21 CFR 11.50/11.70/11.100/11.200).

    The document type's signature policy says which signatures, in which
    order and by which groups.  The first signature freezes the content: a
    signed record can no longer be written or deleted by anyone.
    """

    _name = "meddev.signable.mixin"
    _inherit = ["meddev.audited.mixin"]
    _description = "Electronically Signed Record"

    signature_ids = fields.One2many(
        "meddev.signature", "res_id", string="Signatures", readonly=True, copy=False,
        domain=lambda self: [("res_model", "=", self._name)])
    meddev_sign_state = fields.Selection(
        [("unsigned", "Not Signed"), ("in_progress", "Signing in Progress"), ("signed", "Signed")],
        string="Signature Status", default="unsigned", required=True, readonly=True, copy=False)
    meddev_next_meaning_id = fields.Many2one(
        "meddev.signature.meaning", string="Next Signature", compute="_compute_meddev_next_meaning")

    @api.depends("signature_ids", "meddev_sign_state")
    def _compute_meddev_next_meaning(self):
        for record in self:
            line = record._meddev_next_policy_line()
            record.meddev_next_meaning_id = line.meaning_id if line else False

    # ------------------------------------------------------------------
    # Content and policy
    # ------------------------------------------------------------------
    def _meddev_signed_content(self):
        """The content a signature covers: every audited field's value."""
        self.ensure_one()
        names = self._meddev_audit_field_names()
        return [self._name, self.id, dict(zip(names, self._meddev_audit_snapshot(names)[self.id], strict=True))]

    def _meddev_signature_company(self):
        self.ensure_one()
        return self.company_id if "company_id" in self._fields and self.company_id else self.env.company

    def _meddev_policy_lines(self):
        self.ensure_one()
        policy = self.env["meddev.signature.policy"]._get_policy(self._name, self._meddev_signature_company())
        return policy.line_ids.sorted(lambda line: (line.sequence, line.id))

    def _meddev_next_policy_line(self):
        self.ensure_one()
        lines = self._meddev_policy_lines()
        # Count every signature of the record, whatever the viewer's company rules.
        done = len(self.sudo().signature_ids)
        return lines[done] if done < len(lines) else lines.browse()

    def _meddev_authors(self):
        """Users who authored the record: its 'authored' signers, else its creator."""
        self.ensure_one()
        authors = self.sudo().signature_ids.filtered(lambda s: s.meaning_id.code == "authored").user_id
        return authors or self.create_uid

    # ------------------------------------------------------------------
    # Lock
    # ------------------------------------------------------------------
    def _meddev_check_unlocked(self, field_names=None):
        if self.env.context.get("meddev_signing") is SIGNING_TOKEN:
            return
        if field_names is not None and not set(field_names) - LOCK_EXEMPT_FIELDS:
            return
        locked = self.filtered(lambda r: r.meddev_sign_state != "unsigned")
        if locked:
            raise UserError(self.env._(
                "%(record)s is electronically signed and locked: it can no longer be changed or deleted.",
                record=locked[0].display_name))

    def write(self, vals):
        self._meddev_check_unlocked(vals.keys())
        return super().write(vals)

    def unlink(self):
        self._meddev_check_unlocked()
        return super().unlink()

    # ------------------------------------------------------------------
    # Signing
    # ------------------------------------------------------------------
    def action_meddev_sign(self):
        self.ensure_one()
        line = self._meddev_next_policy_line()
        if not line:
            raise UserError(self._meddev_no_signature_due_message())
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sign %(meaning)s", meaning=line.meaning_id.name),
            "res_model": "meddev.signature.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_res_model": self._name, "default_res_id": self.id},
        }

    def _meddev_no_signature_due_message(self):
        if self.meddev_sign_state == "signed":
            return self.env._("%(record)s already carries every required signature.", record=self.display_name)
        return self.env._("No signature policy is configured for %(document)s.", document=self._description)

    def _meddev_check_can_sign(self, meaning):
        """Raise a UserError when the current user may not give ``meaning`` now."""
        self.ensure_one()
        user = self.env.user
        line = self._meddev_next_policy_line()
        if not line:
            raise UserError(self._meddev_no_signature_due_message())
        if line.meaning_id != meaning:
            raise UserError(self.env._(
                "%(record)s expects the signature “%(expected)s” next, not “%(given)s”.",
                record=self.display_name, expected=line.meaning_id.name, given=meaning.name))
        if line.group_id and line.group_id not in user.groups_id:
            raise UserError(self.env._(
                "The signature “%(meaning)s” must be given by a member of %(group)s.",
                meaning=meaning.name, group=line.group_id.full_name))
        previous = self.sudo().signature_ids.filtered(lambda s: s.user_id == user)
        if previous and self._meddev_distinct_signers():
            raise UserError(self.env._(
                "You already signed %(record)s as “%(meaning)s”: each signature must come from a different person.",
                record=self.display_name, meaning=previous[0].meaning))
        if meaning.is_approval and user in self._meddev_authors():
            raise UserError(self.env._(
                "You authored %(record)s, so you cannot give it the approval “%(meaning)s”.",
                record=self.display_name, meaning=meaning.name))

    def _meddev_distinct_signers(self):
        """Whether each signature of the record must come from a different person."""
        return True

    def _meddev_sign(self, meaning, password, comment=False):
        """Apply the current user's signature with ``meaning`` after re-authentication.

        :return: the new meddev.signature
        """
        self.ensure_one()
        user = self.env.user
        # Users may not read their own lock fields (Compliance Administrators' data).
        if user.sudo().meddev_sign_locked:
            raise UserError(self.env._(
                "Your electronic signature is locked after repeated wrong passwords. "
                "Ask a Compliance Administrator to unlock it."))
        self._meddev_check_can_sign(meaning)
        try:
            user._check_credentials(
                {"login": user.login, "password": password or "", "type": "password"}, {"interactive": True})
        except AccessDenied:
            failures, locked = self._meddev_record_sign_failure(meaning)
            if locked:
                raise UserError(self.env._(
                    "Wrong password. After %(count)s failed attempts your electronic signature is locked; "
                    "ask a Compliance Administrator to unlock it.", count=failures)) from None
            raise UserError(self.env._(
                "Wrong password: the signature was not applied (failed attempt %(count)s of %(max)s).",
                count=failures, max=self.env.company.meddev_sign_max_failures)) from None
        return self._meddev_apply_signature(meaning, comment)

    def _meddev_apply_signature(self, meaning, comment):
        user = self.env.user
        signing = self.with_context(meddev_signing=SIGNING_TOKEN)
        lines = self._meddev_policy_lines()
        step = len(self.sudo().signature_ids) + 1
        content_hash = hash_chain.content_hash(self._meddev_signed_content())
        vals = {
            "res_model": self._name,
            "res_id": self.id,
            "res_name": self.display_name,
            "step": step,
            "user_id": user.id,
            "signer_name": user.name,
            "meaning_id": meaning.id,
            "meaning": meaning.name,
            "signed_at": fields.Datetime.now(),
            "comment": comment or False,
            "content_hash": content_hash,
            "company_id": self._meddev_signature_company().id,
        }
        vals["signature_hash"] = self.env["meddev.signature"]._signature_hash(vals)
        signature = self.env["meddev.signature"].with_context(meddev_signing=SIGNING_TOKEN).create(vals)
        signing.write({"meddev_sign_state": "signed" if step >= len(lines) else "in_progress"})
        self.env["meddev.audit.entry"]._append([{
            "model": self._name,
            "res_id": self.id,
            "res_name": self.display_name,
            "operation": "sign",
            "changes": [["signature", False, {
                "meaning": meaning.code, "step": step, "signer": user.name,
                "content_hash": content_hash, "signature_hash": vals["signature_hash"],
            }]],
            "reason": comment or "",
            "company_id": vals["company_id"],
        }])
        if user.sudo().meddev_sign_failures:
            # Counting consecutive failures only: a good signature resets it.
            user.sudo().meddev_sign_failures = 0
        signing._meddev_on_signed(signature)
        return signature

    def _meddev_on_signed(self, signature):
        """Hook: called after each signature, with write rights on the locked record."""

    def _meddev_record_sign_failure(self, meaning):
        """Count and log a wrong password in a transaction of its own, so the
        log survives the rollback of the refused signature.

        :return: (consecutive failures, whether signing is now locked)
        """
        max_failures = self.env.company.meddev_sign_max_failures or 3
        with self.env.registry.cursor() as cr:
            # Never wait forever on a lock held by the refused transaction.
            cr.execute("SET LOCAL lock_timeout = '5s'")
            env = self.env(cr=cr)
            # The signer may not write their own failure counter.
            user = env.user.sudo()
            failures = user.meddev_sign_failures + 1
            locked = failures >= max_failures
            user.write({"meddev_sign_failures": failures, "meddev_sign_locked": locked})
            entry = {
                "model": self._name, "res_id": self.id, "res_name": self.display_name,
                "company_id": self._meddev_signature_company().id,
            }
            entries = [dict(entry, operation="sign_failure", changes=[["meaning", False, meaning.code]])]
            if locked:
                entries.append(dict(entry, operation="sign_lock", changes=[["meddev_sign_locked", False, True]]))
            env["meddev.audit.entry"]._append(entries)
        _logger.warning("Failed electronic signature by user %s on %s,%s", self.env.uid, self._name, self.id)
        self.env.user.invalidate_recordset(["meddev_sign_failures", "meddev_sign_locked"])
        return failures, locked

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import hash_chain

# Only _meddev_sign holds this object; a context coming over RPC cannot.
SIGNING_TOKEN = object()


class MeddevSignature(models.Model):
    _name = "meddev.signature"
    _description = "Electronic Signature"
    _order = "res_model, res_id, step, id"
    _rec_name = "signer_name"

    res_model = fields.Char(string="Document Model", required=True, readonly=True, index=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", required=True, readonly=True, index=True)
    res_name = fields.Char(string="Document", readonly=True)
    step = fields.Integer(readonly=True, help="Position of this signature in the signing order.")
    user_id = fields.Many2one("res.users", string="Signer", required=True, readonly=True, ondelete="restrict")
    signer_name = fields.Char(string="Printed Name", readonly=True)
    meaning_id = fields.Many2one(
        "meddev.signature.meaning", string="Signature Meaning", required=True, readonly=True, ondelete="restrict")
    meaning = fields.Char(readonly=True, help="The meaning as shown to the signer when signing.")
    signed_at = fields.Datetime(string="Signed On", readonly=True, help="Stored in UTC, shown in your time zone.")
    comment = fields.Text(readonly=True)
    content_hash = fields.Char(readonly=True, help="SHA-256 of the signed content.")
    signature_hash = fields.Char(readonly=True, help="SHA-256 binding signer, meaning, time and content.")
    content_valid = fields.Boolean(
        compute="_compute_content_valid", string="Content Unchanged",
        help="The document still holds exactly the content that was signed.")
    company_id = fields.Many2one("res.company", readonly=True, index=True)

    @api.depends("content_hash")
    def _compute_content_valid(self):
        for signature in self:
            # An integrity check shown as a yes/no: it must work in the
            # signature register even for documents the viewer cannot open.
            record = self.env[signature.res_model].sudo().browse(signature.res_id).exists() \
                if signature.res_model in self.env else None
            signature.content_valid = bool(
                record and hash_chain.content_hash(record._meddev_signed_content()) == signature.content_hash)

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("meddev_signing") is not SIGNING_TOKEN:
            raise UserError(self.env._(
                "Electronic signatures are applied through the signing dialog, with your password."))
        return super().create(vals_list)

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("Electronic signatures cannot be changed, by anyone."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Electronic signatures cannot be deleted, by anyone."))

    @staticmethod
    def _signature_hash(vals):
        return hash_chain.content_hash([
            vals["res_model"], vals["res_id"], vals["step"], vals["user_id"], vals["signer_name"],
            vals["meaning"], fields.Datetime.to_string(vals["signed_at"]), vals["content_hash"],
        ])

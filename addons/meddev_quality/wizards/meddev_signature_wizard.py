from odoo import api, fields, models
from odoo.exceptions import UserError


class MeddevSignatureWizard(models.TransientModel):
    _name = "meddev.signature.wizard"
    _description = "Sign Electronically"
    # The password typed here is erased on success; do not keep the wizard long.
    _transient_max_hours = 0.1

    res_model = fields.Char(string="Document Model", required=True)
    res_id = fields.Integer(string="Document ID", required=True)
    record_name = fields.Char(compute="_compute_record_name", string="Document")
    meaning_id = fields.Many2one(
        "meddev.signature.meaning", compute="_compute_meaning_id", store=True, readonly=True)
    meaning_description = fields.Text(related="meaning_id.description")
    signer_name = fields.Char(string="Signer", default=lambda self: self.env.user.name, readonly=True)
    login = fields.Char(string="User", default=lambda self: self.env.user.login, readonly=True)
    password = fields.Char(help="Re-enter your password to sign.")
    comment = fields.Text()

    @api.depends("res_model", "res_id")
    def _compute_record_name(self):
        for wizard in self:
            wizard.record_name = wizard._record().display_name

    @api.depends("res_model", "res_id")
    def _compute_meaning_id(self):
        for wizard in self:
            record = wizard._record()
            wizard.meaning_id = record._meddev_next_policy_line().meaning_id if record else False

    def _record(self):
        self.ensure_one()
        if self.res_model not in self.env or "signature_ids" not in self.env[self.res_model]._fields:
            raise UserError(self.env._("%(model)s records cannot be signed.", model=self.res_model))
        return self.env[self.res_model].browse(self.res_id).exists()

    def action_sign(self):
        self.ensure_one()
        record = self._record()
        if not record:
            raise UserError(self.env._("The document to sign no longer exists."))
        if not self.meaning_id:
            raise UserError(record._meddev_no_signature_due_message())
        password, self.password = self.password, False
        record._meddev_sign(self.meaning_id, password, self.comment)
        return {"type": "ir.actions.act_window_close"}

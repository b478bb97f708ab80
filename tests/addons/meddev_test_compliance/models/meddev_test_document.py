from odoo import fields, models


class MeddevTestDocument(models.Model):
    _name = "meddev.test.document"
    _inherit = ["meddev.signable.mixin", "mail.thread"]
    _description = "Compliance Test Document"
    _check_company_auto = True

    name = fields.Char(required=True)
    description = fields.Text()
    amount = fields.Float()
    partner_id = fields.Many2one("res.partner", check_company=True)
    tag_ids = fields.Many2many("res.partner.category")
    state = fields.Selection([("draft", "Draft"), ("approved", "Approved")], default="draft")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    def _meddev_on_signed(self, signature):
        if self.meddev_sign_state == "signed":
            self.state = "approved"


class MeddevTestReasonDocument(models.Model):
    _name = "meddev.test.reason.document"
    _inherit = ["meddev.audited.mixin"]
    _description = "Compliance Test Document Requiring Reasons"
    _meddev_audit_reason_required = True

    name = fields.Char(required=True)
    value = fields.Integer()

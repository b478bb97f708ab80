from odoo import api, fields, models
from odoo.exceptions import UserError

from .meddev_signature import SIGNING_TOKEN

# Models a change request may replace one version of by another, when installed.
CHANGEABLE_MODELS = [("mrp.bom", "Bill of Materials"), ("mrp.routing.workcenter", "Routing Operation")]


class MeddevChangeRequest(models.Model):
    """A change (变更) to a controlled document, a BOM or a routing: assessed, signed, then effective."""

    _name = "meddev.change.request"
    _inherit = ["meddev.signable.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Change Request"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    title = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    user_id = fields.Many2one("res.users", string="Requested By", default=lambda self: self.env.user,
                              check_company=True)
    change_type = fields.Selection(
        [("document", "Controlled Document"), ("bom", "Bill of Materials"), ("routing", "Routing")],
        required=True, default="document")
    document_id = fields.Many2one("meddev.document", check_company=True, index="btree_not_null")
    new_revision_id = fields.Many2one("meddev.document.revision", readonly=True,
                                      copy=False)
    target_ref = fields.Reference(selection="_selection_changeable_models", string="Current Version",
                                  help="The BOM or routing operation this change replaces.")
    replacement_ref = fields.Reference(selection="_selection_changeable_models", string="New Version",
                                       help="Prepared archived; it replaces the current version when effective.")
    reason = fields.Text(string="Why Change", required=True)
    description = fields.Html(string="Change Description")
    # Impact assessment
    product_ids = fields.Many2many("product.product", string="Affected Products", check_company=True)
    open_mo_count = fields.Integer(string="Open Manufacturing Orders", compute="_compute_impact")
    stock_on_hand = fields.Float(string="Stock on Hand", compute="_compute_impact",
                                 digits="Product Unit of Measure")
    validation_required = fields.Boolean(string="(Re)validation Required")
    training_required = fields.Boolean(default=True)
    regulatory_filing_required = fields.Boolean(
        help="e.g. an NMPA registration change or an FDA 510(k)/PMA supplement.")
    impact_note = fields.Text(string="Impact Assessment")
    effective_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approval", "In Approval"), ("approved", "Approved"), ("effective", "Effective"),
         ("cancel", "Cancelled")],
        default="draft", required=True, readonly=True, tracking=True, index=True)

    @api.model
    def _selection_changeable_models(self):
        return [(model, self.env._(label)) for model, label in CHANGEABLE_MODELS if model in self.env]

    @api.depends("product_ids")
    def _compute_impact(self):
        has_mrp = "mrp.production" in self.env
        for request in self:
            # Everyone taking part in the change sees its impact figures,
            # whatever their Inventory or Manufacturing rights.
            products = request.product_ids.sudo()
            request.stock_on_hand = sum(products.with_company(request.company_id).mapped("qty_available"))
            request.open_mo_count = self.env["mrp.production"].sudo().search_count([
                ("product_id", "in", products.ids), ("state", "not in", ("done", "cancel")),
                ("company_id", "=", request.company_id.id),
            ]) if has_mrp and products else 0

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("meddev.change.request") or "/"
        requests = super().create(vals_list)
        for request in requests.filtered(lambda r: r.change_type == "document" and r.document_id):
            request._create_draft_revision()
        return requests

    def _create_draft_revision(self):
        self.ensure_one()
        document = self.document_id
        current = document.current_revision_id
        revision = self.env["meddev.document.revision"].create({
            "document_id": document.id,
            "name": document._next_revision_name(),
            "content": current.content,
            "change_summary": self.reason,
            "attachment_ids": [fields.Command.set([
                attachment.copy({"res_model": "meddev.document.revision", "res_id": False}).id
                for attachment in current.attachment_ids])],
            "change_request_id": self.id,
        })
        # The copied files belong to the new revision; older revisions keep theirs.
        revision.attachment_ids.write({"res_id": revision.id})
        self.new_revision_id = revision

    def _meddev_check_can_sign(self, meaning):
        result = super()._meddev_check_can_sign(meaning)
        self._check_ready()
        return result

    def _check_ready(self):
        self.ensure_one()
        if self.state not in ("draft", "approval"):
            raise UserError(self.env._("%(cr)s is no longer open for approval.", cr=self.name))
        if self.change_type == "document" and not self.new_revision_id:
            raise UserError(self.env._("%(cr)s: choose the controlled document to change.", cr=self.name))
        if self.change_type in ("bom", "routing") and not (self.target_ref and self.replacement_ref):
            raise UserError(self.env._("%(cr)s: give the current version and the new version it replaces.",
                                       cr=self.name))
        if not (self.impact_note or "").strip():
            raise UserError(self.env._("%(cr)s: write the impact assessment before signing.", cr=self.name))

    def _meddev_on_signed(self, signature):
        self.ensure_one()
        if self.meddev_sign_state == "signed":
            self.write({"state": "approved"})
            self.new_revision_id.with_context(meddev_revision_system=True).write({"state": "approved"})
            if self.effective_date <= fields.Date.context_today(self):
                self._make_effective()
        else:
            self.write({"state": "approval"})

    def _make_effective(self):
        for request in self:
            if request.state != "approved":
                raise UserError(self.env._("%(cr)s is not approved.", cr=request.name))
            if request.new_revision_id:
                request.new_revision_id._make_effective()
            if request.target_ref and request.replacement_ref:
                # Swap versions: the new one is used from now on, the old one is kept archived.
                # The signed change request is the authority; its approver need not be an MRP manager.
                if "active" in request.replacement_ref._fields:
                    request.replacement_ref.sudo().active = True
                if "active" in request.target_ref._fields:
                    request.target_ref.sudo().active = False
            request.with_context(meddev_signing=SIGNING_TOKEN).write({"state": "effective"})
            request.message_post(body=self.env._("The change is effective."))

    def action_make_effective(self):
        if not self.env.user.has_group("meddev_quality.group_meddev_quality_manager"):
            raise UserError(self.env._("Only a Quality Manager can make a change effective."))
        self._make_effective()
        return True

    @api.model
    def _cron_make_effective(self):
        self.search([("state", "=", "approved"), ("effective_date", "<=", fields.Date.context_today(self))]) \
            ._make_effective()

    def action_cancel(self):
        for request in self:
            if request.state not in ("draft", "approval") or request.signature_ids:
                raise UserError(self.env._("%(cr)s is signed: it can no longer be cancelled.", cr=request.name))
        self.new_revision_id.with_context(meddev_revision_system=True).write({"state": "cancel"})
        return self.write({"state": "cancel"})

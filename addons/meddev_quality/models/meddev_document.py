from odoo import api, fields, models

DOC_TYPES = [
    ("sop", "Standard Operating Procedure"),
    ("work_instruction", "Work Instruction"),
    ("specification", "Specification"),
    ("form", "Form / Record Template"),
    ("other", "Other"),
]


class MeddevDocument(models.Model):
    """A controlled document: exactly one effective revision at a time."""

    _name = "meddev.document"
    _inherit = ["meddev.audited.mixin", "mail.thread"]
    _description = "Controlled Document"
    _order = "code, id"
    _check_company_auto = True

    code = fields.Char(string="Document Number", required=True, tracking=True)
    name = fields.Char(string="Title", required=True, translate=True, tracking=True)
    doc_type = fields.Selection(DOC_TYPES, string="Type", required=True, default="sop")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    user_id = fields.Many2one("res.users", string="Owner", default=lambda self: self.env.user, tracking=True)
    active = fields.Boolean(default=True)
    revision_ids = fields.One2many("meddev.document.revision", "document_id", string="Revisions")
    current_revision_id = fields.Many2one(
        "meddev.document.revision", string="Effective Revision", compute="_compute_current_revision", store=True)
    current_revision = fields.Char(related="current_revision_id.name", string="Revision")
    change_request_ids = fields.One2many("meddev.change.request", "document_id", string="Change Requests")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "A document number is used once per company."),
    ]

    @api.depends("revision_ids.state")
    def _compute_current_revision(self):
        for document in self:
            document.current_revision_id = document.revision_ids.filtered(lambda r: r.state == "effective")[:1]

    @api.depends("code", "name", "current_revision")
    def _compute_display_name(self):
        for document in self:
            rev = (" rev. %s" % document.current_revision) if document.current_revision else ""
            document.display_name = "[%s] %s%s" % (document.code, document.name, rev)

    def _next_revision_name(self):
        """Revisions are lettered A, B, ... Z, AA, AB ... like drawings."""
        self.ensure_one()
        count = len(self.with_context(active_test=False).revision_ids)
        name = ""
        count += 1
        while count:
            count, rest = divmod(count - 1, 26)
            name = chr(ord("A") + rest) + name
        return name

    def action_view_change_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("meddev_quality.meddev_change_request_action")
        action["domain"] = [("document_id", "=", self.id)]
        action["context"] = {"default_document_id": self.id}
        return action

from odoo import api, fields, models
from odoo.exceptions import UserError

# Attachments and bookkeeping the system writes while a revision moves on.
SYSTEM_FIELDS = frozenset({"state", "date_effective", "date_superseded", "message_main_attachment_id"})


class MeddevDocumentRevision(models.Model):
    """One revision of a controlled document, with its own files.

    Drafts are edited; once its change request is signed, a revision is
    frozen: effective, then superseded, it is kept read-only.
    """

    _name = "meddev.document.revision"
    _inherit = ["meddev.audited.mixin", "mail.thread"]
    _description = "Controlled Document Revision"
    _order = "document_id, id desc"
    _check_company_auto = True

    document_id = fields.Many2one("meddev.document", required=True, ondelete="restrict", index=True,
                                  check_company=True)
    company_id = fields.Many2one(related="document_id.company_id", store=True)
    name = fields.Char(string="Revision", required=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("effective", "Effective"), ("superseded", "Superseded"),
         ("cancel", "Cancelled")],
        default="draft", required=True, readonly=True, tracking=True, index=True)
    content = fields.Html()
    change_summary = fields.Text(string="What Changed")
    attachment_ids = fields.Many2many("ir.attachment", string="Files",
                                      help="The files of this revision; each revision keeps its own.")
    change_request_id = fields.Many2one("meddev.change.request", readonly=True, index="btree_not_null")
    date_effective = fields.Date(string="Effective From", readonly=True)
    date_superseded = fields.Date(string="Superseded On", readonly=True)

    _sql_constraints = [
        ("name_document_uniq", "unique(document_id, name)", "A revision number is used once per document."),
    ]

    def init(self):
        # At most one effective revision per document, whatever writes it.
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS meddev_document_revision_one_effective
            ON meddev_document_revision (document_id) WHERE state = 'effective'
        """)

    @api.depends("document_id.code", "name")
    def _compute_display_name(self):
        for revision in self:
            revision.display_name = "%s rev. %s" % (revision.document_id.code or "", revision.name or "")

    def _is_frozen(self):
        self.ensure_one()
        return self.state != "draft" or (
            self.change_request_id and self.change_request_id.meddev_sign_state != "unsigned")

    def write(self, vals):
        system = self.env.context.get("meddev_revision_system") and not set(vals) - SYSTEM_FIELDS
        frozen = self.browse() if system else self.filtered(lambda r: r._is_frozen())
        if frozen:
            raise UserError(self.env._(
                "%(revision)s is approved or in approval: it is read-only. Raise a change request for a "
                "new revision.", revision=frozen[0].display_name))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
        frozen = self.filtered(lambda r: r._is_frozen())
        if frozen:
            raise UserError(self.env._("%(revision)s is part of the document's history and cannot be deleted.",
                                       revision=frozen[0].display_name))

    def _make_effective(self):
        """Make these approved revisions current, supersede the previous ones, and raise the event."""
        today = fields.Date.context_today(self)
        system = self.with_context(meddev_revision_system=True)
        for revision in system:
            previous = revision.document_id.revision_ids.filtered(lambda r: r.state == "effective")
            previous.write({"state": "superseded", "date_superseded": today})
            # One effective revision per document (unique index): supersede first.
            previous.flush_recordset(["state"])
            revision.write({"state": "effective", "date_effective": today})
        self.env["meddev.document.revision"]._meddev_publish_revision_effective(self)

    @api.model
    def _meddev_publish_revision_effective(self, revisions):
        """Event: ``revisions`` just became effective.

        Any model whose class sets ``_meddev_revision_effective_subscriber``
        gets ``_meddev_on_revision_effective(revisions)`` called, in the same
        transaction (training uses it to make retraining due).
        """
        for model_name, model_cls in self.pool.items():
            if getattr(model_cls, "_meddev_revision_effective_subscriber", False) and not model_cls._abstract:
                self.env[model_name]._meddev_on_revision_effective(revisions)
        for revision in revisions:
            revision.document_id.message_post(
                body=self.env._("Revision %(revision)s is now effective.", revision=revision.name),
                subtype_xmlid="meddev_quality.mt_document_revision_effective")

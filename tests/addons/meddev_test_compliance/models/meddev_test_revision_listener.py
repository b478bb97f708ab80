from odoo import api, fields, models


class MeddevTestRevisionListener(models.Model):
    """Subscribes to the 'revision effective' event the way meddev_training does."""

    _name = "meddev.test.revision.listener"
    _description = "Test subscriber of revisions becoming effective"
    _meddev_revision_effective_subscriber = True

    revision_id = fields.Many2one("meddev.document.revision", required=True, ondelete="cascade")
    superseded_id = fields.Many2one("meddev.document.revision", ondelete="cascade")

    @api.model
    def _meddev_on_revision_effective(self, revisions):
        self.create([{
            "revision_id": revision.id,
            "superseded_id": revision.document_id.revision_ids.filtered(lambda r: r.state == "superseded")[:1].id,
        } for revision in revisions])

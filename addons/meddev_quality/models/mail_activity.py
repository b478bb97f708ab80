from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        if not self.env.context.get("meddev_capa_action_done"):
            # Marking a CAPA action's activity done from the chatter completes the action.
            actions = self.env["meddev.capa.action"].search(
                [("activity_id", "in", self.ids), ("state", "=", "open")])
            actions.filtered(lambda a: a.capa_id.state == "implementation").write(
                {"state": "done", "date_done": fields.Date.context_today(self)})
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

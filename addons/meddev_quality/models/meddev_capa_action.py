from odoo import api, fields, models
from odoo.exceptions import UserError


class MeddevCapaAction(models.Model):
    _name = "meddev.capa.action"
    _inherit = ["meddev.audited.mixin"]
    _description = "CAPA Action"
    _order = "capa_id, sequence, id"

    capa_id = fields.Many2one("meddev.capa", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="capa_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Action", required=True)
    action_type = fields.Selection([("corrective", "Corrective"), ("preventive", "Preventive")],
                                   required=True, default="corrective")
    user_id = fields.Many2one("res.users", string="Owner")
    date_deadline = fields.Date(string="Due Date")
    state = fields.Selection([("open", "Open"), ("done", "Done")], default="open", required=True)
    date_done = fields.Date(readonly=True)
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")

    @api.model_create_multi
    def create(self, vals_list):
        capas = self.env["meddev.capa"].browse({vals["capa_id"] for vals in vals_list if vals.get("capa_id")})
        capas._check_plan_editable()
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - {"state", "date_done", "activity_id"}:
            self.capa_id._check_plan_editable()
        elif "state" in vals:
            for capa in self.capa_id:
                if capa.state != "implementation":
                    raise UserError(self.env._("Actions of %(capa)s are done during its implementation stage.",
                                               capa=capa.name))
        return super().write(vals)

    def unlink(self):
        self.capa_id._check_plan_editable()
        return super().unlink()

    def _schedule_activity(self):
        for action in self.filtered(lambda a: a.state == "open"):
            activity = action.capa_id.activity_schedule(
                "mail.mail_activity_data_todo", date_deadline=action.date_deadline,
                user_id=(action.user_id or action.capa_id.user_id).id,
                summary=action.name)
            action.activity_id = activity

    def action_done(self):
        for action in self:
            action.write({"state": "done", "date_done": fields.Date.context_today(action)})
            if action.activity_id:
                action.activity_id.with_context(meddev_capa_action_done=True).action_feedback(
                    feedback=self.env._("Action done."))
        return True

from odoo import fields, models


class MeddevAuditVerify(models.TransientModel):
    _name = "meddev.audit.verify"
    _description = "Verify Audit Trail"

    state = fields.Selection([("draft", "Not Run"), ("intact", "Intact"), ("broken", "Broken")], default="draft")
    checked = fields.Integer(string="Entries Verified", readonly=True)
    broken_sequence = fields.Integer(string="First Broken Entry", readonly=True)
    message = fields.Char(readonly=True)

    def action_verify(self):
        self.ensure_one()
        result = self.env["meddev.audit.entry"].verify_chain()
        self.write({
            "state": "intact" if result["intact"] else "broken",
            "checked": result["checked"],
            "broken_sequence": result["broken_sequence"] or 0,
            "message": result["message"],
        })
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Verify Audit Trail"),
        }

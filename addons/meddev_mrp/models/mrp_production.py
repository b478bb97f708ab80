from odoo import fields, models
from odoo.exceptions import UserError


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    meddev_inspection_ids = fields.One2many("meddev.inspection", "production_id", string="Inspections")
    meddev_inspection_count = fields.Integer(compute="_compute_meddev_inspection_count")

    def _compute_meddev_inspection_count(self):
        # Shop-floor users see how many inspections an order has, even without
        # the right to open them.
        counts = dict(self.env["meddev.inspection"].sudo()._read_group(
            [("production_id", "in", self.ids)], ["production_id"], ["__count"]))
        for production in self:
            production.meddev_inspection_count = counts.get(production, 0)

    def action_confirm(self):
        result = super().action_confirm()
        self._meddev_create_inspections()
        return result

    def _meddev_create_inspections(self):
        """Inspection records for the operations and the release that plans cover."""
        productions = self.filtered(lambda p: p.company_id.meddev_regulated and p.state not in ("draft", "cancel"))
        if not productions:
            return
        # Plans and inspection records are quality data the planner confirming
        # the order cannot necessarily read or create.
        Plan = self.env["meddev.inspection.plan"].sudo()
        Inspection = self.env["meddev.inspection"].sudo()
        plans = Plan.search([("trigger", "in", ("operation", "release"))])
        existing = {(i.plan_id.id, i.production_id.id, i.workorder_id.id)
                    for i in Inspection.search([("production_id", "in", productions.ids)])}
        vals_list = []
        for production in productions:
            company_plans = plans.filtered(lambda p, c=production.company_id: p.company_id in (c, c.browse()))
            for plan in company_plans:
                if plan.trigger == "release":
                    if ((plan.id, production.id, False) not in existing
                            and plan._applies_to(production.product_id, production.picking_type_id)):
                        vals_list.append(production._meddev_inspection_vals(plan))
                    continue
                for workorder in production.workorder_ids:
                    if (plan.id, production.id, workorder.id) not in existing and plan._applies_to_operation(workorder):
                        vals_list.append(production._meddev_inspection_vals(plan, workorder))
        if vals_list:
            Inspection.create(vals_list)

    def _meddev_inspection_vals(self, plan, workorder=None):
        self.ensure_one()
        vals = self.env["meddev.inspection"]._vals_for(plan, self.product_id, self.product_qty)
        vals.update({
            "company_id": self.company_id.id,
            "production_id": self.id,
            "workorder_id": workorder.id if workorder else False,
            "lot_ids": [fields.Command.set(self.lot_producing_id.ids)],
        })
        return vals

    def button_mark_done(self):
        self._meddev_check_inspections()
        return super().button_mark_done()

    def _meddev_check_inspections(self):
        # Whoever closes the order must be stopped, whether or not they may read quality records.
        blocking = self.sudo().meddev_inspection_ids._blocking()
        if blocking:
            raise UserError(blocking[0]._meddev_blocking_message())

    def action_meddev_view_inspections(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("meddev_quality.meddev_inspection_action")
        action["domain"] = [("production_id", "=", self.id)]
        action["context"] = {}
        return action

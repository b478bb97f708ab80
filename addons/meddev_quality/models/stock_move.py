from collections import defaultdict

from odoo import fields, models

from .meddev_inspection_plan import TRIGGER_PICKING_CODES


class StockMove(models.Model):
    _inherit = "stock.move"

    meddev_nonconformance_id = fields.Many2one(
        "meddev.nonconformance", string="Nonconformance", index="btree_not_null", copy=False, readonly=True,
        help="The nonconformance whose quarantine or disposition this move carries out.")

    def _action_confirm(self, merge=True, merge_into=False):
        moves = super()._action_confirm(merge=merge, merge_into=merge_into)
        moves._meddev_create_inspections()
        return moves

    def _meddev_create_inspections(self):
        """Inspection records for confirmed moves that a plan of a regulated company covers."""
        moves = self.filtered(lambda m: m.picking_id and m.company_id.meddev_regulated
                              and m.picking_type_id.code in TRIGGER_PICKING_CODES.values()
                              and not m.meddev_nonconformance_id)
        if not moves:
            return
        # Inspection plans and records are quality data the warehouse user
        # confirming the transfer cannot necessarily read or create.
        Plan = self.env["meddev.inspection.plan"].sudo()
        Inspection = self.env["meddev.inspection"].sudo()
        plans_by_company = defaultdict(lambda: Plan)
        for plan in Plan.search([("trigger", "in", list(TRIGGER_PICKING_CODES))]):
            plans_by_company[plan.company_id.id] |= plan
        existing = set(Inspection.search([("move_id", "in", moves.ids)]).mapped(lambda i: (i.plan_id.id, i.move_id.id)))
        vals_list = []
        for move in moves:
            plans = plans_by_company[move.company_id.id] | plans_by_company[False]
            for plan in plans:
                if (TRIGGER_PICKING_CODES.get(plan.trigger) == move.picking_type_id.code
                        and (plan.id, move.id) not in existing
                        and plan._applies_to(move.product_id, move.picking_type_id)):
                    vals_list.append(Inspection._vals_for(plan, move.product_id, move.product_qty, move))
        if vals_list:
            Inspection.create(vals_list)

    def _update_reserved_quantity(self, need, location_id, lot_id=None, package_id=None, owner_id=None,
                                  strict=True):
        if self.meddev_nonconformance_id:
            return super()._update_reserved_quantity(need, location_id, lot_id=lot_id, package_id=package_id,
                                                     owner_id=owner_id, strict=strict)
        if location_id._meddev_is_quarantine():
            # Quarantined stock waits for its disposition.
            return 0
        return super(StockMove, self.with_context(meddev_exclude_quarantine=True))._update_reserved_quantity(
            need, location_id, lot_id=lot_id, package_id=package_id, owner_id=owner_id, strict=strict)

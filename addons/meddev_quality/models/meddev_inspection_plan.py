from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import aql

TRIGGERS = [
    ("receipt", "On Receipt"),
    ("shipment", "At Shipment"),
]
# The picking type codes whose transfers each trigger inspects.
TRIGGER_PICKING_CODES = {"receipt": "incoming", "shipment": "outgoing"}


class MeddevInspectionPlan(models.Model):
    """What to inspect, when, on how many units, and against which test points."""

    _name = "meddev.inspection.plan"
    _inherit = ["meddev.audited.mixin", "mail.thread"]
    _description = "Inspection Plan"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    trigger = fields.Selection(TRIGGERS, required=True, default="receipt", tracking=True)
    product_ids = fields.Many2many(
        "product.product", string="Products", check_company=True,
        help="Leave empty, with no category either, to inspect every product.")
    product_categ_ids = fields.Many2many("product.category", string="Product Categories")
    picking_type_ids = fields.Many2many(
        "stock.picking.type", string="Operation Types", check_company=True,
        help="Leave empty to inspect at every operation type of the trigger.")
    sampling = fields.Selection(
        [("all", "Every Unit (100%)"), ("every_nth", "Every Nth Unit"),
         ("aql", "AQL (ISO 2859-1)")],
        required=True, default="all", tracking=True)
    every_nth = fields.Integer(string="Inspect One Unit In", default=10)
    aql = fields.Selection(
        [(value, value) for value in aql.AQL_VALUES], string="AQL (%)", default="1.0",
        help="ISO 2859-1 single sampling, normal inspection, general inspection level II.")
    block_on_failure = fields.Boolean(
        string="Block Until Dispositioned", default=True,
        help="A failed inspection stops the transfer from being validated until a nonconformance "
             "quarantines or dispositions the goods.")
    user_id = fields.Many2one(
        "res.users", string="Inspector", check_company=True,
        domain=lambda self: [("groups_id", "in", self.env.ref("meddev_quality.group_meddev_quality_inspector").id)],
        help="Inspector assigned to the records this plan creates.")
    instructions = fields.Html(translate=True)
    point_ids = fields.One2many("meddev.inspection.point", "plan_id", string="Test Points", copy=True)
    inspection_count = fields.Integer(compute="_compute_inspection_count")

    _sql_constraints = [
        ("every_nth_positive", "CHECK(every_nth > 0)", "Inspect one unit in N: N must be positive."),
    ]

    @api.constrains("sampling", "aql")
    def _check_aql(self):
        for plan in self.filtered(lambda p: p.sampling == "aql" and not p.aql):
            raise ValidationError(self.env._("Inspection plan “%(plan)s” samples by AQL: choose the AQL.",
                                             plan=plan.name))

    def _compute_inspection_count(self):
        counts = dict(self.env["meddev.inspection"]._read_group(
            [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]))
        for plan in self:
            plan.inspection_count = counts.get(plan, 0)

    def _applies_to(self, product, picking_type):
        self.ensure_one()
        if self.picking_type_ids and picking_type not in self.picking_type_ids:
            return False
        if not self.product_ids and not self.product_categ_ids:
            return True
        if product in self.product_ids:
            return True
        return any(product.categ_id.parent_path.startswith(categ.parent_path) for categ in self.product_categ_ids)

    def _sample(self, quantity):
        """(sample size, acceptance number, rejection number, code letter) for a lot."""
        self.ensure_one()
        units = max(round(quantity), 1)
        if self.sampling == "aql" and units >= 2:
            plan = aql.sampling_plan(units, self.aql)
            return plan.sample_size, plan.accept, plan.reject, plan.code_letter
        if self.sampling == "every_nth":
            return -(-units // self.every_nth), 0, 1, False
        return units, 0, 1, False

    def action_view_inspections(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("meddev_quality.meddev_inspection_action")
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {}
        return action

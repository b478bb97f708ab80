from odoo import api, fields, models
from odoo.exceptions import UserError

from .meddev_inspection_plan import TRIGGERS

STATES = [("todo", "To Do"), ("passed", "Passed"), ("failed", "Failed")]


class MeddevInspection(models.Model):
    """One inspection of one product's quantity at one trigger, signed by the inspector."""

    _name = "meddev.inspection"
    _inherit = ["meddev.signable.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Inspection Record"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    plan_id = fields.Many2one("meddev.inspection.plan", required=True, ondelete="restrict", check_company=True,
                              readonly=True)
    trigger = fields.Selection(TRIGGERS, required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True,
                                 readonly=True)
    product_id = fields.Many2one("product.product", required=True, check_company=True, readonly=True, index=True)
    picking_id = fields.Many2one("stock.picking", string="Transfer", check_company=True, readonly=True, index=True)
    move_id = fields.Many2one("stock.move", readonly=True, index="btree_not_null")
    lot_ids = fields.Many2many("stock.lot", string="Lots/Serial Numbers", check_company=True,
                               domain="[('product_id', '=', product_id)]")
    user_id = fields.Many2one("res.users", string="Inspector", check_company=True, tracking=True)
    quantity = fields.Float(string="Lot Size", digits="Product Unit of Measure", readonly=True)
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    sampling = fields.Selection(related="plan_id.sampling")
    code_letter = fields.Char(string="Sample Size Code Letter", readonly=True)
    sample_size = fields.Integer(readonly=True)
    accept_number = fields.Integer(string="Acceptance Number (Ac)", readonly=True)
    reject_number = fields.Integer(string="Rejection Number (Re)", readonly=True)
    nonconforming_count = fields.Integer(string="Nonconforming Units in Sample", tracking=True)
    instructions = fields.Html(related="plan_id.instructions")
    line_ids = fields.One2many("meddev.inspection.line", "inspection_id", string="Results")
    state = fields.Selection(STATES, default="todo", required=True, readonly=True, tracking=True, index=True)
    result_note = fields.Text(string="Remarks")
    block_on_failure = fields.Boolean(related="plan_id.block_on_failure")
    date_done = fields.Datetime(string="Completed On", readonly=True, copy=False)
    nonconformance_ids = fields.One2many("meddev.nonconformance", "inspection_id", string="Nonconformances")
    nonconformance_count = fields.Integer(compute="_compute_nonconformance_count")
    dispositioned = fields.Boolean(
        compute="_compute_dispositioned",
        help="A failed inspection is dispositioned once a nonconformance has quarantined or dispositioned the goods.")

    _sql_constraints = [
        ("nonconforming_count_positive", "CHECK(nonconforming_count >= 0)",
         "The number of nonconforming units cannot be negative."),
    ]

    @api.depends("nonconformance_ids")
    def _compute_nonconformance_count(self):
        for inspection in self:
            inspection.nonconformance_count = len(inspection.nonconformance_ids)

    @api.depends("nonconformance_ids.state")
    def _compute_dispositioned(self):
        for inspection in self:
            inspection.dispositioned = any(
                nc.state in ("quarantined", "done") for nc in inspection.nonconformance_ids)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("meddev.inspection") or "/"
        inspections = super().create(vals_list)
        for inspection in inspections.filtered(lambda i: not i.line_ids):
            inspection.line_ids = [fields.Command.create(point._inspection_line_vals())
                                   for point in inspection.plan_id.point_ids]
        return inspections

    @api.model
    def _vals_for(self, plan, product, quantity, move=None):
        sample_size, accept, reject, letter = plan._sample(quantity)
        picking = move.picking_id if move else self.env["stock.picking"]
        return {
            "plan_id": plan.id,
            "trigger": plan.trigger,
            "company_id": (move.company_id if move else plan.company_id or self.env.company).id,
            "product_id": product.id,
            "picking_id": picking.id,
            "move_id": move.id if move else False,
            "quantity": quantity,
            "user_id": plan.user_id.id,
            "code_letter": letter or False,
            "sample_size": sample_size,
            "accept_number": accept,
            "reject_number": reject,
        }

    # ------------------------------------------------------------------
    # Result
    # ------------------------------------------------------------------
    def _compute_result(self):
        """'passed' or 'failed' from the results entered; raise if some are missing."""
        self.ensure_one()
        missing = self.line_ids.filtered(lambda line: line.required and not line._has_value())
        if missing:
            raise UserError(self.env._(
                "%(record)s: enter a result for every required test point first (missing: %(points)s).",
                record=self.name, points=", ".join(missing.mapped("name"))))
        if self.nonconforming_count > self.sample_size:
            raise UserError(self.env._(
                "%(record)s: %(count)s nonconforming units cannot be found in a sample of %(size)s.",
                record=self.name, count=self.nonconforming_count, size=self.sample_size))
        failed = any(line.result == "fail" for line in self.line_ids)
        return "failed" if failed or self.nonconforming_count > self.accept_number else "passed"

    def _meddev_authors(self):
        # Inspections are raised by the system at their trigger: whoever
        # confirmed the transfer did not author the result.
        return self.sudo().signature_ids.filtered(lambda s: s.meaning_id.code == "authored").user_id

    def action_meddev_sign(self):
        # The inspector signs a complete result; the signature freezes it.
        for inspection in self:
            inspection._compute_result()
        return super().action_meddev_sign()

    def _meddev_signed_content(self):
        content = super()._meddev_signed_content()
        content.append([line._signed_values() for line in self.line_ids])
        return content

    def _meddev_apply_signature(self, meaning, comment):
        self.ensure_one()
        if self.meddev_sign_state == "unsigned":
            # The result is part of what the first signature covers.
            self.write({"state": self._compute_result(), "date_done": fields.Datetime.now()})
        return super()._meddev_apply_signature(meaning, comment)

    # ------------------------------------------------------------------
    # Blocking and nonconformance
    # ------------------------------------------------------------------
    def _blocking(self):
        """The inspections among self that stop their transfer from being validated."""
        return self.filtered(lambda i: i.block_on_failure and (
            i.meddev_sign_state == "unsigned" or (i.state == "failed" and not i.dispositioned)))

    def _meddev_gated_document_name(self):
        """The transfer or operation this inspection gates, as users know it."""
        self.ensure_one()
        return self.picking_id.display_name or self.name

    def _meddev_blocking_message(self):
        """Why this blocking inspection stops its transfer or operation."""
        self.ensure_one()
        document = self._meddev_gated_document_name()
        if self.meddev_sign_state == "unsigned":
            return self.env._(
                "%(document)s cannot be validated yet: inspection %(inspection)s of %(product)s is not completed "
                "and signed.", document=document, inspection=self.name, product=self.product_id.display_name)
        return self.env._(
            "%(document)s cannot be validated: inspection %(inspection)s of %(product)s failed and its goods "
            "are not yet quarantined or dispositioned by a nonconformance.",
            document=document, inspection=self.name, product=self.product_id.display_name)

    def action_create_nonconformance(self):
        self.ensure_one()
        if self.state != "failed":
            raise UserError(self.env._("Only a failed inspection opens a nonconformance."))
        source = self._nonconformance_source()
        nonconformance = self.env["meddev.nonconformance"].create({
            "source": source,
            "product_id": self.product_id.id,
            "lot_ids": [fields.Command.set(self.lot_ids.ids or self.move_id.move_line_ids.lot_id.ids)],
            "quantity": self.quantity,
            "severity": "major",
            "inspection_id": self.id,
            "picking_id": self.picking_id.id,
            "partner_id": self.picking_id.partner_id.commercial_partner_id.id,
            "company_id": self.company_id.id,
            "description": self.result_note or False,
        })
        # The failed goods are contained at once when they can be: still to
        # receive, or on hand.
        if nonconformance._can_quarantine():
            nonconformance.action_quarantine()
        return nonconformance.get_formview_action()

    def _nonconformance_source(self):
        """Nonconformance source of a failure at this inspection's trigger."""
        return {"receipt": "incoming", "shipment": "final"}.get(self.trigger, "in_process")

    def action_view_nonconformances(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("meddev_quality.meddev_nonconformance_action")
        action["domain"] = [("inspection_id", "=", self.id)]
        action["context"] = {"default_inspection_id": self.id}
        return action

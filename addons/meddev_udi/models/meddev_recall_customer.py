from odoo import api, fields, models
from odoo.exceptions import UserError

# What the people working the recall record by hand; the rest is the trace.
FOLLOW_UP_FIELDS = frozenset({"date_notified", "date_acknowledged", "acknowledged_by", "note"})


class MeddevRecallCustomer(models.Model):
    """A customer the recalled goods were shipped to: the notification list."""

    _name = "meddev.recall.customer"
    _inherit = ["meddev.recall.line.mixin", "meddev.register.mixin"]
    _description = "Recall Customer Notification"
    # Notification and acknowledgement are regulated content, audited on each
    # change; the trace inserts the lines (see meddev.recall._create_customers).
    _meddev_audit = True
    _order = "recall_id, partner_id"
    _rec_name = "partner_id"

    recall_id = fields.Many2one("meddev.recall", required=True, ondelete="cascade", index=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    is_drill = fields.Boolean(related="recall_id.is_drill")
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True, index=True)
    commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id", string="Customer Company")
    email = fields.Char(related="partner_id.email")
    phone = fields.Char(related="partner_id.phone")
    contact_address = fields.Char(related="partner_id.contact_address", string="Address")
    picking_ids = fields.Many2many("stock.picking", "meddev_recall_customer_picking_rel", "customer_id",
                                   "picking_id", string="Deliveries", readonly=True)
    lot_ids = fields.Many2many("stock.lot", "meddev_recall_customer_lot_rel", "customer_id", "lot_id",
                               string="Lots/Serials", readonly=True)
    delivery_refs = fields.Char(string="Delivery References", compute="_compute_refs")
    lot_refs = fields.Char(string="Lot/Serial Numbers", compute="_compute_refs")
    date_last_delivery = fields.Datetime(string="Last Delivery", readonly=True)
    qty_shipped = fields.Float(string="Shipped", readonly=True)
    qty_returned_stock = fields.Float(string="Returned", readonly=True,
                                      help="Received back from this customer by stock transfers.")
    qty_open = fields.Float(string="Still at Customer", compute="_compute_qty_open")
    date_notified = fields.Datetime(string="Notified On")
    date_acknowledged = fields.Datetime(string="Acknowledged On")
    acknowledged_by = fields.Char(help="Who confirmed receipt of the recall notice at the customer.")
    note = fields.Text()
    state = fields.Selection(
        [("to_notify", "To Notify"), ("notified", "Notified"), ("acknowledged", "Acknowledged")],
        compute="_compute_state", store=True, index=True)

    @api.depends("picking_ids", "lot_ids")
    def _compute_refs(self):
        for customer in self:
            customer.delivery_refs = ", ".join(customer.picking_ids.mapped("name"))
            lots = customer.lot_ids
            names = lots[:50].mapped("name")
            customer.lot_refs = ", ".join(names) + (
                self.env._(" and %(count)s more", count=len(lots) - 50) if len(lots) > 50 else "")

    @api.depends("qty_shipped", "qty_returned_stock")
    def _compute_qty_open(self):
        for customer in self:
            customer.qty_open = customer.qty_shipped - customer.qty_returned_stock

    @api.depends("date_notified", "date_acknowledged")
    def _compute_state(self):
        for customer in self:
            customer.state = "acknowledged" if customer.date_acknowledged else (
                "notified" if customer.date_notified else "to_notify")

    def write(self, vals):
        if set(vals) & FOLLOW_UP_FIELDS:
            if not self.env.user.has_group("meddev_quality.group_meddev_quality_inspector"):
                raise UserError(self.env._("Only quality inspectors and managers can follow up a recall."))
            if self.filtered("is_drill") and vals.get("date_notified"):
                raise UserError(self.env._("A mock recall drill never notifies customers."))
        return super().write(vals)

    def action_acknowledge(self):
        """Record that the customer confirmed receiving the recall notice."""
        for customer in self:
            if customer.is_drill:
                raise UserError(self.env._("A mock recall drill never notifies customers."))
            if not customer.date_notified:
                raise UserError(self.env._("%(customer)s was not notified yet: notify them first.",
                                           customer=customer.partner_id.display_name))
        self.filtered(lambda c: not c.date_acknowledged).write({"date_acknowledged": fields.Datetime.now()})
        for recall in self.recall_id:
            recall.message_post(body=self.env._(
                "Acknowledgement recorded for %(customers)s.",
                customers=", ".join(self.filtered(lambda c, r=recall: c.recall_id == r).mapped(
                    "partner_id.display_name"))))
        return True

    # ------------------------------------------------------------------
    # Register (XLSX): the customer notification list
    # ------------------------------------------------------------------
    def _register_sheet_name(self):
        return self.env._("Recall Notification List")

    def _register_columns(self):
        label = self._register_label
        return [
            (self.env._("Recall"), lambda rec: rec.recall_id.name),
            (self.env._("Customer"), lambda rec: rec.partner_id.display_name or ""),
            (self.env._("Customer Company"), lambda rec: rec.commercial_partner_id.display_name or ""),
            (self.env._("E-mail"), lambda rec: rec.email or ""),
            (self.env._("Phone"), lambda rec: rec.phone or ""),
            (self.env._("Address"), lambda rec: rec.contact_address or ""),
            (self.env._("Delivery References"), lambda rec: rec.delivery_refs or ""),
            (self.env._("Lot/Serial Numbers"), lambda rec: ", ".join(rec.lot_ids.mapped("name"))),
            (self.env._("Last Delivery"), lambda rec: rec.date_last_delivery),
            (self.env._("Shipped"), lambda rec: rec.qty_shipped),
            (self.env._("Returned"), lambda rec: rec.qty_returned_stock),
            (self.env._("Still at Customer"), lambda rec: rec.qty_open),
            (self.env._("Status"), label("state")),
            (self.env._("Notified On"), lambda rec: rec.date_notified),
            (self.env._("Acknowledged On"), lambda rec: rec.date_acknowledged),
            (self.env._("Acknowledged By"), lambda rec: rec.acknowledged_by or ""),
        ]

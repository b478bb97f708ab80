import base64
import datetime
import time
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.addons.meddev_quality.tools import xlsx
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare

STATES = [
    ("draft", "Draft"),
    ("traced", "Traced"),
    ("in_progress", "In Progress"),
    ("closed", "Closed"),
    ("cancel", "Cancelled"),
]
TRIGGERS = [
    ("complaint", "Customer Complaint"),
    ("supplier", "Supplier Notice"),
    ("internal", "Internal Finding"),
    ("authority", "Authority Request"),
]
# The nonconformance a recall opens carries the recall's trigger as its source.
NC_SOURCES = {"complaint": "complaint", "supplier": "incoming", "internal": "in_process", "authority": "audit"}
# Class I (一级召回) is the most serious: it may cause serious injury or death.
CLASSES = [("1", "Class I"), ("2", "Class II"), ("3", "Class III")]
NC_SEVERITIES = {"1": "critical", "2": "major", "3": "minor"}


class MeddevRecall(models.Model):
    """A product recall (召回) or a mock-recall drill.

    From the suspect lots (or a supplier's receipts in a date range) the
    genealogy gives every affected lot; the recall records where each is now,
    quarantines the stock, notifies the customers it was shipped to, tracks
    their acknowledgements and returns, and is closed by a signed
    reconciliation: for each lot, shipped = returned + destroyed + otherwise
    accounted for.  A drill does everything but quarantine and notify, and
    measures how long the trace took.
    """

    _name = "meddev.recall"
    _inherit = ["meddev.signable.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Recall"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    title = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    user_id = fields.Many2one("res.users", string="Responsible", default=lambda self: self.env.user,
                              check_company=True, tracking=True)
    is_drill = fields.Boolean(string="Mock Recall Drill", tracking=True,
                              help="A rehearsal: the trace and the lists are produced, but no stock is "
                                   "quarantined and no customer is notified.")
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, tracking=True, index=True,
                             copy=False)
    recall_class = fields.Selection(CLASSES, required=True, default="2", tracking=True)
    trigger = fields.Selection(TRIGGERS, required=True, default="complaint", tracking=True)
    reason = fields.Html(string="Reason and Health Hazard")
    # Where the recall starts
    start_mode = fields.Selection(
        [("lots", "Suspect Lots"), ("supplier", "Supplier and Receipt Dates")], string="Start From",
        required=True, default="lots")
    suspect_lot_ids = fields.Many2many("stock.lot", "meddev_recall_suspect_lot_rel", "recall_id", "lot_id",
                                       string="Suspect Lots/Serials", check_company=True)
    supplier_id = fields.Many2one(
        "res.partner",
        help="The supplier or subcontractor whose receipts in the date range start the recall.")
    supplier_product_ids = fields.Many2many(
        "product.product", "meddev_recall_supplier_product_rel", "recall_id", "product_id",
        string="Supplied Products", check_company=True, help="Only these products' receipts; all when empty.")
    date_from = fields.Date(string="Received From")
    date_to = fields.Date(string="Received To")
    # Trace result
    lot_ids = fields.One2many("meddev.recall.lot", "recall_id", string="Affected Lots/Serials", readonly=True)
    location_ids = fields.One2many("meddev.recall.location", "recall_id", string="Stock on Hand", readonly=True)
    customer_ids = fields.One2many("meddev.recall.customer", "recall_id", string="Customers")
    affected_lot_count = fields.Integer(string="Affected Lots", readonly=True, copy=False)
    finished_lot_count = fields.Integer(string="Finished Lots/Serials", readonly=True, copy=False)
    customer_count = fields.Integer(readonly=True, copy=False)
    qty_on_hand = fields.Float(string="On Hand", digits="Product Unit of Measure", readonly=True, copy=False)
    qty_shipped = fields.Float(string="Shipped", digits="Product Unit of Measure", readonly=True, copy=False)
    nonconformance_ids = fields.Many2many("meddev.nonconformance", "meddev_recall_nonconformance_rel",
                                          "recall_id", "nonconformance_id", string="Nonconformances",
                                          readonly=True, copy=False, check_company=True)
    nonconformance_count = fields.Integer(compute="_compute_nonconformance_count")
    # Timing: a drill's KPI is the time from its start to the complete trace.
    date_start = fields.Datetime(string="Started", required=True, readonly=True, copy=False,
                                 default=fields.Datetime.now)
    date_traced = fields.Datetime(string="Trace Complete", readonly=True, copy=False)
    trace_seconds = fields.Float(string="Time to Trace (s)", readonly=True, copy=False, aggregator="avg",
                                 help="From the start of the recall to its complete trace.")
    trace_minutes = fields.Float(string="Time to Trace (min)", compute="_compute_trace_minutes", store=True,
                                 aggregator="avg")
    compute_seconds = fields.Float(string="Computation Time (s)", readonly=True, copy=False, digits=(16, 3))
    date_notified = fields.Datetime(string="Customers Notified", readonly=True, copy=False)
    date_closed = fields.Datetime(string="Closed", readonly=True, copy=False)
    unreconciled_count = fields.Integer(string="Unreconciled Lots", compute="_compute_reconciliation")
    acknowledged_count = fields.Integer(string="Acknowledged", compute="_compute_acknowledged_count")

    _sql_constraints = [
        ("date_range", "CHECK(date_from IS NULL OR date_to IS NULL OR date_from <= date_to)",
         "The receipt date range of a recall must not end before it starts."),
    ]

    @api.depends("trace_seconds")
    def _compute_trace_minutes(self):
        for recall in self:
            recall.trace_minutes = recall.trace_seconds / 60.0

    @api.depends("nonconformance_ids")
    def _compute_nonconformance_count(self):
        for recall in self:
            recall.nonconformance_count = len(recall.nonconformance_ids)

    @api.depends("lot_ids.qty_shipped", "lot_ids.qty_returned_stock", "lot_ids.qty_returned_manual",
                 "lot_ids.qty_destroyed", "lot_ids.qty_other")
    def _compute_reconciliation(self):
        counts = dict(self.env["meddev.recall.lot"]._read_group(
            [("recall_id", "in", self._origin.ids), ("is_reconciled", "=", False)], ["recall_id"], ["__count"]))
        for recall in self:
            recall.unreconciled_count = counts.get(recall._origin, 0)

    @api.depends("customer_ids.date_acknowledged")
    def _compute_acknowledged_count(self):
        for recall in self:
            recall.acknowledged_count = len(recall.customer_ids.filtered("date_acknowledged"))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                code = "meddev.recall.drill" if vals.get("is_drill") else "meddev.recall"
                vals["name"] = self.env["ir.sequence"].next_by_code(code) or "/"
        return super().create(vals_list)

    def _check_state(self, allowed, action):
        for recall in self:
            if recall.state not in allowed:
                raise UserError(self.env._(
                    "%(recall)s is %(state)s: it cannot be %(action)s.", recall=recall.display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[recall.state].lower(),
                    action=action))

    def _check_manager(self):
        if not self.env.su and not self.env.user.has_group("meddev_quality.group_meddev_quality_inspector"):
            raise UserError(self.env._("Only quality inspectors and managers can run a recall."))

    # ------------------------------------------------------------------
    # Trace
    # ------------------------------------------------------------------
    def _start_lots(self):
        """The lots the recall starts from: the suspect lots, or the lots received
        from the supplier (or its contacts) in the date range."""
        self.ensure_one()
        if self.start_mode == "lots":
            if not self.suspect_lot_ids:
                raise UserError(self.env._("%(recall)s: choose the suspect lots or serial numbers.",
                                           recall=self.display_name))
            return self.suspect_lot_ids
        if not (self.supplier_id and self.date_from and self.date_to):
            raise UserError(self.env._(
                "%(recall)s: a recall from a supplier needs the supplier and the receipt date range.",
                recall=self.display_name))
        domain = [
            ("state", "=", "done"),
            ("lot_id", "!=", False),
            ("company_id", "=", self.company_id.id),
            # From the supplier's location, or on a receipt from one of our own
            # (internal) locations: what a subcontractor processed for us.
            "|", ("location_id.usage", "=", "supplier"),
            "&", ("picking_id.picking_type_id.code", "=", "incoming"), ("location_id.usage", "=", "internal"),
            ("picking_id.partner_id", "child_of", self.supplier_id.commercial_partner_id.id),
            ("date", ">=", fields.Datetime.to_datetime(self.date_from)),
            ("date", "<", fields.Datetime.to_datetime(self.date_to) + datetime.timedelta(days=1)),
        ]
        if self.supplier_product_ids:
            domain.append(("product_id", "in", self.supplier_product_ids.ids))
        lots = self.env["stock.lot"].browse(
            lot.id for [lot] in self.env["stock.move.line"]._read_group(domain, ["lot_id"]))
        if not lots:
            raise UserError(self.env._(
                "%(recall)s: no lot was received from %(supplier)s between %(start)s and %(end)s.",
                recall=self.display_name, supplier=self.supplier_id.display_name,
                start=self.date_from, end=self.date_to))
        return lots

    def action_compute(self):
        """Trace every affected lot and serial, where each is now and whom it was shipped to."""
        self._check_manager()
        self._check_state(("draft", "traced"), self.env._("traced again (its follow-up has started)"))
        for recall in self:
            started = time.perf_counter()
            start_lots = recall._start_lots()
            recall._compute_trace(start_lots)
            now = fields.Datetime.now()
            recall.write({
                "state": "traced",
                "suspect_lot_ids": [Command.set(start_lots.ids)],
                "date_traced": now,
                "trace_seconds": max((now - recall.date_start).total_seconds(), 0.0),
                "compute_seconds": time.perf_counter() - started,
            })
            recall.message_post(body=self.env._(
                "Trace complete: %(lots)s affected lots/serials (%(finished)s finished), %(customers)s customers.",
                lots=recall.affected_lot_count, finished=recall.finished_lot_count,
                customers=recall.customer_count))
        return True

    def _compute_trace(self, start_lots):
        self.ensure_one()
        Genealogy = self.env["meddev.genealogy"]
        # Recall lines are the system's record of the trace, rebuilt as a whole;
        # the user's rights on the recall itself were checked by the caller.
        self_sudo = self.sudo()
        self_sudo.location_ids.unlink()
        self_sudo.customer_ids.unlink()
        RecallLot = self.env["meddev.recall.lot"]
        RecallLot.flush_model()
        self.env.cr.execute(SQL("DELETE FROM meddev_recall_lot WHERE recall_id = %s", self.id))
        RecallLot.invalidate_model()
        self.invalidate_recordset(["lot_ids"])
        lot_ids = list(dict.fromkeys(Genealogy._trace_lot_ids(start_lots.ids, direction="forward")))
        stock = Genealogy._lot_stock(lot_ids)
        deliveries, customer_returns = Genealogy._lot_customer_moves(lot_ids)
        returns = self._returns_by_lot_partner(customer_returns)

        shipped = defaultdict(float)
        for row in deliveries:
            shipped[row["lot_id"]] += row["quantity"]
        returned = defaultdict(float)
        for (lot_id, _partner_id), qty in returns.items():
            returned[lot_id] += qty
        on_hand, where = self._stock_by_lot(stock)

        self.env.cr.execute(SQL(
            "SELECT l.id, l.product_id, t.meddev_lot_stage, COALESCE(t.meddev_udi_regulated, FALSE)"
            "  FROM stock_lot l JOIN product_product p ON p.id = l.product_id"
            "  JOIN product_template t ON t.id = p.product_tmpl_id WHERE l.id = ANY(%s)", list(lot_ids)))
        lot_info = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        start_ids = set(start_lots.ids)
        lot_vals = []
        for lot_id in lot_ids:
            product_id, stage, regulated = lot_info[lot_id]
            lot_vals.append({
                "recall_id": self.id,
                "company_id": self.company_id.id,
                "lot_id": lot_id,
                "product_id": product_id,
                "is_suspect": lot_id in start_ids,
                # Finished devices are what a recall reaches in the field: the lots
                # of products numbered as finished goods, of UDI devices (when no
                # stage is set), and whatever was shipped to a customer.
                "is_finished": stage == "finished" or (not stage and regulated) or lot_id in shipped,
                "qty_on_hand": on_hand.get(lot_id, 0.0),
                "location_summary": where.get(lot_id, False),
                "qty_shipped": shipped.get(lot_id, 0.0),
                "qty_returned_stock": returned.get(lot_id, 0.0),
            })
        self._insert_lot_lines(lot_vals)
        self._create_locations(stock)
        self._create_customers(deliveries, returns)
        self.write({
            "affected_lot_count": len(lot_vals),
            "finished_lot_count": sum(1 for vals in lot_vals if vals["is_finished"]),
            "customer_count": len({row["partner_id"] for row in deliveries}),
            "qty_on_hand": sum(on_hand.values()),
            "qty_shipped": sum(shipped.values()),
        })

    def _insert_lot_lines(self, lot_vals):
        """Insert the trace's lines in one statement.

        A recall from one raw-material lot reaches tens of thousands of serials;
        the ORM's create spends most of its time per record on defaults and
        caches, for lines that are the system's own output with nothing to
        default or compute.  Their later changes go through the ORM.
        """
        if not lot_vals:
            return
        columns = ("lot_id", "product_id", "is_suspect", "is_finished", "qty_on_hand", "location_summary",
                   "qty_shipped", "qty_returned_stock")
        arrays = {name: [vals[name] for vals in lot_vals] for name in columns}
        now = fields.Datetime.now()
        self.env.cr.execute(SQL(
            """INSERT INTO meddev_recall_lot (recall_id, company_id, create_uid, write_uid, create_date, write_date,
                   qty_returned_manual, qty_destroyed, qty_other,
                   lot_id, product_id, is_suspect, is_finished, qty_on_hand, location_summary,
                   qty_shipped, qty_returned_stock)
               SELECT %s, %s, %s, %s, %s, %s, 0, 0, 0, u.*
                 FROM unnest(%s::int[], %s::int[], %s::bool[], %s::bool[], %s::float8[], %s::varchar[],
                             %s::float8[], %s::float8[])
                   AS u(lot_id, product_id, is_suspect, is_finished, qty_on_hand, location_summary,
                        qty_shipped, qty_returned_stock)""",
            self.id, self.company_id.id, self.env.uid, self.env.uid, now, now,
            *(arrays[name] for name in columns)))
        self.env["meddev.recall.lot"].invalidate_model()
        self.invalidate_recordset(["lot_ids"])

    def _stock_by_lot(self, stock):
        """({lot id: quantity on hand}, {lot id: "Location: quantity; ..."}) of the trace's stock rows."""
        names = dict(self.env["stock.location"].sudo().browse(
            {row["location_id"] for row in stock}).mapped(lambda loc: (loc.id, loc.display_name)))
        on_hand, where = defaultdict(float), defaultdict(list)
        for row in stock:
            on_hand[row["lot_id"]] += row["quantity"]
            where[row["lot_id"]].append("%s: %g" % (names[row["location_id"]], row["quantity"]))
        return on_hand, {lot_id: "; ".join(parts) for lot_id, parts in where.items()}

    def _create_locations(self, stock):
        """The stock on hand per location and product (each lot's own is on its line)."""
        self.ensure_one()
        quarantine_ids = set(self.env["stock.location"]._search([("meddev_quarantine", "=", True)]))
        totals = defaultdict(lambda: [0.0, set()])
        for row in stock:
            entry = totals[(row["location_id"], row["product_id"])]
            entry[0] += row["quantity"]
            entry[1].add(row["lot_id"])
        self.env["meddev.recall.location"].sudo().create([{
            "recall_id": self.id,
            "company_id": self.company_id.id,
            "product_id": product_id,
            "location_id": location_id,
            "quantity": qty,
            "lot_count": len(lots),
            "is_quarantine": location_id in quarantine_ids,
        } for (location_id, product_id), (qty, lots) in totals.items()])

    def _create_customers(self, deliveries, returns):
        self.ensure_one()
        by_partner = defaultdict(lambda: {"lots": set(), "pickings": set(), "qty": 0.0, "date": False})
        for row in deliveries:
            entry = by_partner[row["partner_id"] or False]
            entry["lots"].add(row["lot_id"])
            if row.get("picking_id"):
                entry["pickings"].add(row["picking_id"])
            entry["qty"] += row["quantity"]
            if row.get("date") and (not entry["date"] or row["date"] > entry["date"]):
                entry["date"] = row["date"]
        returned = defaultdict(float)
        for (_lot_id, partner_id), qty in returns.items():
            returned[partner_id] += qty
        if not by_partner:
            return
        # Inserted like the lot lines (see _insert_lot_lines): hundreds of
        # customers holding thousands of serials are the trace's own output.
        partners = list(by_partner)
        now = fields.Datetime.now()
        self.env["meddev.recall.customer"].flush_model()
        self.env.cr.execute(SQL(
            """INSERT INTO meddev_recall_customer (recall_id, company_id, create_uid, write_uid, create_date,
                   write_date, state, partner_id, qty_shipped, qty_returned_stock, date_last_delivery)
               SELECT %s, %s, %s, %s, %s, %s, 'to_notify', u.*
                 FROM unnest(%s::int[], %s::float8[], %s::float8[], %s::timestamp[])
                   AS u(partner_id, qty_shipped, qty_returned_stock, date_last_delivery)
            RETURNING id, partner_id""",
            self.id, self.company_id.id, self.env.uid, self.env.uid, now, now,
            [partner_id or None for partner_id in partners],
            [by_partner[partner_id]["qty"] for partner_id in partners],
            [returned.get(partner_id, 0.0) for partner_id in partners],
            [by_partner[partner_id]["date"] or None for partner_id in partners]))
        customer_ids = {partner_id or False: customer_id for customer_id, partner_id in self.env.cr.fetchall()}
        for table, column, key in (("meddev_recall_customer_lot_rel", "lot_id", "lots"),
                                   ("meddev_recall_customer_picking_rel", "picking_id", "pickings")):
            pairs = [(customer_ids[partner_id], record_id)
                     for partner_id, entry in by_partner.items() for record_id in entry[key]]
            if pairs:
                self.env.cr.execute(SQL(
                    "INSERT INTO %s (customer_id, %s) SELECT * FROM unnest(%s::int[], %s::int[])",
                    SQL.identifier(table), SQL.identifier(column),
                    [pair[0] for pair in pairs], [pair[1] for pair in pairs]))
        self.env["meddev.recall.customer"].invalidate_model()
        self.invalidate_recordset(["customer_ids"])

    def _customer_returns(self, lot_ids):
        """{(lot id, partner id): quantity} received back from customers (done moves out
        of a customer location into the company's stock), in the product's unit."""
        return self._returns_by_lot_partner(self.env["meddev.genealogy"]._lot_customer_moves(lot_ids)[1])

    @api.model
    def _returns_by_lot_partner(self, returns):
        result = defaultdict(float)
        for row in returns:
            result[(row["lot_id"], row["partner_id"] or False)] += row["quantity"]
        return dict(result)

    # ------------------------------------------------------------------
    # Follow-up: returns, stock, quarantine, notification
    # ------------------------------------------------------------------
    def action_refresh(self):
        """Update where the affected lots are now and what customers returned."""
        self._check_manager()
        self._check_state(("traced", "in_progress"), self.env._("updated"))
        for recall in self:
            lines = recall.lot_ids
            lot_ids = lines.lot_id.ids
            returns = recall._customer_returns(lot_ids)
            by_lot, by_partner = defaultdict(float), defaultdict(float)
            for (lot_id, partner_id), qty in returns.items():
                by_lot[lot_id] += qty
                by_partner[partner_id] += qty
            stock = self.env["meddev.genealogy"]._lot_stock(lot_ids)
            on_hand, where = recall._stock_by_lot(stock)
            recall.sudo().location_ids.unlink()
            recall._create_locations(stock)
            # Serials mostly share their new values: write them in batches.
            changes = defaultdict(list)
            for line in lines.sudo():
                lot_id = line.lot_id.id
                vals = (by_lot.get(lot_id, 0.0), on_hand.get(lot_id, 0.0), where.get(lot_id, False))
                if float_compare(line.qty_returned_stock, vals[0], precision_digits=6) \
                        or float_compare(line.qty_on_hand, vals[1], precision_digits=6) \
                        or (line.location_summary or False) != vals[2]:
                    changes[vals].append(line.id)
            for (returned_qty, on_hand_qty, summary), line_ids in changes.items():
                self.env["meddev.recall.lot"].sudo().browse(line_ids).write({
                    "qty_returned_stock": returned_qty, "qty_on_hand": on_hand_qty, "location_summary": summary})
            for customer in recall.customer_ids.sudo():
                qty = by_partner.get(customer.partner_id.id or False, 0.0)
                if float_compare(customer.qty_returned_stock, qty, precision_digits=6):
                    customer.write({"qty_returned_stock": qty})
            recall.qty_on_hand = sum(on_hand.values())
        return True

    def action_quarantine(self):
        """Quarantine the affected stock on hand through nonconformances, one per product."""
        self._check_manager()
        self._check_state(("traced", "in_progress"), self.env._("quarantined"))
        for recall in self:
            if recall.is_drill:
                raise UserError(self.env._(
                    "%(recall)s is a mock recall drill: it never quarantines stock.", recall=recall.display_name))
            lot_ids = recall.lot_ids.lot_id.ids
            groups = self.env["stock.quant"].sudo()._read_group([
                ("lot_id", "in", lot_ids),
                ("company_id", "=", recall.company_id.id),
                ("location_id.usage", "=", "internal"),
                ("location_id.meddev_quarantine", "=", False),
                ("quantity", ">", 0),
            ], ["product_id", "lot_id"], ["quantity:sum", "reserved_quantity:sum"])
            by_product = defaultdict(lambda: [self.env["stock.lot"], 0.0])
            for product, lot, qty, reserved in groups:
                free = qty - reserved
                if float_compare(free, 0, precision_rounding=product.uom_id.rounding) > 0:
                    by_product[product][0] |= lot
                    by_product[product][1] += free
            if not by_product:
                raise UserError(self.env._(
                    "%(recall)s: none of the affected lots is on hand outside quarantine.",
                    recall=recall.display_name))
            ncs = self.env["meddev.nonconformance"].create([{
                "source": NC_SOURCES[recall.trigger],
                "severity": NC_SEVERITIES[recall.recall_class],
                "company_id": recall.company_id.id,
                "product_id": product.id,
                "lot_ids": [Command.set(lots.ids)],
                "quantity": qty,
                "description": self.env._("<p>Recall %(recall)s: %(title)s</p>", recall=recall.name,
                                          title=recall.title) + (recall.reason or ""),
            } for product, (lots, qty) in by_product.items()])
            ncs.action_quarantine()
            recall.write({"nonconformance_ids": [Command.link(nc.id) for nc in ncs], "state": "in_progress"})
            recall.action_refresh()
            recall.message_post(body=self.env._(
                "Affected stock quarantined through %(ncs)s.", ncs=", ".join(ncs.mapped("name"))))
        return True

    def action_escalate_capa(self):
        self.ensure_one()
        if not self.nonconformance_ids:
            raise UserError(self.env._(
                "%(recall)s has opened no nonconformance yet: quarantine its stock first.",
                recall=self.display_name))
        return self.nonconformance_ids.action_escalate_capa()

    def action_view_nonconformances(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("meddev_quality.meddev_nonconformance_action")
        action["domain"] = [("id", "in", self.nonconformance_ids.ids)]
        action["context"] = {}
        return action

    def action_notify_customers(self):
        """E-mail the recall notice to every customer not notified yet."""
        self._check_manager()
        self._check_state(("traced", "in_progress"), self.env._("notified to customers"))
        template = self.env.ref("meddev_udi.mail_template_meddev_recall_notice")
        for recall in self:
            if recall.is_drill:
                raise UserError(self.env._(
                    "%(recall)s is a mock recall drill: customers are never notified.", recall=recall.display_name))
            pending = recall.customer_ids.filtered(lambda c: not c.date_notified)
            if not pending:
                raise UserError(self.env._("%(recall)s: every customer is already notified.",
                                           recall=recall.display_name))
            missing = pending.filtered(lambda c: not c.email)
            if missing:
                raise UserError(self.env._(
                    "%(recall)s: these customers have no e-mail address to be notified at: %(customers)s. "
                    "Add one, or record the notice by hand on their line.",
                    recall=recall.display_name, customers=", ".join(missing.mapped("partner_id.display_name"))))
            for customer in pending:
                template.send_mail(customer.id, email_layout_xmlid="mail.mail_notification_light")
            now = fields.Datetime.now()
            pending.write({"date_notified": now})
            recall.write({"state": "in_progress", "date_notified": recall.date_notified or now})
            recall.message_post(body=self.env._("Recall notice sent to %(count)s customers.", count=len(pending)))
        return True

    def action_cancel(self):
        if not self.env.user.has_group("meddev_quality.group_meddev_quality_manager"):
            raise UserError(self.env._("Only a Quality Manager can cancel a recall."))
        self._check_state(("draft", "traced", "in_progress"), self.env._("cancelled"))
        for recall in self:
            if recall.nonconformance_ids.filtered(lambda nc: nc.state == "quarantined"):
                raise UserError(self.env._(
                    "%(recall)s holds stock in quarantine: disposition its nonconformances before cancelling it.",
                    recall=recall.display_name))
        return self.write({"state": "cancel"})

    # ------------------------------------------------------------------
    # Reconciliation and closing
    # ------------------------------------------------------------------
    def _check_reconciled(self):
        for recall in self:
            if recall.state not in ("traced", "in_progress"):
                raise UserError(self.env._("%(recall)s must be traced, and not closed, to be closed.",
                                           recall=recall.display_name))
            # A drill recalls nothing: there is nothing to reconcile.
            if recall.is_drill:
                continue
            open_lines = self.env["meddev.recall.lot"].search(
                [("recall_id", "=", recall.id), ("is_reconciled", "=", False)])
            if open_lines:
                shown = open_lines[:20]
                raise UserError(self.env._(
                    "%(recall)s cannot be closed: %(count)s lots/serials are not reconciled "
                    "(shipped must equal returned + destroyed + otherwise accounted for): %(lots)s%(more)s",
                    recall=recall.display_name, count=len(open_lines),
                    lots="; ".join(self.env._(
                        "%(lot)s shipped %(shipped)s, accounted %(accounted)s",
                        lot=line.lot_id.name, shipped=line.qty_shipped, accounted=line.qty_accounted)
                        for line in shown),
                    more=" …" if len(open_lines) > len(shown) else ""))

    def action_close(self):
        """Check the reconciliation, then ask for the closing signature."""
        self.ensure_one()
        self._check_manager()
        self._check_reconciled()
        return self.action_meddev_sign()

    def _meddev_check_can_sign(self, meaning):
        # Checked before the password: an unreconciled recall is never signed.
        result = super()._meddev_check_can_sign(meaning)
        self._check_reconciled()
        return result

    def _meddev_on_signed(self, signature):
        if self.meddev_sign_state != "signed":
            return
        self.write({"state": "closed", "date_closed": fields.Datetime.now()})
        self.message_post(body=self.env._("Recall closed: reconciliation approved by %(user)s.",
                                          user=signature.signer_name))

    # ------------------------------------------------------------------
    # Customer notification list (XLSX)
    # ------------------------------------------------------------------
    def _notification_list_xlsx(self):
        self.ensure_one()
        customers = self.customer_ids
        columns = customers._register_columns()
        rows = [[getter(customer) for _header, getter in columns] for customer in customers]
        return xlsx.workbook_bytes(customers._register_sheet_name(), [header for header, _g in columns], rows)

    def export_notification_list_xlsx(self):
        """The customer notification list, base64-encoded XLSX (for XML-RPC)."""
        self.ensure_one()
        return base64.b64encode(self._notification_list_xlsx()).decode()

    def action_export_notification_list(self):
        self.ensure_one()
        attachment = self.env["ir.attachment"].create({
            "name": self.env._("Recall %(recall)s - customer notification list.xlsx",
                               recall=self.name.replace("/", "-")),
            "raw": self._notification_list_xlsx(),
            "res_model": self._name,
            "res_id": self.id,
            "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        })
        return {"type": "ir.actions.act_url", "url": "/web/content/%s?download=true" % attachment.id,
                "target": "download"}

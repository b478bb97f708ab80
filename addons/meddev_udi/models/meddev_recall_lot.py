from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# What the people working the recall record by hand; the rest is the trace.
MANUAL_FIELDS = frozenset({"qty_returned_manual", "qty_destroyed", "qty_other", "note"})


class MeddevRecallLine(models.AbstractModel):
    """Shared by the lines of a recall: they freeze with it."""

    _name = "meddev.recall.line.mixin"
    _description = "Recall Line"

    def _check_recall_open(self):
        closed = self.filtered(lambda line: line.recall_id.state in ("closed", "cancel")
                               or line.recall_id.meddev_sign_state != "unsigned")
        if closed:
            raise UserError(self.env._(
                "%(recall)s is closed: its lines can no longer be changed.",
                recall=closed[0].recall_id.display_name))

    def write(self, vals):
        self._check_recall_open()
        return super().write(vals)

    def unlink(self):
        self._check_recall_open()
        return super().unlink()


class MeddevRecallLot(models.Model):
    """One affected lot or serial of a recall: where it is and how it is accounted for."""

    _name = "meddev.recall.lot"
    _inherit = ["meddev.recall.line.mixin"]
    _description = "Recall Lot/Serial"
    # How each lot is accounted for is regulated content.  The trace inserts
    # the lines itself (see meddev.recall._insert_lot_lines): the recall's
    # audited trace figures stand for them; each later change is audited here.
    _meddev_audit = True
    _order = "is_finished desc, product_id, lot_id"
    _rec_name = "lot_id"

    # Lines are looked up by recall (the unique (recall, lot) index serves it) and
    # by lot; a recall inserts tens of thousands at once, so no other index.
    recall_id = fields.Many2one("meddev.recall", required=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    lot_id = fields.Many2one("stock.lot", string="Lot/Serial", required=True, readonly=True, index=True)
    product_id = fields.Many2one("product.product", required=True, readonly=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    expiration_date = fields.Datetime(related="lot_id.expiration_date")
    is_suspect = fields.Boolean(string="Suspect", readonly=True, help="A lot the recall started from.")
    is_finished = fields.Boolean(string="Finished", readonly=True,
                                 help="A finished device (or anything shipped): what the recall must reach.")
    qty_on_hand = fields.Float(string="On Hand", readonly=True)
    qty_shipped = fields.Float(string="Shipped", readonly=True)
    qty_returned_stock = fields.Float(string="Returned into Stock",
                                      readonly=True, help="Received back from customers by stock transfers.")
    qty_returned_manual = fields.Float(string="Returned Otherwise",
                                       help="Returned outside the stock transfers (e.g. to a distributor).")
    qty_destroyed = fields.Float(string="Destroyed",
                                 help="Destroyed at the customer's site, with evidence attached to the recall.")
    qty_other = fields.Float(string="Otherwise Accounted",
                             help="E.g. implanted or used on patients, lost with a written justification.")
    note = fields.Char(string="Justification")
    qty_returned = fields.Float(string="Returned", compute="_compute_reconciliation")
    qty_accounted = fields.Float(string="Accounted For", compute="_compute_reconciliation")
    qty_open = fields.Float(string="Unaccounted", compute="_compute_reconciliation")
    # Not stored: 10,000 serials are traced in one go, and an ORM create
    # that also computes and writes these would double its time.
    is_reconciled = fields.Boolean(string="Reconciled", compute="_compute_reconciliation",
                                   search="_search_is_reconciled")
    location_summary = fields.Char(string="Where", readonly=True,
                                   help="The internal locations the lot is on hand in, with their quantities.")

    _sql_constraints = [
        ("lot_unique", "UNIQUE(recall_id, lot_id)", "A lot appears once in a recall."),
        ("manual_positive", "CHECK(qty_returned_manual >= 0 AND qty_destroyed >= 0 AND qty_other >= 0)",
         "Returned, destroyed and otherwise accounted quantities cannot be negative."),
    ]

    @api.depends("qty_shipped", "qty_returned_stock", "qty_returned_manual", "qty_destroyed", "qty_other")
    def _compute_reconciliation(self):
        for line in self:
            line.qty_returned = line.qty_returned_stock + line.qty_returned_manual
            line.qty_accounted = line.qty_returned + line.qty_destroyed + line.qty_other
            line.qty_open = line.qty_shipped - line.qty_accounted
            # The same tolerance as _unreconciled_query, so the list and the check agree.
            line.is_reconciled = abs(line.qty_open) < 0.00001

    def _search_is_reconciled(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on reconciled recall lots."))
        reconciled = (operator == "=") == value
        return [("id", "not in" if reconciled else "in", self._unreconciled_query())]

    def _unreconciled_query(self, recall_ids=None):
        """Query of the ids of lines whose shipped quantity is not fully accounted for."""
        self.flush_model(["qty_shipped", "qty_returned_stock", "qty_returned_manual", "qty_destroyed", "qty_other"])
        condition = SQL(
            "ABS(%s - (%s + %s + %s + %s)) >= 0.00001",
            SQL.identifier("qty_shipped"), SQL.identifier("qty_returned_stock"),
            SQL.identifier("qty_returned_manual"), SQL.identifier("qty_destroyed"), SQL.identifier("qty_other"))
        query = self.with_context(active_test=False)._search([] if recall_ids is None else
                                                              [("recall_id", "in", list(recall_ids))])
        query.add_where(condition)
        return query

    def write(self, vals):
        if set(vals) & MANUAL_FIELDS and not self.env.user.has_group(
                "meddev_quality.group_meddev_quality_inspector"):
            raise UserError(self.env._("Only quality inspectors and managers can account for recalled goods."))
        return super().write(vals)


class MeddevRecallLocation(models.Model):
    """How much of the affected lots is on hand where, per product, as found by the trace (and its refreshes)."""

    _name = "meddev.recall.location"
    _inherit = ["meddev.recall.line.mixin"]
    _description = "Recall Stock on Hand"
    _order = "location_id, product_id"

    recall_id = fields.Many2one("meddev.recall", required=True, ondelete="cascade", index=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    product_id = fields.Many2one("product.product", required=True, readonly=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    location_id = fields.Many2one("stock.location", required=True, readonly=True)
    quantity = fields.Float(readonly=True)
    lot_count = fields.Integer(string="Lots/Serials", readonly=True)
    is_quarantine = fields.Boolean(string="In Quarantine", readonly=True)

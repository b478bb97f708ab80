import base64

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import genealogy

MAX_TREE_NODES = 20000


class MeddevGenealogy(models.AbstractModel):
    """Forward and backward lot genealogy in SQL (recursive over done move lines)."""

    _name = "meddev.genealogy"
    _description = "Lot Genealogy"

    # Reachable lots -----------------------------------------------------

    @api.model
    def _trace_lot_ids(self, lot_ids, direction="forward"):
        """Ids of the lots reachable from ``lot_ids`` (included): what they went into (forward) or
        what they were made of (backward), through any number of levels."""
        lot_ids = list(lot_ids)
        if not lot_ids:
            return []
        self._check_lots_readable(lot_ids)
        self._flush()
        if direction not in ("forward", "backward"):
            raise UserError(self.env._("Unknown trace direction %(direction)s: use forward or backward.",
                                       direction=direction))
        source, target = ("parent_id", "child_id") if direction == "forward" else ("child_id", "parent_id")
        # The edge query is a plain join (no grouping), so PostgreSQL inlines it
        # into the recursive term and walks it by index from each lot reached.
        # UNION (not UNION ALL) drops lots already reached, so lots reworked
        # into themselves cannot loop.
        self.env.cr.execute(SQL("""
            WITH RECURSIVE trace(lot_id) AS (
                SELECT unnest(%(lot_ids)s::int[])
                 UNION
                SELECT edge.%(target)s FROM trace JOIN (%(edges)s) edge ON edge.%(source)s = trace.lot_id
            )
            SELECT lot_id FROM trace
        """, lot_ids=lot_ids, edges=self._lot_edges_sql(), source=SQL.identifier(source),
            target=SQL.identifier(target)))
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _lot_edges_sql(self):
        """The lot-to-lot edges of the genealogy, as a query of (parent_id, child_id, quantity): the
        parent lot went into the child lot in that quantity (of the parent's unit).

        Override to add other kinds of edges (``SQL("%s UNION ALL ...", super()._lot_edges_sql())``);
        keep each branch a plain join, without grouping, so that the recursive trace can walk it by
        index.  The edges here are the ones stock records in stock_move_line_consume_rel: a done
        move line of the parent lot consumed into a done move line producing the child lot, which
        manufacturing and subcontracting orders write when they are done (and unbuild orders, from
        the unbuilt lot to the components recovered).  The relation belongs to the produced line's
        field consume_line_ids: its column consume_line_id holds the produced line, produce_line_id
        the consumed one.
        """
        return SQL("""
            SELECT consumed.lot_id AS parent_id, produced.lot_id AS child_id,
                   consumed.quantity_product_uom AS quantity
              FROM stock_move_line_consume_rel rel
              JOIN stock_move_line produced ON produced.id = rel.consume_line_id
              JOIN stock_move_line consumed ON consumed.id = rel.produce_line_id
             WHERE consumed.state = 'done' AND produced.state = 'done'
               AND consumed.lot_id IS NOT NULL AND produced.lot_id IS NOT NULL
        """)

    @api.model
    def _trace_edges(self, lot_ids, direction="forward"):
        """[(parent lot, child lot, quantity of the parent consumed)] among the lots reachable."""
        reached = self._trace_lot_ids(lot_ids, direction)
        side = SQL.identifier("parent_id" if direction == "forward" else "child_id")
        self.env.cr.execute(SQL("""
            SELECT edge.parent_id, edge.child_id, SUM(edge.quantity)
              FROM (%s) edge
             WHERE edge.%s = ANY(%s)
             GROUP BY edge.parent_id, edge.child_id
        """, self._lot_edges_sql(), side, reached))
        return reached, self.env.cr.fetchall()

    @api.model
    def _lot_stock(self, lot_ids):
        """On-hand quantities of these lots in internal locations, per lot and location."""
        if not lot_ids:
            return []
        self._flush()
        self.env.cr.execute(SQL("""
            SELECT quant.lot_id, quant.product_id, quant.location_id, SUM(quant.quantity)
              FROM stock_quant quant
              JOIN stock_location location ON location.id = quant.location_id
             WHERE quant.lot_id = ANY(%s) AND location.usage = 'internal'
             GROUP BY quant.lot_id, quant.product_id, quant.location_id
            HAVING SUM(quant.quantity) > 0
        """, list(lot_ids)))
        return [{"lot_id": lot_id, "product_id": product_id, "location_id": location_id, "quantity": quantity}
                for lot_id, product_id, location_id, quantity in self.env.cr.fetchall()]

    @api.model
    def _lot_deliveries(self, lot_ids):
        """Done move lines of these lots into customer locations (gross: returns are not deducted)."""
        return self._lot_customer_moves(lot_ids)[0]

    @api.model
    def _lot_customer_moves(self, lot_ids):
        """(deliveries, returns) of these lots, read in one pass: done move lines into customer
        locations, and back from customer locations into the company's stock; each a list of dicts
        {lot_id, product_id, partner_id, picking_id, move_line_id, date, quantity}."""
        if not lot_ids:
            return [], []
        self._flush()
        self.env.cr.execute(SQL("""
            SELECT line.lot_id, line.product_id, COALESCE(picking.partner_id, move.partner_id), line.picking_id,
                   line.id, line.date, line.quantity_product_uom, destination.usage = 'customer'
              FROM stock_move_line line
              JOIN stock_location source ON source.id = line.location_id
              JOIN stock_location destination ON destination.id = line.location_dest_id
              LEFT JOIN stock_move move ON move.id = line.move_id
              LEFT JOIN stock_picking picking ON picking.id = line.picking_id
             WHERE line.lot_id = ANY(%s) AND line.state = 'done'
               AND (destination.usage = 'customer'
                    OR (source.usage = 'customer' AND destination.usage IN ('internal', 'transit')))
             ORDER BY line.date, line.id
        """, list(lot_ids)))
        keys = ("lot_id", "product_id", "partner_id", "picking_id", "move_line_id", "date", "quantity")
        deliveries, returns = [], []
        for row in self.env.cr.fetchall():
            (deliveries if row[-1] else returns).append(dict(zip(keys, row[:-1], strict=True)))
        return deliveries, returns

    @api.model
    def _lot_events(self, lot_ids):
        """Done move lines of these lots, classified (receipt, delivery, return, internal, consumed,
        produced, adjustment), by lot."""
        if not lot_ids:
            return {}
        self._flush()
        document_columns, document_joins = self._event_document_sql()
        self.env.cr.execute(SQL("""
            SELECT line.lot_id, line.id, line.move_id, line.date, line.quantity_product_uom,
                   source.usage, destination.usage, line.location_id, line.location_dest_id,
                   line.picking_id, line.reference, COALESCE(picking.partner_id, move.partner_id),
                   operation.code, %s
              FROM stock_move_line line
              JOIN stock_location source ON source.id = line.location_id
              JOIN stock_location destination ON destination.id = line.location_dest_id
              LEFT JOIN stock_move move ON move.id = line.move_id
              LEFT JOIN stock_picking picking ON picking.id = line.picking_id
              LEFT JOIN stock_picking_type operation ON operation.id = picking.picking_type_id
              %s
             WHERE line.lot_id = ANY(%s) AND line.state = 'done'
             ORDER BY line.date, line.id
        """, document_columns, document_joins, list(lot_ids)))
        events = {}
        for (lot_id, line_id, move_id, date, quantity, source_usage, destination_usage, source_id,
             destination_id, picking_id, reference, partner_id, operation, document_model, document_id,
             document_name) in self.env.cr.fetchall():
            events.setdefault(lot_id, []).append({
                "move_line_id": line_id, "move_id": move_id, "date": date, "quantity": quantity,
                "kind": genealogy.event_kind(source_usage, destination_usage, operation),
                "location_id": source_id, "location_dest_id": destination_id, "picking_id": picking_id,
                "reference": reference, "partner_id": partner_id,
                "document_model": document_model or False, "document_id": document_id or False,
                "document_name": document_name or False,
            })
        return events

    @api.model
    def _lot_event_summary(self, lot_ids):
        """{lot id: (number of done move lines, quantity delivered to customers)}."""
        if not lot_ids:
            return {}
        self._flush()
        self.env.cr.execute(SQL("""
            SELECT line.lot_id, COUNT(*),
                   -- tools.genealogy.event_kind: a delivery is whatever goes to a customer.
                   COALESCE(SUM(line.quantity_product_uom) FILTER (WHERE destination.usage = 'customer'), 0)
              FROM stock_move_line line
              JOIN stock_location destination ON destination.id = line.location_dest_id
             WHERE line.lot_id = ANY(%s) AND line.state = 'done'
             GROUP BY line.lot_id
        """, list(lot_ids)))
        return {lot_id: (count, delivered) for lot_id, count, delivered in self.env.cr.fetchall()}

    def _event_document_sql(self):
        """(columns, joins): the document behind an event that is not a transfer, as three SQL
        columns (model, id, name) over the tables ``line`` (stock_move_line) and ``move``
        (stock_move), and the joins they need.  meddev_mrp adds the manufacturing order that
        consumed or produced the lot; an override wraps the columns of ``super()`` in COALESCE."""
        return SQL("NULL::varchar, NULL::int, NULL::varchar"), SQL()

    # Tree for the UI, RPC and XLSX --------------------------------------

    @api.model
    def get_trace(self, lot_id, direction="forward", with_events=True):
        """The genealogy tree of one lot: {'root': node, 'lot_count', 'truncated'}; each node has the
        lot, product, quantity taken from its parent, stock on hand, quantity delivered, the number
        of operations and, ``with_events``, the operations themselves (else the web client asks for
        them with get_lot_events when the user opens them), and its children."""
        lot = self.env["stock.lot"].browse(int(lot_id)).exists()
        if not lot:
            raise UserError(self.env._("This lot or serial number does not exist (any more)."))
        reached, edges = self._trace_edges(lot.ids, direction)
        pairs = [(parent, child, quantity) if direction == "forward" else (child, parent, quantity)
                 for parent, child, quantity in edges]
        lots = {row["id"]: row for row in self.env["stock.lot"].browse(reached).read(
            ["name", "product_id", "meddev_udi_hri"], load=False)}
        products = {product.id: (product.display_name, product.uom_id.name)
                    for product in self.env["product.product"].browse({row["product_id"] for row in lots.values()})}
        events = self._lot_events(reached) if with_events else {}
        summary = self._lot_event_summary(reached) if not with_events else {
            lot_id: (len(lot_events), sum(e["quantity"] for e in lot_events if e["kind"] == "delivery"))
            for lot_id, lot_events in events.items()}
        stock = {}
        for row in self._lot_stock(reached):
            stock[row["lot_id"]] = stock.get(row["lot_id"], 0.0) + row["quantity"]
        tree, truncated = genealogy.build_tree(lot.id, pairs, MAX_TREE_NODES)
        names = self._display_names(events) if with_events else None
        # A lot reached along several paths (merged lots) appears once per path:
        # its own part of the node is built once.
        rendered = {}

        def lot_part(lot_id):
            if lot_id not in rendered:
                row, lot_events = lots[lot_id], events.get(lot_id, [])
                product_name, uom = products[row["product_id"]]
                event_count, delivered = summary.get(lot_id, (0, 0.0))
                rendered[lot_id] = {
                    "lot_id": lot_id,
                    "lot_name": row["name"],
                    "product_id": row["product_id"],
                    "product_name": product_name,
                    "uom": uom,
                    "udi": row["meddev_udi_hri"] or False,
                    "on_hand": stock.get(lot_id, 0.0),
                    "delivered": delivered,
                    "event_count": event_count,
                    "events": [self._render_event(event, names) for event in lot_events] if with_events else [],
                }
            return rendered[lot_id]

        def render(node):
            # The root has no parent to take a quantity from: False, as XML-RPC carries no None.
            quantity = False if node["quantity"] is None else node["quantity"]
            return dict(lot_part(node["lot_id"]), quantity=quantity,
                        children=[render(child) for child in node["children"]])
        return {"direction": direction, "root": render(tree), "lot_count": len(reached), "truncated": truncated}

    @api.model
    def get_lot_events(self, lot_id):
        """The operations of one lot, as in get_trace's nodes (for the web client)."""
        lot = self.env["stock.lot"].browse(int(lot_id)).exists()
        if not lot:
            raise UserError(self.env._("This lot or serial number does not exist (any more)."))
        lot.check_access("read")
        events = self._lot_events(lot.ids)
        names = self._display_names(events)
        return [self._render_event(event, names) for event in events.get(lot.id, [])]

    def _display_names(self, events):
        """Names of the pickings, partners and locations the events refer to, read once."""
        ids = {"stock.picking": set(), "res.partner": set(), "stock.location": set()}
        for lot_events in events.values():
            for event in lot_events:
                for model, key in (("stock.picking", "picking_id"), ("res.partner", "partner_id"),
                                   ("stock.location", "location_id"), ("stock.location", "location_dest_id")):
                    if event[key]:
                        ids[model].add(event[key])
        return {model: dict(self.env[model].browse(list(values)).mapped(lambda r: (r.id, r.display_name)))
                for model, values in ids.items()}

    def _render_event(self, event, names):
        return {
            "kind": event["kind"],
            "date": event["date"].isoformat(" ", "seconds") if event["date"] else False,
            "quantity": event["quantity"],
            "reference": event["reference"] or "",
            "picking_id": event["picking_id"] or False,
            "partner": names["res.partner"].get(event["partner_id"], ""),
            "from": names["stock.location"].get(event["location_id"], ""),
            "to": names["stock.location"].get(event["location_dest_id"], ""),
            "move_id": event["move_id"],
            "document_model": event["document_model"],
            "document_id": event["document_id"],
            "document_name": event["document_name"],
        }

    @api.model
    def export_trace_xlsx(self, lot_id):
        """Forward and backward genealogy of a lot as an XLSX workbook, base64-encoded (RPC)."""
        return base64.b64encode(self._trace_xlsx(lot_id)).decode()

    @api.model
    def _trace_xlsx(self, lot_id):
        labels = dict(self._event_labels())
        sheets = []
        for direction, title in (("forward", self.env._("Forward")), ("backward", self.env._("Backward"))):
            trace = self.get_trace(lot_id, direction)
            rows = [[level, node["lot_name"], node["product_name"], node["quantity"], node["uom"], node["on_hand"],
                     node["delivered"], node["udi"] or "",
                     "; ".join("%s %s %s%s" % (labels.get(e["kind"], e["kind"]), e["reference"], e["quantity"],
                                               (" → " + e["partner"]) if e["partner"] else "")
                               for e in node["events"])]
                    for level, node in genealogy.walk(trace["root"])]
            sheets.append((title, rows))
        headers = [self.env._("Level"), self.env._("Lot/Serial"), self.env._("Product"),
                   self.env._("Quantity from Parent"), self.env._("Unit"), self.env._("On Hand"),
                   self.env._("Delivered"), self.env._("UDI"), self.env._("Operations")]
        return genealogy.workbook(sheets, headers)

    def _event_labels(self):
        return [
            ("receipt", self.env._("Received")), ("delivery", self.env._("Delivered")),
            ("return", self.env._("Returned")), ("internal", self.env._("Moved")),
            ("consumed", self.env._("Consumed")), ("produced", self.env._("Produced")),
            ("adjustment", self.env._("Inventory adjustment or scrap")),
            ("other", self.env._("Other")),
        ]

    @api.model
    def get_event_labels(self):
        return dict(self._event_labels())

    def _flush(self):
        # The queries read the database directly: pending ORM writes of the
        # current transaction (a delivery just validated) must be there first.
        for model in ("stock.move.line", "stock.move", "stock.quant", "stock.picking", "stock.location", "stock.lot"):
            self.env[model].flush_model()

    def _check_lots_readable(self, lot_ids):
        # Lots are read through SQL for speed; the caller must at least be allowed to read lots.
        self.env["stock.lot"].check_access("read")

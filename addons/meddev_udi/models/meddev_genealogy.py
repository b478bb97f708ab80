import base64

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import genealogy

# Edges between lots: a done move line of the parent lot consumed into a done
# move line producing the child lot (manufacturing, subcontracting and unbuild
# record it in stock_move_line_consume_rel).  The relation belongs to the
# produced line's field consume_line_ids: its column consume_line_id holds the
# produced line, produce_line_id the consumed one.
EDGES = SQL("""
    SELECT consumed.lot_id AS parent_id, produced.lot_id AS child_id,
           SUM(consumed.quantity_product_uom) AS quantity
      FROM stock_move_line_consume_rel rel
      JOIN stock_move_line produced ON produced.id = rel.consume_line_id
      JOIN stock_move_line consumed ON consumed.id = rel.produce_line_id
     WHERE consumed.state = 'done' AND produced.state = 'done'
       AND consumed.lot_id IS NOT NULL AND produced.lot_id IS NOT NULL
""")
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
        if direction == "forward":
            step = SQL("""
                SELECT produced.lot_id
                  FROM trace
                  JOIN stock_move_line consumed ON consumed.lot_id = trace.lot_id AND consumed.state = 'done'
                  JOIN stock_move_line_consume_rel rel ON rel.produce_line_id = consumed.id
                  JOIN stock_move_line produced ON produced.id = rel.consume_line_id
                 WHERE produced.state = 'done' AND produced.lot_id IS NOT NULL""")
        elif direction == "backward":
            step = SQL("""
                SELECT consumed.lot_id
                  FROM trace
                  JOIN stock_move_line produced ON produced.lot_id = trace.lot_id AND produced.state = 'done'
                  JOIN stock_move_line_consume_rel rel ON rel.consume_line_id = produced.id
                  JOIN stock_move_line consumed ON consumed.id = rel.produce_line_id
                 WHERE consumed.state = 'done' AND consumed.lot_id IS NOT NULL""")
        else:
            raise UserError(self.env._("Unknown trace direction %(direction)s: use forward or backward.",
                                       direction=direction))
        # UNION (not UNION ALL) drops lots already reached, so lots reworked
        # into themselves cannot loop.
        self.env.cr.execute(SQL("""
            WITH RECURSIVE trace(lot_id) AS (
                SELECT unnest(%s::int[])
                 UNION
                %s
            )
            SELECT lot_id FROM trace
        """, lot_ids, step))
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _trace_edges(self, lot_ids, direction="forward"):
        """[(parent lot, child lot, quantity of the parent consumed)] among the lots reachable."""
        reached = self._trace_lot_ids(lot_ids, direction)
        side = SQL("parent_id") if direction == "forward" else SQL("child_id")
        self.env.cr.execute(SQL("SELECT parent_id, child_id, quantity FROM (%s GROUP BY 1, 2) edges WHERE %s = ANY(%s)",
                                EDGES, side, reached))
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
        if not lot_ids:
            return []
        self._flush()
        self.env.cr.execute(SQL("""
            SELECT line.lot_id, line.product_id, COALESCE(picking.partner_id, move.partner_id), line.picking_id,
                   line.id, line.date, line.quantity_product_uom
              FROM stock_move_line line
              JOIN stock_location destination ON destination.id = line.location_dest_id
              JOIN stock_move move ON move.id = line.move_id
              LEFT JOIN stock_picking picking ON picking.id = line.picking_id
             WHERE line.lot_id = ANY(%s) AND line.state = 'done' AND destination.usage = 'customer'
             ORDER BY line.date, line.id
        """, list(lot_ids)))
        keys = ("lot_id", "product_id", "partner_id", "picking_id", "move_line_id", "date", "quantity")
        return [dict(zip(keys, row, strict=True)) for row in self.env.cr.fetchall()]

    @api.model
    def _lot_events(self, lot_ids):
        """Done move lines of these lots, classified (receipt, delivery, return, internal, consumed,
        produced, adjustment), by lot."""
        if not lot_ids:
            return {}
        self._flush()
        self.env.cr.execute(SQL("""
            SELECT line.lot_id, line.id, line.move_id, line.date, line.quantity_product_uom,
                   source.usage, destination.usage, line.location_id, line.location_dest_id,
                   line.picking_id, line.reference, COALESCE(picking.partner_id, move.partner_id)
              FROM stock_move_line line
              JOIN stock_location source ON source.id = line.location_id
              JOIN stock_location destination ON destination.id = line.location_dest_id
              JOIN stock_move move ON move.id = line.move_id
              LEFT JOIN stock_picking picking ON picking.id = line.picking_id
             WHERE line.lot_id = ANY(%s) AND line.state = 'done'
             ORDER BY line.date, line.id
        """, list(lot_ids)))
        events = {}
        for (lot_id, line_id, move_id, date, quantity, source_usage, destination_usage, source_id,
             destination_id, picking_id, reference, partner_id) in self.env.cr.fetchall():
            events.setdefault(lot_id, []).append({
                "move_line_id": line_id, "move_id": move_id, "date": date, "quantity": quantity,
                "kind": genealogy.event_kind(source_usage, destination_usage),
                "location_id": source_id, "location_dest_id": destination_id, "picking_id": picking_id,
                "reference": reference, "partner_id": partner_id,
            })
        return events

    # Tree for the UI, RPC and XLSX --------------------------------------

    @api.model
    def get_trace(self, lot_id, direction="forward"):
        """The genealogy tree of one lot: {'root': node, 'lot_count', 'truncated'}; each node has the
        lot, product, quantity taken from its parent, stock on hand, deliveries, events and children."""
        lot = self.env["stock.lot"].browse(int(lot_id)).exists()
        if not lot:
            raise UserError(self.env._("This lot or serial number does not exist (any more)."))
        reached, edges = self._trace_edges(lot.ids, direction)
        pairs = [(parent, child, quantity) if direction == "forward" else (child, parent, quantity)
                 for parent, child, quantity in edges]
        lots = self.env["stock.lot"].browse(reached).with_prefetch(reached)
        info = {record.id: record for record in lots}
        stock, events = {}, self._lot_events(reached)
        for row in self._lot_stock(reached):
            stock[row["lot_id"]] = stock.get(row["lot_id"], 0.0) + row["quantity"]
        tree, truncated = genealogy.build_tree(lot.id, pairs, MAX_TREE_NODES)
        names = self._display_names(events)

        def render(node):
            record = info[node["lot_id"]]
            lot_events = events.get(record.id, [])
            return {
                "lot_id": record.id,
                "lot_name": record.name,
                "product_id": record.product_id.id,
                "product_name": record.product_id.display_name,
                "uom": record.product_id.uom_id.name,
                "udi": record.meddev_udi_hri or False,
                "quantity": node["quantity"],
                "on_hand": stock.get(record.id, 0.0),
                "delivered": sum(e["quantity"] for e in lot_events if e["kind"] == "delivery"),
                "events": [self._render_event(event, names) for event in lot_events],
                "children": [render(child) for child in node["children"]],
            }
        return {"direction": direction, "root": render(tree), "lot_count": len(reached), "truncated": truncated}

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
            "date": event["date"] and event["date"].isoformat(" ", "seconds"),
            "quantity": event["quantity"],
            "reference": event["reference"] or "",
            "picking_id": event["picking_id"] or False,
            "partner": names["res.partner"].get(event["partner_id"], ""),
            "from": names["stock.location"].get(event["location_id"], ""),
            "to": names["stock.location"].get(event["location_dest_id"], ""),
            "move_id": event["move_id"],
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

"""Benchmark of genealogy and recall (issue 4) on a generated database.

Run through ``./meddev bench udi`` (it creates and drops a throwaway database);
prints the figures and writes them to benchmarks/udi_genealogy.out.

The generator inserts, in bulk SQL, 100,000 lots over five levels (2,000 raw
material lots, 4,000 + 6,000 + 8,000 sub-assembly lots, 80,000 finished
serials) made by 98,000 manufacturing orders, with about ten done move lines each
(over 1,000,000 move lines: receipt or production, eight internal moves, one
consumption per order a lot went into, delivery of 70 % of the serials to 500
customers), the production links between them (stock_move_line_consume_rel,
as Odoo records them: each lot made from a lot of the level below, lots split
across several orders, a second component lot merged in at levels 1 and 2),
and the quants of what is still on hand.  One raw-material lot
(a resin lot) is a second component of every sixteenth level-1 lot, so that it
reaches more than 10,000 finished serials.

Figures: forward plus backward trace of one level-2 lot with
meddev.genealogy.get_trace (the tree with every operation, as XML-RPC and the
XLSX export get it; and as the web client first loads it), median of 21 runs,
against Odoo's stock.traceability.report unfolded completely from the same lot
the way its web client unfolds it (get_lines, then get_lines of every
unfoldable line), median of 5 runs; and a recall from the resin lot
(meddev.recall.action_compute: trace, stock, deliveries, lines), median of 3.
"""
import statistics
import time

from odoo.tools import SQL

LEVELS = [2_000, 4_000, 6_000, 8_000, 80_000]
INTERNAL_MOVES = 8
CUSTOMERS = 500
HOT_EVERY = 16
TRACE_RUNS = 21
ODOO_RUNS = 5
RECALL_RUNS = 3


def generate(env):
    cr = env.cr
    company = env.company
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    stock = warehouse.lot_stock_id
    shelf = env["stock.location"].create({"name": "Bench shelf", "location_id": stock.id})
    production = env["stock.location"].search([("usage", "=", "production")], limit=1)
    supplier = env.ref("stock.stock_location_suppliers")
    customer_location = env.ref("stock.stock_location_customers")
    uom = env.ref("uom.product_uom_unit")
    products = env["product.product"].create([
        {"name": "Bench level %d" % level, "is_storable": True,
         "tracking": "serial" if level == len(LEVELS) - 1 else "lot",
         "meddev_lot_stage": "finished" if level == len(LEVELS) - 1 else "raw" if level == 0 else "semi"}
        for level in range(len(LEVELS))])
    customers = env["res.partner"].create([{"name": "Bench hospital %03d" % i} for i in range(CUSTOMERS)])

    # Lots: level, index within the level, global number.
    cr.execute("""
        CREATE TEMP TABLE bench_lot (lot_id int, level int, idx int, product_id int) ON COMMIT DROP
    """)
    offset = 0
    for level, count in enumerate(LEVELS):
        cr.execute("""
            WITH new AS (
                INSERT INTO stock_lot (name, product_id, company_id, create_uid, write_uid, create_date, write_date)
                SELECT 'B%%s-' || lpad(g::text, 6, '0'), %(product)s, %(company)s, 1, 1, now(), now()
                  FROM generate_series(0, %(count)s - 1) g
                RETURNING id, name
            )
            INSERT INTO bench_lot SELECT id, %(level)s, split_part(name, '-', 2)::int, %(product)s FROM new
        """.replace("%%s", str(level)), {"product": products[level].id, "company": company.id, "count": count,
                                          "level": level})
        offset += count
    cr.execute("CREATE INDEX ON bench_lot (level, idx)")
    cr.execute("CREATE INDEX ON bench_lot (lot_id)")

    # Production: one manufacturing order per lot above the raw materials.
    cr.execute("ALTER TABLE bench_lot ADD COLUMN production_id int")
    cr.execute("""
        WITH new AS (
            INSERT INTO mrp_production (name, product_id, product_qty, product_uom_id, company_id, consumption,
                                        date_start, location_src_id, location_dest_id, picking_type_id, state,
                                        lot_producing_id, create_uid, write_uid, create_date, write_date)
            SELECT 'BENCH/MO/' || lot_id, product_id, 1, %(uom)s, %(company)s, 'flexible',
                   timestamp '2025-01-01' + make_interval(days => level * 30), %(stock)s, %(stock)s,
                   %(picking_type)s, 'done', lot_id, 1, 1, now(), now()
              FROM bench_lot WHERE level > 0
            RETURNING id, lot_producing_id
        )
        UPDATE bench_lot b SET production_id = new.id FROM new WHERE new.lot_producing_id = b.lot_id
    """, {"uom": uom.id, "company": company.id, "stock": stock.id,
          "picking_type": warehouse.manu_type_id.id})
    # Which lots each lot is made of: a lot of the level below split across
    # several lots, a second one merged in (levels 1 and 2), and the resin lot
    # (level 0, index 0) in every sixteenth level-1 lot.
    cr.execute("CREATE TEMP TABLE bench_edge (parent_id int, child_id int, production_id int) ON COMMIT DROP")
    for level in range(1, len(LEVELS)):
        cr.execute("""
            INSERT INTO bench_edge
            SELECT DISTINCT parent.lot_id, child.lot_id, child.production_id
              FROM bench_lot child
              JOIN bench_lot parent ON parent.level = %(parent_level)s
                   AND (parent.idx = child.idx * %(parents)s / %(children)s
                        OR (%(level)s <= 2 AND parent.idx = (child.idx * 7919 + 13) %% %(parents)s)
                        OR (%(parent_level)s = 0 AND parent.idx = 0 AND child.idx %% %(hot)s = 0))
             WHERE child.level = %(level)s
        """, {"level": level, "parent_level": level - 1, "parents": LEVELS[level - 1],
              "children": LEVELS[level], "hot": HOT_EVERY})

    # Done move lines, each with its stock move: the lot's origin (receipt or
    # production), internal moves, one consumption per lot it went into, and
    # for 70 % of the serials a delivery to a customer.
    cr.execute("""
        CREATE TEMP TABLE bench_line ON COMMIT DROP AS
        SELECT l.lot_id, l.level, l.idx, l.product_id, 0 AS kind,
               CASE WHEN l.level = 0 THEN %(supplier)s ELSE %(production)s END AS source, %(stock)s AS destination,
               NULL::int AS partner_id, l.production_id AS production_id, NULL::int AS raw_production_id,
               NULL::int AS child_id,
               timestamp '2025-01-01' + make_interval(days => l.level * 30, secs => l.idx) AS date
          FROM bench_lot l
        UNION ALL
        SELECT l.lot_id, l.level, l.idx, l.product_id, k,
               CASE WHEN k %% 2 = 1 THEN %(stock)s ELSE %(shelf)s END,
               CASE WHEN k %% 2 = 1 THEN %(shelf)s ELSE %(stock)s END,
               NULL, NULL, NULL, NULL, timestamp '2025-01-01' + make_interval(days => l.level * 30 + k, secs => l.idx)
          FROM bench_lot l, generate_series(1, %(internal)s) k
        UNION ALL
        SELECT e.parent_id, l.level, l.idx, l.product_id, 100, %(stock)s, %(production)s, NULL, NULL,
               e.production_id, e.child_id,
               timestamp '2025-01-01' + make_interval(days => l.level * 30 + 20, secs => l.idx)
          FROM bench_edge e JOIN bench_lot l ON l.lot_id = e.parent_id
        UNION ALL
        SELECT l.lot_id, l.level, l.idx, l.product_id, 200, %(stock)s, %(customers)s,
               (%(partners)s)[1 + l.idx %% %(n_partners)s], NULL, NULL, NULL,
               timestamp '2025-01-01' + make_interval(days => l.level * 30 + 25, secs => l.idx)
          FROM bench_lot l WHERE l.level = %(last)s AND l.idx %% 10 < 7
    """, {"supplier": supplier.id, "production": production.id, "stock": stock.id, "shelf": shelf.id,
          "customers": customer_location.id, "partners": customers.ids, "n_partners": CUSTOMERS,
          "internal": INTERNAL_MOVES, "last": len(LEVELS) - 1})
    cr.execute("ALTER TABLE bench_line ADD COLUMN seq serial, ADD COLUMN move_id int, ADD COLUMN line_id int")
    cr.execute("""
        WITH new AS (
            INSERT INTO stock_move (name, product_id, product_uom_qty, quantity, product_uom, location_id,
                                    location_dest_id, company_id, date, state, procure_method, partner_id,
                                    production_id, raw_material_production_id, reference,
                                    create_uid, write_uid, create_date, write_date)
            SELECT 'bench', product_id, 1, 1, %(uom)s, source, destination, %(company)s, date, 'done',
                   'make_to_stock', partner_id, production_id, raw_production_id, 'BENCH/' || seq,
                   1, 1, now(), now()
              FROM bench_line
            RETURNING id, reference
        )
        UPDATE bench_line b SET move_id = new.id FROM new WHERE new.reference = 'BENCH/' || b.seq
    """, {"uom": uom.id, "company": company.id})
    cr.execute("""
        WITH new AS (
            INSERT INTO stock_move_line (move_id, product_id, lot_id, quantity, quantity_product_uom, product_uom_id,
                                         location_id, location_dest_id, company_id, date, state, reference, picked,
                                         create_uid, write_uid, create_date, write_date)
            SELECT move_id, product_id, lot_id, 1, 1, %(uom)s, source, destination, %(company)s, date, 'done',
                   'BENCH/' || seq, true, 1, 1, now(), now()
              FROM bench_line
            RETURNING id, move_id
        )
        UPDATE bench_line b SET line_id = new.id FROM new WHERE new.move_id = b.move_id
    """, {"uom": uom.id, "company": company.id})
    cr.execute("CREATE INDEX ON bench_line (lot_id, kind)")
    # Each lot's production line consumed the consumption lines that went into its order.
    cr.execute("""
        INSERT INTO stock_move_line_consume_rel (consume_line_id, produce_line_id)
        SELECT produced.line_id, consumed.line_id
          FROM bench_line consumed
          JOIN bench_line produced ON produced.lot_id = consumed.child_id AND produced.kind = 0
         WHERE consumed.kind = 100
    """)
    # What is still on hand: the serials not delivered, on the shelf or in stock.
    cr.execute("""
        INSERT INTO stock_quant (product_id, lot_id, location_id, company_id, quantity, reserved_quantity, in_date,
                                 create_uid, write_uid, create_date, write_date)
        SELECT l.product_id, l.lot_id, %(stock)s, %(company)s, 1, 0, b.date, 1, 1, now(), now()
          FROM bench_lot l JOIN bench_line b ON b.lot_id = l.lot_id AND b.kind = 0
         WHERE l.level = %(last)s AND l.idx %% 10 >= 7
    """, {"company": company.id, "last": len(LEVELS) - 1, "stock": stock.id})
    for table in ("stock_move_line", "stock_move_line_consume_rel", "stock_quant", "stock_lot", "stock_move"):
        cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    cr.execute("SELECT lot_id FROM bench_lot WHERE level = 2 AND idx = 1234")
    typical = cr.fetchone()[0]
    cr.execute("SELECT lot_id FROM bench_lot WHERE level = 0 AND idx = 0")
    resin = cr.fetchone()[0]
    env.invalidate_all()
    return env["stock.lot"].browse(typical), env["stock.lot"].browse(resin)


def median_ms(function, runs, env):
    times = []
    for _run in range(runs):
        env.invalidate_all()
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def odoo_report_unfolded(env, lot):
    """Every line of Odoo's traceability report for the lot, unfolding what the user can unfold."""
    report = env["stock.traceability.report"].with_context(active_id=lot.id, model="stock.lot")
    todo, count = list(report.get_lines()), 0
    while todo:
        line = todo.pop()
        count += 1
        if line.get("unfoldable"):
            todo += report.get_lines(line["id"], model_id=line["model_id"], model_name=line["model"],
                                     level=line["level"] + 1)
    return count


def count_nodes(node):
    return 1 + sum(count_nodes(child) for child in node["children"])


def run(env, out):
    started = time.perf_counter()
    typical, resin = generate(env)
    cr = env.cr
    cr.execute("SELECT count(*) FROM stock_move_line")
    n_lines = cr.fetchone()[0]
    cr.execute("SELECT count(*) FROM stock_lot")
    n_lots = cr.fetchone()[0]
    out("Generated %d lots, %d move lines in %.0f s" % (n_lots, n_lines, time.perf_counter() - started))
    Genealogy = env["meddev.genealogy"]

    def ours():
        forward = Genealogy.get_trace(typical.id, "forward")
        backward = Genealogy.get_trace(typical.id, "backward")
        return count_nodes(forward["root"]) + count_nodes(backward["root"])

    def ours_web():
        # What the web client loads first: the trees, operations fetched per node on demand.
        forward = Genealogy.get_trace(typical.id, "forward", with_events=False)
        backward = Genealogy.get_trace(typical.id, "backward", with_events=False)
        return count_nodes(forward["root"]) + count_nodes(backward["root"])

    ours_ms, nodes = median_ms(ours, TRACE_RUNS, env)
    web_ms, _nodes = median_ms(ours_web, TRACE_RUNS, env)
    odoo_ms, odoo_lines = median_ms(lambda: odoo_report_unfolded(env, typical), ODOO_RUNS, env)
    ratio = odoo_ms / ours_ms
    out("Forward + backward trace of lot %s (%d tree nodes):" % (typical.name, nodes))
    out("  meddev.genealogy.get_trace           median %8.1f ms over %d runs   target < 200 ms %s"
        % (ours_ms, TRACE_RUNS, "ok" if ours_ms < 200 else "MISSED"))
    out("    (web client tree, operations on demand: median %.1f ms)" % web_ms)
    out("  Odoo stock.traceability.report       median %8.1f ms over %d runs (%d lines unfolded)"
        % (odoo_ms, ODOO_RUNS, odoo_lines))
    out("  ratio                                %8.1fx faster   target >= 20x %s"
        % (ratio, "ok" if ratio >= 20 else "MISSED"))

    reached = Genealogy._trace_lot_ids(resin.ids)
    serials = env["stock.lot"].search_count([("id", "in", reached), ("product_id.tracking", "=", "serial")])
    times = []
    recall = None
    for run_index in range(RECALL_RUNS):
        recall = env["meddev.recall"].create({
            "title": "Bench recall %d" % run_index, "suspect_lot_ids": [(6, 0, resin.ids)]})
        env.invalidate_all()
        started = time.perf_counter()
        recall.action_compute()
        env.flush_all()
        times.append(time.perf_counter() - started)
    recall_s = statistics.median(times)
    out("Recall from raw-material lot %s reaching %d lots, %d finished serials (%d customers, %d lines):"
        % (resin.name, len(reached), serials, len(recall.customer_ids), recall.affected_lot_count))
    out("  meddev.recall.action_compute         median %8.2f s over %d runs   target < 2 s %s"
        % (recall_s, RECALL_RUNS, "ok" if recall_s < 2 else "MISSED"))
    return ours_ms < 200 and ratio >= 20 and recall_s < 2 and serials >= 10_000

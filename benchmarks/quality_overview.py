"""Benchmark of the Quality overview (issue 3) on a generated database.

Run through ``./meddev bench quality`` (it creates and drops a throwaway
database); prints the figures and writes them to benchmarks/quality_overview.out.

The generator inserts 100,000 signed inspection records over 200 products
and 12 months, 10,000 nonconformances and 1,000 CAPAs in bulk SQL, then
times each figure of the overview as the web client asks for it (one ORM
call under a Quality Manager's record rules, cache cleared each time):
median of 21 runs each.  Target: < 300 ms per figure.
"""
import statistics
import time

N_PRODUCTS = 200
N_INSPECTIONS = 100_000
N_NCS = 10_000
N_CAPAS = 1_000
RUNS = 21
TARGET_MS = 300.0


def generate(env):
    company = env.company
    category = env.ref("product.product_category_all")
    products = env["product.product"].create([
        {"name": "Device %03d" % i, "categ_id": category.id, "is_storable": True} for i in range(N_PRODUCTS)])
    plan = env["meddev.inspection.plan"].create({"name": "Bench plan"})
    cr = env.cr
    cr.execute("""
        INSERT INTO meddev_inspection (name, plan_id, trigger, company_id, product_id, quantity, sample_size,
                                       accept_number, reject_number, nonconforming_count, state,
                                       meddev_sign_state, date_done, create_uid, write_uid, create_date, write_date)
        SELECT 'QI/B/' || g, %(plan)s, 'receipt', %(company)s, (%(products)s)[1 + g %% %(n_products)s], 100, 13,
               0, 1, 0, CASE WHEN g %% 17 = 0 THEN 'failed' ELSE 'passed' END, 'signed',
               now() - make_interval(days => g %% 360), 1, 1, now(), now()
          FROM generate_series(1, %(n)s) AS g
    """, {"plan": plan.id, "company": company.id, "products": products.ids, "n_products": N_PRODUCTS,
          "n": N_INSPECTIONS})
    cr.execute("""
        INSERT INTO meddev_nonconformance (name, company_id, source, severity, product_id, quantity, date, state,
                                           meddev_sign_state, risk_rpn, capa_required,
                                           create_uid, write_uid, create_date, write_date)
        SELECT 'NC/B/' || g, %(company)s, 'incoming', (ARRAY['critical', 'major', 'minor'])[1 + g %% 3],
               (%(products)s)[1 + g %% %(n_products)s], 1, (now() - make_interval(days => g %% 365))::date,
               (ARRAY['draft', 'quarantined', 'done', 'done'])[1 + g %% 4],
               CASE WHEN g %% 4 >= 2 THEN 'signed' ELSE 'unsigned' END, 0, false, 1, 1, now(), now()
          FROM generate_series(1, %(n)s) AS g
    """, {"company": company.id, "products": products.ids, "n_products": N_PRODUCTS, "n": N_NCS})
    cr.execute("""
        INSERT INTO meddev_capa (name, title, company_id, state, source, date_opened, date_closed, cycle_days,
                                 meddev_sign_state, reopen_count, escalation_level, risk_rpn, capa_required,
                                 create_uid, write_uid, create_date, write_date)
        SELECT 'CAPA/B/' || g, 'Bench CAPA ' || g, %(company)s,
               CASE WHEN g %% 3 = 0 THEN 'closed' ELSE 'implementation' END, 'nonconformance',
               now() - make_interval(days => g %% 200),
               CASE WHEN g %% 3 = 0 THEN now() - make_interval(days => g %% 30) END,
               CASE WHEN g %% 3 = 0 THEN (g %% 200) - (g %% 30) ELSE 0 END,
               'in_progress', 0, 0, 0, false, 1, 1, now(), now()
          FROM generate_series(1, %(n)s) AS g
    """, {"company": company.id, "n": N_CAPAS})
    cr.execute("ANALYZE meddev_inspection; ANALYZE meddev_nonconformance; ANALYZE meddev_capa")
    env.invalidate_all()


def run(env, out):
    started = time.perf_counter()
    generate(env)
    out("Generated %d inspection records, %d nonconformances, %d CAPAs over %d products in %.1f s"
        % (N_INSPECTIONS, N_NCS, N_CAPAS, N_PRODUCTS, time.perf_counter() - started))
    manager = env.ref("base.user_admin")
    overview = env["meddev.quality.overview"].with_user(manager)
    figures = [
        ("Open NCs by severity", lambda: overview._open_nc_by_severity()),
        ("CAPA aging", lambda: overview._capa_aging()),
        ("First-pass yield per product", lambda: overview._first_pass_yield(12)),
        ("NCs per month", lambda: overview._nc_per_month(12)),
        ("CAPA cycle time", lambda: overview._capa_cycle_time(12)),
        ("Whole overview (get_figures)", lambda: overview.get_figures()),
    ]
    ok = True
    out("%-32s %10s %10s %8s" % ("Figure", "median ms", "max ms", "target"))
    for name, call in figures:
        timings = []
        for _run in range(RUNS):
            env.invalidate_all()
            begin = time.perf_counter()
            call()
            timings.append((time.perf_counter() - begin) * 1000)
        median = statistics.median(timings)
        single = not name.startswith("Whole")
        met = median < TARGET_MS
        ok = ok and (met or not single)
        out("%-32s %10.1f %10.1f %8s" % (name, median, max(timings),
                                        ("< %d ms %s" % (TARGET_MS, "ok" if met else "MISSED")) if single else ""))
    env.cr.rollback()
    return ok

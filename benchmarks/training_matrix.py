"""Benchmark of the training matrix (issue 5) on a generated database.

Run through ``./meddev bench training`` (throwaway database); prints the
figures and writes them to benchmarks/training_matrix.out.

The generator creates 2,000 employees over 20 jobs and 10 departments,
200 trainings each required of everyone (200 requirements), and about
200,000 signed qualifications (bulk SQL).  Timed, as a Training Coordinator
asks for it: computing the 2,000 x 200 matrix, and computing it and exporting
it to XLSX (the wizard's export).  Median of 3 runs.  Target: < 3 s.
"""
import statistics
import time

N_EMPLOYEES = 2_000
N_COURSES = 200
RUNS = 3
TARGET_S = 3.0


def generate(env):
    company = env.company
    departments = env["hr.department"].create([{"name": "Bench dept %02d" % i} for i in range(10)])
    jobs = env["hr.job"].create([{"name": "Bench job %02d" % i, "department_id": departments[i % 10].id}
                                 for i in range(20)])
    employees = env["hr.employee"].create([{
        "name": "Bench employee %04d" % i, "job_id": jobs[i % 20].id, "department_id": departments[i % 10].id,
        "meddev_job_since": "2026-01-01"} for i in range(N_EMPLOYEES)])
    courses = env["meddev.training.course"].create([{
        "name": "Bench training %03d" % i, "code": "BT-%03d" % i, "training_type": "classroom",
        "validity_months": 12 if i % 2 else 0} for i in range(N_COURSES)])
    env["meddev.training.requirement"].create([{"course_id": course.id} for course in courses])
    env.cr.execute("""
        INSERT INTO meddev_training_qualification (employee_id, company_id, course_id, date_issued, date_expiry,
                                                   assessment, state, meddev_sign_state, score,
                                                   create_uid, write_uid, create_date, write_date)
        SELECT e, %(company)s, c, DATE '2026-01-01' + ((e + c) %% 300), NULL, 'attendance', 'valid', 'signed',
               100, 1, 1, now(), now()
          FROM unnest(%(employees)s) AS e, unnest(%(courses)s) AS c
         WHERE (e + c) %% 2 = 0
    """, {"company": company.id, "employees": employees.ids, "courses": courses.ids})
    env.cr.execute("ANALYZE meddev_training_qualification")
    env.invalidate_all()
    return employees, courses


def run(env, out):
    started = time.perf_counter()
    employees, courses = generate(env)
    env.cr.execute("SELECT count(*) FROM meddev_training_qualification")
    [[count]] = env.cr.fetchall()
    out("Generated %d employees, %d trainings required of everyone, %d signed qualifications in %.1f s"
        % (len(employees), len(courses), count, time.perf_counter() - started))
    coordinator = env.ref("base.user_admin")
    wizard = env["meddev.training.matrix"].with_user(coordinator).create({"date": "2026-11-01"})
    timings = {"compute": [], "export": []}
    size = 0
    for _run in range(RUNS):
        env.invalidate_all()
        begin = time.perf_counter()
        shown_employees, shown_courses, cells = wizard._compute()
        timings["compute"].append(time.perf_counter() - begin)
        env.invalidate_all()
        begin = time.perf_counter()
        size = len(wizard._xlsx())
        timings["export"].append(time.perf_counter() - begin)
    states = {}
    for cell in cells.values():
        states[cell.state] = states.get(cell.state, 0) + 1
    out("Matrix %d employees x %d trainings = %d cells (%s)" % (
        len(shown_employees), len(shown_courses), len(cells),
        ", ".join("%s %d" % item for item in sorted(states.items()))))
    compute, export = statistics.median(timings["compute"]), statistics.median(timings["export"])
    out("%-40s %8.2f s" % ("compute the matrix (median of %d)" % RUNS, compute))
    out("%-40s %8.2f s   target < %.0f s %s" % ("compute and export to XLSX (median)", export, TARGET_S,
                                               "ok" if export < TARGET_S else "MISSED"))
    out("XLSX size: %d bytes" % size)
    env.cr.rollback()
    return export < TARGET_S

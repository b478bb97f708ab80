"""meddev command line: ``run`` a demo plant, ``test`` the suite, ``verify-audit``.

Started by the ``meddev`` shell launcher with the Python interpreter that
imports Odoo 18.0, so Odoo's own dependencies (psycopg2) are available here.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import psycopg2

import odoo
import odoo.release

REPO = Path(__file__).resolve().parent.parent
ADDONS = REPO / "addons"
TEST_ADDONS = REPO / "tests" / "addons"
# Dependency order: each module is installed on top of its dependencies only.
MODULES = ["meddev_quality", "meddev_training", "meddev_udi", "meddev_mrp", "meddev_outsourcing"]
TEST_MODULES = ["meddev_test_compliance"]
UPSTREAM_MODULES = ["stock", "mrp", "purchase_stock", "mrp_subcontracting"]
DEMO_LOGINS = [
    ("admin", "admin", "Administrator (all meddev roles)"),
    ("operator", "operator", "Operator"),
    ("inspector", "inspector", "Quality Inspector"),
    ("qmanager", "qmanager", "Quality Manager"),
    ("trainer", "trainer", "Training Coordinator"),
    ("compliance", "compliance", "Compliance Administrator"),
]


def say(message):
    print(message, flush=True)


def die(message, code=2):
    print("meddev: " + message, file=sys.stderr, flush=True)
    sys.exit(code)


# ----------------------------------------------------------------------
# PostgreSQL
# ----------------------------------------------------------------------
class Postgres:
    def __init__(self, args):
        self.host = args.db_host if args.db_host is not None else os.environ.get("PGHOST", "")
        self.port = args.db_port or os.environ.get("PGPORT", "5432")
        self.user = args.db_user or os.environ.get("PGUSER", "")
        self.password = args.db_password or os.environ.get("PGPASSWORD", "")
        self.allow_start = not args.no_start_db

    def _connect(self, dbname="postgres"):
        kwargs = {"dbname": dbname, "port": self.port, "connect_timeout": 5}
        if self.host:
            kwargs["host"] = self.host
        if self.user:
            kwargs["user"] = self.user
        if self.password:
            kwargs["password"] = self.password
        return psycopg2.connect(**kwargs)

    def is_local(self):
        return self.host in ("", "localhost", "127.0.0.1", "::1") or self.host.startswith("/")

    def ensure_running(self):
        try:
            self._connect().close()
            return
        except psycopg2.OperationalError as error:
            first_error = str(error).strip()
        if not (self.allow_start and self.is_local() and shutil.which("pg_ctlcluster")):
            die("PostgreSQL does not answer on %s:%s (%s).\nStart it (e.g. 'pg_ctlcluster 15 main start') "
                "or point meddev at it with --db-host/--db-port/--db-user or PGHOST/PGPORT/PGUSER."
                % (self.host or "local socket", self.port, first_error))
        clusters = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True).stdout.split()
        version = clusters[0] if clusters else "15"
        say("PostgreSQL is down: starting the local cluster %s/main..." % version)
        started = subprocess.run(["pg_ctlcluster", version, "main", "start"], capture_output=True, text=True)
        for _ in range(30):
            try:
                self._connect().close()
                return
            except psycopg2.OperationalError:
                time.sleep(1)
        die("could not start PostgreSQL (%s). Start it yourself, or use --db-host/--db-port."
            % (started.stderr.strip() or first_error))

    def exists(self, dbname):
        with self._connect() as conn, conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname])
            return bool(cr.fetchone())

    def installed_modules(self, dbname):
        conn = self._connect(dbname)
        try:
            with conn.cursor() as cr:
                cr.execute("SELECT to_regclass('ir_module_module') IS NOT NULL")
                if not cr.fetchone()[0]:
                    return set()
                cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed'")
                return {name for (name,) in cr.fetchall()}
        finally:
            conn.close()

    def server_version(self):
        conn = self._connect()
        try:
            with conn.cursor() as cr:
                cr.execute("SHOW server_version")
                return cr.fetchone()[0].split()[0]
        finally:
            conn.close()

    def drop(self, dbname):
        conn = self._connect()
        conn.autocommit = True
        try:
            with conn.cursor() as cr:
                cr.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [dbname])
                cr.execute(psycopg2.sql.SQL("DROP DATABASE IF EXISTS {}").format(psycopg2.sql.Identifier(dbname)))
        finally:
            conn.close()


# ----------------------------------------------------------------------
# Odoo
# ----------------------------------------------------------------------
def odoo_addons_paths():
    paths = []
    for path in list(odoo.addons.__path__) + [str(Path(odoo.__file__).resolve().parent.parent / "addons")]:
        real = os.path.realpath(path)
        if os.path.isdir(real) and real not in paths and os.path.isdir(os.path.join(real, "web")):
            paths.append(real)
    if not paths:
        die("cannot find Odoo's addons (no 'web' module next to %s)." % odoo.__file__)
    return paths


class Odoo:
    def __init__(self, args, pg, with_tests=False, data_dir=None):
        self.pg = pg
        addons = odoo_addons_paths() + [str(ADDONS)] + ([str(TEST_ADDONS)] if with_tests else [])
        self.config_path = REPO / "config" / ("odoo-test.conf" if with_tests else "odoo.conf")
        template = (REPO / "config" / "odoo.conf.template").read_text(encoding="utf-8")
        self.config_path.write_text(template.format(
            addons_path=",".join(addons),
            db_host=pg.host or "False",
            db_port=pg.port or "False",
            db_user=pg.user or "False",
            db_password=pg.password or "False",
            data_dir=data_dir or os.path.expanduser("~/.local/share/Odoo"),
            http_port=getattr(args, "port", 8069),
            dbfilter="^%s$" % args.database if hasattr(args, "database") else ".*",
        ), encoding="utf-8")

    def command(self, *args):
        return [sys.executable, "-c", "import odoo.cli; odoo.cli.main()", "-c", str(self.config_path), *args]

    def run_with_progress(self, args, label):
        """Run Odoo, showing module progress; return (exit code, log tail)."""
        proc = subprocess.Popen(self.command(*args), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, bufsize=1)
        tail, current, problems = [], None, []
        for line in proc.stdout:
            tail = (tail + [line])[-200:]
            if " odoo.modules.loading: loading " in line and "/" in line:
                module = line.rsplit("loading ", 1)[1].split("/", 1)[0].strip()
                if module != current:
                    current = module
                    say("  %s: %s" % (label, module))
            elif " ERROR " in line or " CRITICAL " in line or "demo data failed to install" in line:
                problems.append(line.rstrip())
        code = proc.wait()
        if problems and code == 0:
            code = 1
        return code, problems or [line.rstrip() for line in tail[-30:]]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ----------------------------------------------------------------------
# run
# ----------------------------------------------------------------------
def cmd_run(args):
    pg = Postgres(args)
    pg.ensure_running()
    server = Odoo(args, pg)
    db = args.database
    if pg.exists(db):
        installed = pg.installed_modules(db)
        missing = [m for m in MODULES if m not in installed]
        present = [m for m in MODULES if m in installed]
        say("Database '%s' exists: upgrading the meddev modules..." % db)
        steps = []
        if present:
            steps.append(["-u", ",".join(present)])
        if missing:
            steps.append(["-i", ",".join(missing)])
    else:
        say("Creating database '%s' with every meddev module and demo data (about 2 minutes)..." % db)
        steps = [["-i", ",".join(MODULES)]]
    for step in steps:
        code, log = server.run_with_progress(["-d", db, *step, "--stop-after-init"], "loading")
        if code:
            die("Odoo could not install/upgrade the modules:\n" + "\n".join(log), 1)
    say("")
    say("meddev is running on http://localhost:%s  (database '%s'; Ctrl+C stops it)" % (args.port, db))
    say("Demo logins (password = login):")
    for login, _password, role in DEMO_LOGINS:
        say("  %-11s %s" % (login, role))
    say("")
    os.execv(sys.executable, server.command("-d", db, "--http-port", str(args.port)))


# ----------------------------------------------------------------------
# test
# ----------------------------------------------------------------------
class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.failures = []

    def check(self, name, ok, detail=None):
        if ok:
            self.passed += 1
            say("  ok      %s" % name)
        else:
            self.failed += 1
            self.failures.append(name)
            say("  FAILED  %s" % name)
            if detail:
                say("\n".join("          " + line for line in detail[-40:]))

    def add(self, name, passed, failed):
        self.passed += passed
        self.failed += failed
        if failed:
            self.failures.append(name)
        say("  %s  %s: %d passed, %d failed" % ("ok    " if not failed else "FAILED", name, passed, failed))


def install_stepwise(server, db, demo, tally):
    flags = [] if demo else ["--without-demo=all"]
    label = "demo" if demo else "no demo"
    for module in MODULES + TEST_MODULES:
        code, log = server.run_with_progress(["-d", db, "-i", module, "--stop-after-init", *flags],
                                             "install (%s)" % label)
        tally.check("install %s (%s)" % (module, label), code == 0, log)
        if code:
            return False
    return True


def run_odoo_tests(server, db, modules, tally, name, log_path):
    result_path = Path(tempfile.mkstemp(suffix=".json")[1])
    tags = ",".join("/" + m for m in modules)
    say("Running %s (log: %s)..." % (name, log_path))
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.run(
            [sys.executable, str(REPO / "cli" / "odoo_tests.py"), str(result_path), "--",
             "-c", str(server.config_path), "-d", db, "--test-tags", tags, "--log-level", "test",
             "--http-port", str(free_port())],
            stdout=log, stderr=subprocess.STDOUT, check=False)
    try:
        result = json.loads(result_path.read_text() or "{}")
    except ValueError:
        result = {}
    result_path.unlink(missing_ok=True)
    if not result:
        tally.check(name, False, ["the test run crashed (exit %s); see %s" % (proc.returncode, log_path)])
        return
    bad = result["failures"] + result["errors"]
    tally.add(name, result["run"] - bad - result["skipped"], bad)
    if result["skipped"]:
        say("          %d skipped (see %s)" % (result["skipped"], log_path))
    if bad:
        with open(log_path, encoding="utf-8") as log:
            for line in log:
                if " ERROR " in line or " FAIL" in line:
                    say("          " + line.rstrip()[:300])


def run_upstream_tests(server, db, tally, log_path):
    """Odoo's own tests the way Odoo runs them, on a fresh database where the
    whole meddev suite gets installed: at_install tests as their module
    loads, post_install tests once every module (ours included) is there."""
    import re

    tags = ",".join("/" + m for m in UPSTREAM_MODULES)
    say("Installing the suite with Odoo's stock/mrp/purchase_stock/mrp_subcontracting tests enabled "
        "(about 15 minutes; log: %s)..." % log_path)
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.run(server.command("-d", db, "-i", ",".join(MODULES), "--test-enable",
                                             "--test-tags", tags, "--stop-after-init", "--log-level", "test",
                                             "--http-port", str(free_port())),
                              stdout=log, stderr=subprocess.STDOUT, check=False)
    summary = None
    pattern = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
    with open(log_path, encoding="utf-8") as log:
        for line in log:
            match = pattern.search(line)
            if match:
                summary = tuple(int(group) for group in match.groups())
            elif " ERROR " in line and (": FAIL: " in line or ": ERROR: " in line):
                say("          " + line.rstrip()[:300])
    name = "Odoo's own stock/mrp/purchase_stock/mrp_subcontracting tests"
    if summary is None:
        tally.check(name, False, ["no test summary (exit %s); see %s" % (proc.returncode, log_path)])
        return
    failed, errors, run = summary
    tally.add(name, run - failed - errors, failed + errors + (1 if proc.returncode and not failed + errors else 0))


def wait_for_http(port, proc, timeout=180):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(1)
    return False


def run_pytest(server, db, tally, log_dir):
    port = free_port()
    log_path = log_dir / "pytest-server.log"
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(server.command("-d", db, "--http-port", str(port), "--workers", "0",
                                               "--max-cron-threads", "0", "--log-level", "warn"),
                                stdout=log, stderr=subprocess.STDOUT)
    try:
        if not wait_for_http(port, proc):
            tally.check("pytest suites", False, ["the Odoo server did not start; see %s" % log_path])
            return
        junit = log_dir / "pytest.xml"
        env = dict(os.environ, MEDDEV_URL="http://127.0.0.1:%d" % port, MEDDEV_DB=db, MEDDEV_E2E_REQUIRED="1",
                   MEDDEV_PGHOST=server.pg.host, MEDDEV_PGPORT=server.pg.port, MEDDEV_PGUSER=server.pg.user,
                   MEDDEV_PGPASSWORD=server.pg.password)
        say("Running the pytest suites (unit and end-to-end over XML-RPC)...")
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(REPO / "tests"),
                        "--junitxml", str(junit)], env=env, cwd=REPO, check=False)
        if not junit.exists():
            tally.check("pytest suites", False, ["pytest produced no report"])
            return
        root = ET.parse(junit).getroot()
        suite = root if root.tag == "testsuite" else root.find("testsuite")
        total, skipped = int(suite.get("tests")), int(suite.get("skipped"))
        bad = int(suite.get("failures")) + int(suite.get("errors"))
        tally.add("pytest suites", total - skipped - bad, bad)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def cmd_test(args):
    pg = Postgres(args)
    pg.ensure_running()
    data_dir = Path(tempfile.mkdtemp(prefix="meddev-test-"))
    log_dir = Path(args.log_dir or data_dir / "logs").resolve()
    log_dir.mkdir(parents=True, exist_ok=True)
    server = Odoo(args, pg, with_tests=True, data_dir=str(data_dir))
    db = "meddev_test_%d" % os.getpid()
    db_nodemo = db + "_nodemo"
    db_upstream = db + "_upstream"
    tally = Tally()
    started = time.time()
    try:
        say("Installing each module on its own dependencies, with demo data (database %s)..." % db)
        ok = install_stepwise(server, db, True, tally)
        say("Installing each module on its own dependencies, without demo data (database %s)..." % db_nodemo)
        install_stepwise(server, db_nodemo, False, tally)
        if ok:
            modules = MODULES + TEST_MODULES
            run_odoo_tests(server, db, modules, tally, "meddev Odoo tests", log_dir / "odoo-tests.log")
            run_pytest(server, db, tally, log_dir)
        if args.upstream:
            run_upstream_tests(server, db_upstream, tally, log_dir / "upstream-tests.log")
    finally:
        if not args.keep:
            for name in (db, db_nodemo, db_upstream):
                pg.drop(name)
            shutil.rmtree(data_dir / "filestore", ignore_errors=True)
    say("")
    say("Took %.0f s. Logs: %s" % (time.time() - started, log_dir))
    if tally.failures:
        say("Failed: " + "; ".join(tally.failures))
    say("%d passed, %d failed" % (tally.passed, tally.failed))
    return 1 if tally.failed or not tally.passed else 0


# ----------------------------------------------------------------------
# i18n
# ----------------------------------------------------------------------
def merge_po(pot_path, po_path, language):
    """Bring ``po_path`` in line with the template: new terms get an empty
    translation, vanished ones go, existing translations stay."""
    import polib

    pot = polib.pofile(str(pot_path))
    old = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
    known = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in old if not entry.obsolete}
    po = polib.POFile()
    po.metadata = dict(pot.metadata, Language=language, **{
        "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit", "Plural-Forms": ""})
    for entry in pot:
        entry.msgstr = known.get((entry.msgctxt, entry.msgid), "")
        po.append(entry)
    po.save(str(po_path))
    return sum(1 for entry in po if not entry.msgstr)


def cmd_i18n(args):
    pg = Postgres(args)
    pg.ensure_running()
    if not pg.exists(args.database):
        die("database '%s' does not exist: create it with './meddev run' first." % args.database)
    server = Odoo(args, pg)
    missing = 0
    for module in MODULES:
        i18n = ADDONS / module / "i18n"
        i18n.mkdir(exist_ok=True)
        pot = i18n / ("%s.pot" % module)
        proc = subprocess.run(server.command("-d", args.database, "--i18n-export", str(pot), "--modules", module,
                                             "--stop-after-init", "--log-level", "warn"),
                              capture_output=True, text=True, check=False)
        if proc.returncode or not pot.exists():
            die("export of %s failed:\n%s" % (module, proc.stdout + proc.stderr), 1)
        untranslated = merge_po(pot, i18n / "zh_CN.po", "zh_CN")
        missing += untranslated
        say("  %s: %s, zh_CN.po has %d untranslated terms" % (module, pot.relative_to(REPO), untranslated))
    return 1 if missing else 0


# ----------------------------------------------------------------------
# lint
# ----------------------------------------------------------------------
def cmd_lint(args):
    failed = False
    for name, command in (
        ("ruff", [sys.executable, "-m", "ruff", "check", "."]),
        ("pylint-odoo", [sys.executable, "-m", "pylint", "--rcfile", str(REPO / ".pylintrc"),
                         "--disable=missing-readme",
                         str(ADDONS), str(TEST_ADDONS / "meddev_test_compliance")]),
    ):
        say("$ %s" % name)
        if subprocess.run(command, cwd=REPO, check=False).returncode:
            failed = True
    return 1 if failed else 0


# ----------------------------------------------------------------------
# bench
# ----------------------------------------------------------------------
def cmd_bench(args):
    pg = Postgres(args)
    pg.ensure_running()
    data_dir = Path(tempfile.mkdtemp(prefix="meddev-bench-"))
    server = Odoo(args, pg, data_dir=str(data_dir))
    db = "meddev_bench_%d" % os.getpid()
    suites = args.suites or ["compliance", "quality", "training", "udi"]
    try:
        modules = "meddev_quality"
        if "training" in suites:
            modules = "meddev_quality,meddev_training"
        if "udi" in suites:
            # The genealogy benchmark generates manufacturing orders.
            modules = "meddev_mrp"
        say("Creating benchmark database %s (%s, no demo data)..." % (db, modules))
        code, log = server.run_with_progress(["-d", db, "-i", modules, "--without-demo=all",
                                              "--stop-after-init"], "install")
        if code:
            die("could not create the benchmark database:\n" + "\n".join(log), 1)
        from odoo.tools import config
        config.parse_config(["-c", str(server.config_path), "-d", db, "--log-level", "warn"])
        sys.path.insert(0, str(REPO / "benchmarks"))
        ok = True
        if "quality" in suites:
            ok = bench_simple(db, pg, "quality", "quality_overview") and ok
        if "training" in suites:
            ok = bench_simple(db, pg, "training", "training_matrix") and ok
        if "udi" in suites:
            ok = bench_simple(db, pg, "udi", "gs1_parser") and ok
            ok = bench_simple(db, pg, "udi", "udi_genealogy") and ok
        if "compliance" in suites:
            ok = bench_compliance(db, pg, server) and ok
        return 0 if ok else 1
    finally:
        from odoo.sql_db import close_all
        close_all()
        pg.drop(db)
        shutil.rmtree(data_dir, ignore_errors=True)


def bench_output():
    lines = []

    def out(line):
        say(line)
        lines.append(line)

    return lines, out


def bench_simple(db, pg, suite, script):
    """Run benchmarks/<script>.py's run(env, out) and keep its output in <script>.out."""
    import importlib

    from odoo.modules.registry import Registry

    module = importlib.import_module(script)
    lines, out = bench_output()
    out("$ ./meddev bench %s   (%s, PostgreSQL %s, %d CPUs)"
        % (suite, time.strftime("%Y-%m-%d"), pg.server_version(), os.cpu_count()))
    with Registry(db).cursor() as cr:
        ok = module.run(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}), out)
    out_path = REPO / "benchmarks" / ("%s.out" % script)
    out_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    say("Written to %s" % out_path.relative_to(REPO))
    return ok


def bench_compliance(db, pg, server):
    import compliance

    from odoo.modules.registry import Registry

    out_path = REPO / "benchmarks" / "compliance.out"
    lines, out = bench_output()
    out("$ ./meddev bench compliance   (%s, PostgreSQL %s, %d CPUs)"
        % (time.strftime("%Y-%m-%d"), pg.server_version(), os.cpu_count()))
    port = free_port()
    server_proc = subprocess.Popen(server.command("-d", db, "--http-port", str(port), "--workers", "0",
                                                  "--max-cron-threads", "0", "--log-level", "warn"),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        if not wait_for_http(port, server_proc):
            die("the Odoo server for the XML-RPC benchmark did not start", 1)
        with Registry(db).cursor() as cr:
            ok = compliance.run(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}), out,
                                rpc_url="http://127.0.0.1:%d" % port)
    finally:
        server_proc.terminate()
        server_proc.wait(timeout=30)
    out_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    say("Written to %s" % out_path.relative_to(REPO))
    return ok


# ----------------------------------------------------------------------
# verify-audit
# ----------------------------------------------------------------------
def cmd_verify_audit(args):
    pg = Postgres(args)
    pg.ensure_running()
    server = Odoo(args, pg)
    if not pg.exists(args.database):
        die("database '%s' does not exist." % args.database)
    from odoo.tools import config
    config.parse_config(["-c", str(server.config_path), "-d", args.database, "--log-level", "warn"])
    from odoo.modules.registry import Registry
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        count, chain_break = env["meddev.audit.entry"]._verify_chain()
        if chain_break is None:
            say("Audit trail intact: %d entries verified." % count)
            return 0
        say(env["meddev.audit.entry"]._break_message(chain_break))
        return 1


def main(argv=None):
    parser = argparse.ArgumentParser(prog="meddev", description=__doc__)
    pg_flags = argparse.ArgumentParser(add_help=False)
    pg_flags.add_argument("--db-host", help="PostgreSQL host (default: PGHOST, else the local socket)")
    pg_flags.add_argument("--db-port", help="PostgreSQL port (default: PGPORT, else 5432)")
    pg_flags.add_argument("--db-user", help="PostgreSQL user (default: PGUSER, else yours)")
    pg_flags.add_argument("--db-password", help="PostgreSQL password (default: PGPASSWORD)")
    pg_flags.add_argument("--no-start-db", action="store_true",
                          help="never start the local PostgreSQL cluster when it is down")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", parents=[pg_flags], help="create or upgrade the demo database and serve Odoo")
    run.add_argument("-d", "--database", default="meddev")
    run.add_argument("-p", "--port", type=int, default=8069)
    run.set_defaults(func=cmd_run)
    test = sub.add_parser("test", parents=[pg_flags], help="run every test on throwaway databases")
    test.add_argument("--upstream", action="store_true",
                      help="also run Odoo's own stock, mrp, purchase_stock and mrp_subcontracting tests")
    test.add_argument("--keep", action="store_true", help="keep the test databases afterwards")
    test.add_argument("--log-dir", help="where to write the test logs")
    test.set_defaults(func=cmd_test)
    i18n = sub.add_parser("i18n", parents=[pg_flags],
                          help="export each module's .pot from a database and merge it into zh_CN.po")
    i18n.add_argument("-d", "--database", default="meddev")
    i18n.set_defaults(func=cmd_i18n)
    lint = sub.add_parser("lint", help="ruff and OCA's pylint-odoo checks")
    lint.set_defaults(func=cmd_lint)
    bench = sub.add_parser("bench", parents=[pg_flags], help="run the benchmarks on a throwaway database")
    bench.add_argument("suites", nargs="*", choices=["compliance", "quality", "training", "udi"],
                       help="which benchmarks (default: all)")
    bench.set_defaults(func=cmd_bench)
    verify = sub.add_parser("verify-audit", parents=[pg_flags], help="verify the audit trail's hash chain")
    verify.add_argument("-d", "--database", default="meddev")
    verify.set_defaults(func=cmd_verify_audit)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

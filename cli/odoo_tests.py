"""Run Odoo test suites against an already-installed database.

Executed with the Python interpreter that imports Odoo (``meddev`` finds it).
The meddev modules' tests run here once the whole suite is installed, inside
a regular Odoo server (so HttpCase tours work), and the counts are written as
JSON.  Without -i/-u Odoo would run ``at_install`` tests while the registry
is only partly loaded; any such test of ours runs with the ``post_install``
ones instead.  (Odoo's own modules' at_install tests assume a registry
without their dependents, so ``meddev test --upstream`` runs those the way
Odoo does, during installation.)

Usage: python odoo_tests.py RESULT_JSON -- <odoo options, incl. -d and --test-tags>
"""
import json
import sys


def main(argv):
    result_path = argv[0]
    odoo_args = argv[argv.index("--") + 1:]

    import odoo
    import odoo.cli
    from odoo.tests import loader
    from odoo.tools import config

    original_make_suite = loader.make_suite

    def make_suite(module_names, position="at_install"):
        if position != "post_install":
            # Without -i/-u, Odoo would run at_install tests while the
            # registry is only partly loaded; they run below instead.
            return loader.OdooSuite([])
        at_install = list(original_make_suite(module_names, "at_install"))
        post_install = list(original_make_suite(module_names, "post_install"))
        return loader.OdooSuite(at_install + post_install)

    loader.make_suite = make_suite
    config.parse_config(odoo_args + ["--test-enable", "--stop-after-init", "--workers=0"])
    odoo.cli.server.report_configuration()
    rc = odoo.service.server.start(preload=[config["db_name"]], stop=True)

    from odoo.modules.registry import Registry
    report = Registry.registries.d[config["db_name"]]._assertion_report
    with open(result_path, "w", encoding="utf-8") as fh:
        json.dump({
            "run": report.testsRun,
            "failures": report.failures_count,
            "errors": report.errors_count,
            "skipped": len(report.skipped) if isinstance(report.skipped, list) else report.skipped,
            "rc": rc,
        }, fh)
    return 0 if rc == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

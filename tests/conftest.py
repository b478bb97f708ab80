"""Shared set-up of the pytest suites.

Unit tests import our addons' pure ``tools`` packages; end-to-end tests talk
to the Odoo server that ``./meddev test`` starts (MEDDEV_URL, MEDDEV_DB).
"""
import os
from pathlib import Path

import odoo.addons

REPO = Path(__file__).resolve().parent.parent
for path in (REPO / "addons", REPO / "tests" / "addons"):
    if str(path) not in odoo.addons.__path__:
        odoo.addons.__path__.append(str(path))

collect_ignore = ["addons"]


def pytest_report_header(config):
    return "meddev server: %s (database %s)" % (os.environ.get("MEDDEV_URL", "-"), os.environ.get("MEDDEV_DB", "-"))

"""Benchmark of the GS1 parser (issue 4, Scanning): meddev_udi/tools/gs1.parse
against Odoo's own GS1 nomenclature parse, on the same run and the same inputs.

Run (needs a database with meddev_udi installed, for Odoo's default GS1
nomenclature and its rules)::

    /opt/odoo18/venv/bin/python benchmarks/gs1_parser.py -c /tmp/odoo-dev.conf -d DB

or through ``run(env, out)`` like the other benchmarks.  Prints the figures and
writes them to benchmarks/gs1_parser.out.

Inputs: 2,000 UDIs as scanners send them (FNC1 as the GS character), a third
with a symbology identifier: GTIN + expiry + lot, GTIN + expiry + serial,
GTIN + lot + count.  Only AIs that Odoo's default GS1 rules know, so that both
parsers read every input; a cross-check first asserts both read the same GTIN,
lot, serial and expiry from each.  Each parser then parses the whole set
``ROUNDS`` times; the figure is the median of the per-round throughputs
(parses per second), and the ratio is ours over Odoo's.
"""
import os
import random
import statistics
import sys
import time
import warnings

N_INPUTS = 2_000
ROUNDS = 7
GS = "\x1d"


def _gs1():
    from odoo.addons.meddev_udi.tools import gs1

    return gs1


def make_inputs(n=N_INPUTS, seed=20241123):
    gs1 = _gs1()
    rng = random.Random(seed)
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-"
    inputs = []
    for index in range(n):
        body = "0%012d" % rng.randrange(10 ** 12)
        gtin = body + str(gs1.check_digit(body))
        expiry = "%02d%02d%02d" % (rng.randrange(25, 40), rng.randrange(1, 13), rng.randrange(0, 29))
        code = "".join(rng.choice(alphabet) for _ in range(rng.randrange(4, 20)))
        kind = index % 3
        if kind == 0:
            text = "01" + gtin + "17" + expiry + "10" + code
        elif kind == 1:
            text = "01" + gtin + "17" + expiry + "21" + code
        else:
            text = "01" + gtin + "10" + code + GS + "30" + str(rng.randrange(1, 1000))
        if index % 3 == 1:
            text = rng.choice(["]d2", "]C1", "]Q3"]) + text
        inputs.append(text)
    return inputs


def _odoo_fields(result):
    values = {}
    for part in result or []:
        ai = part["ai"]
        if ai == "01":
            values["gtin"] = part["value"]
        elif ai == "10":
            values["lot"] = part["value"]
        elif ai == "21":
            values["serial"] = part["value"]
        elif ai == "17":
            values["expiry"] = part["value"]
    return values


def _our_fields(result):
    values = {"gtin": result.gtin, "lot": result.lot, "serial": result.serial, "expiry": result.expiry}
    return {key: value for key, value in values.items() if value}


def _throughput(parse, inputs):
    started = time.perf_counter()
    for text in inputs:
        parse(text)
    return len(inputs) / (time.perf_counter() - started)


def run(env, out):
    gs1 = _gs1()
    nomenclature = env.ref("barcodes_gs1_nomenclature.default_gs1_nomenclature")
    inputs = make_inputs()
    # Warm Odoo's record cache (rules and their fields), as a running server has it.
    nomenclature.parse_barcode(inputs[0])

    mismatches = [text for text in inputs
                  if _our_fields(gs1.parse(text)) != _odoo_fields(nomenclature.parse_barcode(text))]
    out("Inputs: %d UDIs (AIs 01, 17, 10, 21, 30; FNC1 as GS; a third with ]d2/]C1/]Q3); "
        "both parsers agree on %d of them" % (len(inputs), len(inputs) - len(mismatches)))
    for text in mismatches[:5]:
        out("  disagreement on %r" % text)

    ours, odoos = [], []
    for _round in range(ROUNDS):
        ours.append(_throughput(gs1.parse, inputs))
        odoos.append(_throughput(nomenclature.parse_barcode, inputs))
    our_rate, odoo_rate = statistics.median(ours), statistics.median(odoos)
    out("meddev_udi tools/gs1.parse:                    %10.0f parses/s (median of %d rounds of %d)"
        % (our_rate, ROUNDS, len(inputs)))
    out("Odoo barcode.nomenclature.parse_barcode (GS1): %10.0f parses/s (median of %d rounds of %d)"
        % (odoo_rate, ROUNDS, len(inputs)))
    out("Ratio: gs1.parse is %.1fx Odoo's GS1 nomenclature parse" % (our_rate / odoo_rate))
    return not mismatches


def main(argv):
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(argv + ["--log-level", "warn"])
    # pylibdmtx (loaded by the report engine) warns about distutils on import: noise here.
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="pylibdmtx")
    db = config["db_name"]
    if not db:
        sys.exit("usage: gs1_parser.py -c CONFIG -d DATABASE")
    db = db.split(",")[0] if isinstance(db, str) else db[0]
    lines = []

    def out(line):
        print(line, flush=True)
        lines.append(line)

    out("$ python benchmarks/gs1_parser.py   (%s, Python %s, %d CPUs)"
        % (time.strftime("%Y-%m-%d"), sys.version.split()[0], os.cpu_count()))
    with Registry(db).cursor() as cr:
        ok = run(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}), out)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gs1_parser.out")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    print("Written to %s" % path)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""GS1 element strings: parsing and check digits (pure Python, no ORM).

Accepts what scanners send (a symbology identifier such as ``]d2`` then
the element string, FNC1 as the GS character) and the human-readable
form ``(01)...(17)...(10)...``.  Returns a :class:`GS1Result` or raises
:class:`GS1Error` naming the AI, the position and the reason.
"""
import calendar
import datetime
import re
from collections import namedtuple

GS = "\x1d"
SYMBOLOGIES = {"]C1": "GS1-128", "]d2": "GS1 DataMatrix", "]Q3": "GS1 QR Code", "]e0": "GS1 DataBar",
               "]J1": "GS1 DotCode"}
# GS1 AI encodable character set 82 (General Specifications, figure 7.11-1).
CSET82 = re.compile(r"^[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$")
DIGITS = re.compile(r"^[0-9]*$")

# (fixed data length or None, maximum data length, character set, check digit over the first n digits,
#  kind).  Kinds: "date", "decimal" (last AI digit = decimal places) or None.
Spec = namedtuple("Spec", "fixed maximum charset check kind title")


def _spec(fixed=None, maximum=None, charset="N", check=None, kind=None, title=""):
    return Spec(fixed, fixed if maximum is None else maximum, charset, check, kind, title)


AIS = {
    "00": _spec(18, check=18, title="SSCC"),
    "01": _spec(14, check=14, title="GTIN"),
    "02": _spec(14, check=14, title="CONTENT"),
    "10": _spec(maximum=20, charset="X", title="BATCH/LOT"),
    "11": _spec(6, kind="date", title="PROD DATE"),
    "12": _spec(6, kind="date", title="DUE DATE"),
    "13": _spec(6, kind="date", title="PACK DATE"),
    "15": _spec(6, kind="date", title="BEST BEFORE"),
    "16": _spec(6, kind="date", title="SELL BY"),
    "17": _spec(6, kind="date", title="USE BY or EXPIRY"),
    "20": _spec(2, title="VARIANT"),
    "21": _spec(maximum=20, charset="X", title="SERIAL"),
    "22": _spec(maximum=20, charset="X", title="CPV"),
    "235": _spec(maximum=28, charset="X", title="TPX"),
    "240": _spec(maximum=30, charset="X", title="ADDITIONAL ID"),
    "241": _spec(maximum=30, charset="X", title="CUST. PART No."),
    "242": _spec(maximum=6, title="MTO VARIANT"),
    "243": _spec(maximum=20, charset="X", title="PCN"),
    "250": _spec(maximum=30, charset="X", title="SECONDARY SERIAL"),
    "251": _spec(maximum=30, charset="X", title="REF. TO SOURCE"),
    "253": _spec(maximum=30, charset="X", check=13, title="GDTI"),
    "254": _spec(maximum=20, charset="X", title="GLN EXTENSION COMPONENT"),
    "255": _spec(maximum=25, check=13, title="GCN"),
    "30": _spec(maximum=8, title="VAR. COUNT"),
    "37": _spec(maximum=8, title="COUNT"),
    "400": _spec(maximum=30, charset="X", title="ORDER NUMBER"),
    "401": _spec(maximum=30, charset="X", title="GINC"),
    "402": _spec(17, check=17, title="GSIN"),
    "403": _spec(maximum=30, charset="X", title="ROUTE"),
    "420": _spec(maximum=20, charset="X", title="SHIP TO POST"),
    "422": _spec(3, title="ORIGIN"),
    "7003": _spec(10, kind="datetime", title="EXPIRY TIME"),
    "7240": _spec(maximum=20, charset="X", title="PROTOCOL"),
    "8004": _spec(maximum=30, charset="X", title="GIAI"),
    "8006": _spec(18, check=14, title="ITIP"),
    "8017": _spec(18, check=18, title="GSRN - PROVIDER"),
    "8018": _spec(18, check=18, title="GSRN - RECIPIENT"),
    "8020": _spec(maximum=25, charset="X", title="REF No."),
    "90": _spec(maximum=30, charset="X", title="INTERNAL"),
}
for _ai in range(410, 418):
    AIS[str(_ai)] = _spec(13, check=13, title="GLN")
for _ai in range(710, 716):
    AIS[str(_ai)] = _spec(maximum=20, charset="X", title="NHRN")
for _ai in range(91, 100):
    AIS[str(_ai)] = _spec(maximum=90, charset="X", title="INTERNAL")
# Trade measures 310n-369n: six digits, n decimal places.
for _prefix in [*range(310, 317), *range(320, 338), *range(340, 358), *range(360, 370)]:
    for _decimals in range(10):
        AIS["%d%d" % (_prefix, _decimals)] = _spec(6, kind="decimal", title="MEASURE")
for _decimals in range(10):
    AIS["390%d" % _decimals] = _spec(maximum=15, kind="decimal", title="AMOUNT")
    AIS["392%d" % _decimals] = _spec(maximum=15, kind="decimal", title="PRICE")

GS1Result = namedtuple("GS1Result", "symbology elements gtin lot serial expiry production_date quantity")


class GS1Error(ValueError):
    """Malformed GS1 data: ``ai`` and ``position`` (0-based, in the element string) say where."""

    def __init__(self, message, ai=None, position=None):
        where = []
        if ai:
            where.append("AI (%s)" % ai)
        if position is not None:
            where.append("position %d" % position)
        super().__init__("%s: %s" % (", ".join(where), message) if where else message)
        self.ai, self.position, self.reason = ai, position, message


def check_digit(digits):
    """GS1 mod-10 check digit of ``digits`` (all the digits before the check digit)."""
    total = sum(int(digit) * (3 if index % 2 == 0 else 1) for index, digit in enumerate(reversed(digits)))
    return (10 - total % 10) % 10


def valid_gtin(gtin):
    """Whether ``gtin`` is a GTIN-8, -12, -13 or -14 with a right check digit."""
    return bool(gtin) and len(gtin) in (8, 12, 13, 14) and gtin.isdigit() and \
        check_digit(gtin[:-1]) == int(gtin[-1])


def parse_date(value, today=None):
    """YYMMDD with GS1's century rule; day 00 means the last day of the month."""
    year, month, day = int(value[:2]), int(value[2:4]), int(value[4:6])
    current = (today or datetime.date.today()).year
    century = current // 100 * 100
    delta = year - current % 100
    if delta >= 51:
        century -= 100
    elif delta <= -50:
        century += 100
    year += century
    if not 1 <= month <= 12:
        raise ValueError("month %02d does not exist" % month)
    last = calendar.monthrange(year, month)[1]
    if day == 0:
        day = last
    if day > last:
        raise ValueError("day %02d does not exist in %04d-%02d" % (day, year, month))
    return datetime.date(year, month, day)


def _find_ai(data, position):
    for length in (2, 3, 4):
        ai = data[position:position + length]
        if ai in AIS:
            return ai
    raise GS1Error("unknown or unsupported Application Identifier starting %r" % data[position:position + 4],
                   position=position)


def _validate(ai, value, position, today):
    spec = AIS[ai]
    if not value:
        raise GS1Error("the data is empty", ai, position)
    if spec.fixed and len(value) != spec.fixed:
        raise GS1Error("expects %d characters, got %d" % (spec.fixed, len(value)), ai, position)
    if len(value) > spec.maximum:
        raise GS1Error("at most %d characters, got %d" % (spec.maximum, len(value)), ai, position)
    if spec.charset == "N" and not DIGITS.match(value):
        raise GS1Error("digits only, got %r" % value, ai, position)
    if spec.charset == "X" and not CSET82.match(value):
        bad = next(ch for ch in value if not CSET82.match(ch))
        raise GS1Error("character %r is not allowed" % bad, ai, position + value.index(bad))
    if spec.check:
        digits = value[:spec.check]
        if not DIGITS.match(digits) or len(digits) < spec.check:
            raise GS1Error("expects %d digits with a check digit" % spec.check, ai, position)
        if check_digit(digits[:-1]) != int(digits[-1]):
            raise GS1Error("wrong check digit %s (expected %d)" % (digits[-1], check_digit(digits[:-1])), ai,
                           position + spec.check - 1)
    if spec.kind == "date":
        try:
            return parse_date(value, today)
        except ValueError as error:
            raise GS1Error("invalid date %s: %s" % (value, error), ai, position) from None
    if spec.kind == "datetime":
        # YYMMDDHHMM, no day 00 (General Specifications 3.9.x, AI 7003).
        try:
            if value[4:6] == "00":
                raise ValueError("day 00 is not allowed here")
            day = parse_date(value[:6], today)
            hour, minute = int(value[6:8]), int(value[8:10])
            return datetime.datetime.combine(day, datetime.time(hour, minute))
        except ValueError as error:
            raise GS1Error("invalid date and time %s: %s" % (value, error), ai, position) from None
    return value


def _split_hri(text):
    elements, position = [], 0
    pattern = re.compile(r"\((\d{2,4})\)([^()]*)")
    while position < len(text):
        match = pattern.match(text, position)
        if not match:
            raise GS1Error("expected '(AI)' in the human-readable form", position=position)
        if match.group(1) not in AIS:
            raise GS1Error("unknown or unsupported Application Identifier", match.group(1), position)
        elements.append((match.group(1), match.group(2), match.start(2)))
        position = match.end()
    return elements


def _split_element_string(data):
    elements, position = [], 0
    while position < len(data):
        if data[position] == GS:
            position += 1
            continue
        ai = _find_ai(data, position)
        spec = AIS[ai]
        start = position + len(ai)
        if spec.fixed:
            end = start + spec.fixed
            if end > len(data):
                raise GS1Error("the data is cut short (%d of %d characters)" % (len(data) - start, spec.fixed),
                               ai, start)
        else:
            separator = data.find(GS, start)
            end = len(data) if separator < 0 else separator
            if end - start > spec.maximum:
                raise GS1Error("at most %d characters before the next FNC1, got %d" % (spec.maximum, end - start),
                               ai, start)
        elements.append((ai, data[start:end], start))
        position = end
    return elements


def parse(text, today=None):
    """Parse a scanned or typed GS1 string into a GS1Result."""
    if not text or not text.strip():
        raise GS1Error("nothing to parse")
    data = text.strip("\r\n")
    symbology = None
    if data.startswith("]"):
        symbology = SYMBOLOGIES.get(data[:3])
        if not symbology:
            raise GS1Error("symbology identifier %r is not a GS1 one" % data[:3], position=0)
        data = data[3:]
    elements = _split_hri(data) if data.startswith("(") else _split_element_string(data)
    if not elements:
        raise GS1Error("no element found")
    values = {}
    for ai, value, position in elements:
        parsed = _validate(ai, value, position, today)
        if ai in values and values[ai] != parsed:
            raise GS1Error("appears twice with different values", ai, position)
        values[ai] = parsed
    quantity = values.get("30") or values.get("37")
    return GS1Result(
        symbology=symbology,
        elements=[(ai, value) for ai, value, _position in elements],
        gtin=values.get("01") or values.get("02"),
        lot=values.get("10"),
        serial=values.get("21"),
        expiry=values.get("17"),
        production_date=values.get("11"),
        quantity=int(quantity) if quantity else None,
    )


def element_string(elements):
    """The FNC1-separated element string of [(ai, value)]: no separator after fixed-length data."""
    parts = []
    for index, (ai, value) in enumerate(elements):
        parts.append(ai + value)
        if not AIS[ai].fixed and index < len(elements) - 1:
            parts.append(GS)
    return "".join(parts)


def hri(elements):
    """The human-readable form ``(01)...(17)...`` of [(ai, value)]."""
    return "".join("(%s)%s" % (ai, value) for ai, value in elements)


def gtin14(gtin):
    """A GTIN-8, -12 or -13 padded to the 14 digits of AI (01)."""
    return gtin.zfill(14)

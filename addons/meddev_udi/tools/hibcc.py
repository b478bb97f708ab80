"""HIBCC (HIBC LIC) primary and secondary data with the mod-43 check (pure Python, no ORM)."""
import datetime
from collections import namedtuple

CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%"
HIBCResult = namedtuple("HIBCResult", "labeler product unit_of_measure lot serial expiry")


class HIBCError(ValueError):
    def __init__(self, message, position=None):
        super().__init__(message if position is None else "position %d: %s" % (position, message))
        self.position, self.reason = position, message


def check_character(data):
    """HIBC mod-43 check character of ``data`` (the characters before it, '+' included)."""
    try:
        return CHARSET[sum(CHARSET.index(ch) for ch in data) % 43]
    except ValueError:
        bad = next(ch for ch in data if ch not in CHARSET)
        raise HIBCError("character %r is not allowed in HIBC data" % bad, data.index(bad)) from None


def _date(flag, text):
    """(expiry date or None, characters used) for a secondary date format flag."""
    formats = {"2": ("%m%d%y", 6), "3": ("%y%m%d", 6), "4": ("%y%m%d%H", 8), "5": ("%y%j", 5),
               "6": ("%y%j%H", 7), "7": (None, 0)}
    if flag in "01":  # MMYY straight after $$, the month's first digit is the flag
        value = datetime.datetime.strptime(text[:4], "%m%y").date()
        return value, 4
    fmt, length = formats[flag]
    if fmt is None:
        return None, 1
    return datetime.datetime.strptime(text[1:1 + length], fmt).date(), 1 + length


def _secondary(body, position):
    """lot, serial, expiry of secondary data (after the '/' or the leading '+')."""
    if not body.startswith("$"):
        raise HIBCError("secondary data starts with '$'", position)
    serial = body.startswith("$$+") or (body.startswith("$+") and not body.startswith("$$"))
    rest = body[3:] if body.startswith("$$+") else body[2:] if body.startswith(("$$", "$+")) else body[1:]
    expiry = None
    if body.startswith("$$"):
        if not rest or rest[0] not in "01234567":
            raise HIBCError("unsupported date or quantity format flag %r" % rest[:1], position + 2)
        try:
            expiry, used = _date(rest[0], rest)
        except ValueError:
            raise HIBCError("invalid date in %r" % rest[:9], position + 2) from None
        rest = rest[used:]
    if not rest:
        raise HIBCError("the lot or serial number is missing", position + len(body))
    return (None, rest, expiry) if serial else (rest, None, expiry)


def parse(text):
    """Parse HIBC LIC data: primary, secondary (with link character), or both concatenated."""
    data = text.strip().rstrip("\r\n")
    if data.startswith("*") and data.endswith("*"):
        data = data[1:-1]
    if not data.startswith("+") or len(data) < 3:
        raise HIBCError("HIBC data starts with '+'", 0)
    payload, check = data[:-1], data[-1]
    expected = check_character(payload)
    if check != expected:
        raise HIBCError("wrong check character %r (expected %r)" % (check, expected), len(data) - 1)
    if payload.startswith("+$"):
        # Standalone secondary: its last data character links it to the primary.
        lot, serial, expiry = _secondary(payload[1:-1], 1)
        return HIBCResult(None, None, None, lot, serial, expiry)
    primary, _, secondary = payload[1:].partition("/")
    if len(primary) < 6 or not primary[0].isalpha():
        raise HIBCError("the labeler code is 4 characters starting with a letter, then the product", 1)
    if not primary[-1].isdigit():
        raise HIBCError("the unit of measure is a digit", len(primary))
    labeler, product, unit = primary[:4], primary[4:-1], int(primary[-1])
    if not 1 <= len(product) <= 18 or not product.isalnum():
        raise HIBCError("the product code is 1 to 18 letters or digits", 5)
    lot = serial = expiry = None
    if secondary:
        lot, serial, expiry = _secondary(secondary, len(primary) + 2)
    return HIBCResult(labeler, product, unit, lot, serial, expiry)

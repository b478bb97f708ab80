"""UDI device identifiers and full UDIs by issuing agency (pure Python, no ORM)."""
from . import gs1, hibcc

# Reasons are English source strings; callers translate them.
_REASONS = {
    "gtin": "a GS1 UDI-DI is a GTIN-8, -12, -13 or -14 of digits with a valid check digit",
    "hibcc": "a HIBCC UDI-DI is '+', a 4-character labeler code starting with a letter, a product code "
             "and a unit-of-measure digit",
    "iccbba": "an ICCBBA UDI-DI starts with '=/' followed by the product code",
    "ma": "an MA code starts with 'MA.' followed by dot-separated segments",
}


def di_error(agency, di):
    """None when ``di`` is a well-formed device identifier of ``agency``, else the reason."""
    agency = agency or "gs1"
    if agency == "gs1":
        return None if gs1.valid_gtin(di) else _REASONS["gtin"]
    if agency == "hibcc":
        body = di[1:] if di.startswith("+") else ""
        ok = 6 <= len(body) <= 23 and body[0].isalpha() and body[:4].isalnum() and body[-1].isdigit() \
            and body[4:-1].isalnum()
        return None if ok else _REASONS["hibcc"]
    if agency == "iccbba":
        return None if di.startswith("=/") and len(di) > 2 else _REASONS["iccbba"]
    if agency == "ma":
        parts = di.split(".")
        return None if len(parts) >= 3 and parts[0] == "MA" and all(parts[1:]) else _REASONS["ma"]
    return None


def gtin_variants(code):
    """The spellings under which a GTIN may be stored: as given, as GTIN-14, and without leading zeros
    down to GTIN-13/12/8."""
    variants = [code]
    if code.isdigit() and len(code) <= 14:
        full = code.zfill(14)
        variants.append(full)
        for length in (13, 12, 8):
            if full[:14 - length] == "0" * (14 - length):
                variants.append(full[14 - length:])
    return list(dict.fromkeys(variants))


def pi_elements(lot=None, serial=None, production_date=None, expiry_date=None):
    """GS1 AIs of the production identifier in the order of FDA's and NMPA's examples: (11)(17)(10)(21)."""
    elements = []
    if production_date:
        elements.append(("11", production_date.strftime("%y%m%d")))
    if expiry_date:
        elements.append(("17", expiry_date.strftime("%y%m%d")))
    if lot:
        elements.append(("10", lot))
    if serial:
        elements.append(("21", serial))
    return elements


def gs1_udi(di, **pi):
    """(element string with FNC1 separators, human-readable form) of a GS1 UDI."""
    elements = [("01", gs1.gtin14(di))] + pi_elements(**pi)
    return gs1.element_string(elements), gs1.hri(elements)


def hibcc_udi(di, lot=None, serial=None, expiry_date=None, **_ignored):
    """HIBC LIC concatenated primary and secondary data with its check character."""
    primary = di if di.startswith("+") else "+" + di
    data = primary
    if lot or serial or expiry_date:
        # '$' lot, '$+' serial; a second '$' announces a date (format flag 3: YYMMDD).
        secondary = "$+" if serial else "$"
        if expiry_date:
            secondary = ("$$+3" if serial else "$$3") + expiry_date.strftime("%y%m%d")
        data = primary + "/" + secondary + (serial or lot or "")
    data = data.upper()
    return data + hibcc.check_character(data)


def plain_udi(di, lot=None, serial=None, production_date=None, expiry_date=None):
    """ICCBBA and MA codes: the DI followed by the PI values, as printed beside the symbol."""
    parts = [di]
    if production_date:
        parts.append(production_date.strftime("%Y%m%d"))
    if expiry_date:
        parts.append(expiry_date.strftime("%Y%m%d"))
    parts.extend(value for value in (lot, serial) if value)
    return "/".join(parts)

"""GS1-128 (Code 128 with FNC1) drawn by python-barcode, and a codeword reader to check it, pure Python.

python-barcode's ``Gs1_128`` puts FNC1 after the start character itself and
encodes the character ``\\xf1`` as FNC1; element strings from ``gs1`` separate
variable-length fields with the GS character instead.
"""
import io

import barcode
from barcode.writer import SVGWriter

GS = "\x1d"
FNC1_CHAR = "\xf1"
START = {103: "A", 104: "B", 105: "C"}
FNC1, CODE_A, CODE_B, CODE_C, SHIFT = 102, 101, 100, 99, 98
SVG_OPTIONS = {"write_text": False, "module_height": 12.0, "module_width": 0.25, "quiet_zone": 2.5}


def barcode_data(element_string):
    """python-barcode's input for the GS1-128 of ``element_string`` (GS separators as FNC1)."""
    if FNC1_CHAR in element_string:
        raise ValueError("the element string holds the character \\xf1, which python-barcode reads as FNC1")
    return element_string.replace(GS, FNC1_CHAR)


def symbol(element_string, gs1=True):
    """The python-barcode symbol: GS1-128 of a GS1 element string, or a plain Code 128 (``gs1`` False)."""
    if gs1:
        return barcode.get("gs1_128", barcode_data(element_string), writer=SVGWriter())
    return barcode.get("code128", element_string, writer=SVGWriter())


def svg(element_string, gs1=True, options=None):
    """SVG bytes of the symbol, bars only: labels print the HRI text themselves."""
    buffer = io.BytesIO()
    symbol(element_string, gs1=gs1).write(buffer, options=dict(SVG_OPTIONS, **(options or {})))
    return buffer.getvalue()


def read_codewords(codewords):
    """(gs1, data) of Code 128 symbol values (start character first, no check character, no stop).

    ``gs1`` is whether FNC1 follows the start character; later FNC1 read as GS.
    Used to check what the drawn symbol carries.
    """
    if not codewords or codewords[0] not in START:
        raise ValueError("a Code 128 symbol begins with a start character")
    charset, out = START[codewords[0]], []
    gs1 = len(codewords) > 1 and codewords[1] == FNC1
    shifted = None
    for index, value in enumerate(codewords[2 if gs1 else 1:]):
        current, shifted = shifted or charset, None
        if value == FNC1:
            out.append(GS)
        elif current == "C":
            if value < 100:
                out.append("%02d" % value)
            else:
                charset = "B" if value == CODE_B else "A"
        elif value < 96:
            out.append(chr(value + 32) if current == "B" or value < 64 else chr(value - 64))
        elif value == SHIFT:
            shifted = "B" if current == "A" else "A"
        elif value == CODE_C:
            charset = "C"
        elif (current, value) in (("A", CODE_B), ("B", CODE_A)):
            charset = "B" if value == CODE_B else "A"
        else:
            # FNC2, FNC3 and FNC4 have no place in a GS1-128 symbol.
            raise ValueError("symbol character %d (value %d) is not data in set %s" % (index + 1, value, current))
    return gs1, "".join(out)


"""GS1 DataMatrix codewords (ECC 200, ASCII encodation, FNC1 first), pure Python.

reportlab's ECC200DataMatrix (what Odoo's report engine draws DataMatrix with)
encodes in C40 only, always in a 44x44 symbol, and cannot start the symbol with
FNC1, which is what makes a DataMatrix a *GS1* DataMatrix.  The codewords and the
symbol size come from here; reportlab still adds the Reed-Solomon error
correction and places the modules.
"""

FNC1 = 232
PAD = 129
UPPER_SHIFT = 235
GS = "\x1d"

# Square ECC 200 symbols up to 44x44 (ISO/IEC 16022, table 7), all of a single
# Reed-Solomon block, the only layout reportlab's placement handles:
# (modules per side, data regions per side, data codewords, error correction codewords).
SQUARE_SIZES = (
    (10, 1, 3, 5), (12, 1, 5, 7), (14, 1, 8, 10), (16, 1, 12, 12), (18, 1, 18, 14), (20, 1, 22, 18),
    (22, 1, 30, 20), (24, 1, 36, 24), (26, 1, 44, 28), (32, 2, 62, 36), (36, 2, 86, 42), (40, 2, 114, 48),
    (44, 2, 144, 56),
)


def symbol_size(data, gs1=True, minimum=0):
    """The smallest square symbol (a SQUARE_SIZES row) holding ``data``, at least ``minimum`` modules a side.

    A uniform module size across labels of different data lengths is what
    ``minimum`` is for.  Raises ValueError when no size holds the data.
    """
    needed = len(ascii_codewords(data, None, gs1=gs1))
    for size in SQUARE_SIZES:
        if size[2] >= needed and size[0] >= minimum:
            return size
    raise ValueError("%d codewords do not fit in a symbol of %d" % (needed, SQUARE_SIZES[-1][2]))


def ascii_codewords(data, capacity, gs1=True):
    """Data codewords of ``data`` (GS characters = FNC1 separators), padded to ``capacity``.

    ``capacity`` None: the codewords alone, unpadded.

    Digit pairs take one codeword (130 + value), other ASCII characters ord + 1,
    extended characters an upper shift first.  Raises ValueError when the data
    does not fit.
    """
    codewords = [FNC1] if gs1 else []
    index = 0
    while index < len(data):
        char = data[index]
        if char.isdigit() and index + 1 < len(data) and data[index + 1].isdigit() and char.isascii() \
                and data[index + 1].isascii():
            codewords.append(130 + int(data[index:index + 2]))
            index += 2
            continue
        code = ord(char)
        if char == GS and gs1:
            codewords.append(FNC1)
        elif code < 128:
            codewords.append(code + 1)
        elif code < 256:
            codewords.extend([UPPER_SHIFT, code - 127])
        else:
            raise ValueError("character %r cannot be encoded in a DataMatrix" % char)
        index += 1
    if capacity is None:
        return codewords
    if len(codewords) > capacity:
        raise ValueError("%d codewords do not fit in a symbol of %d" % (len(codewords), capacity))
    if len(codewords) < capacity:
        codewords.append(PAD)
        # The following pads are scrambled by the 253-state algorithm (ISO/IEC 16022, 5.2.3).
        while len(codewords) < capacity:
            pseudo_random = ((149 * (len(codewords) + 1)) % 253) + 1
            value = PAD + pseudo_random
            codewords.append(value if value <= 254 else value - 254)
    return codewords


def decode_ascii(codewords):
    """The data of ASCII-encoded codewords (FNC1 as GS, the leading one dropped): for checks and tests."""
    out, index, first = [], 0, True
    while index < len(codewords):
        word = codewords[index]
        if word == PAD:
            break
        if word == FNC1:
            if not first:
                out.append(GS)
        elif 130 <= word <= 229:
            out.append("%02d" % (word - 130))
        elif word == UPPER_SHIFT:
            index += 1
            out.append(chr(codewords[index] + 127))
        elif 1 <= word <= 128:
            out.append(chr(word - 1))
        else:
            raise ValueError("unsupported codeword %d" % word)
        first = False
        index += 1
    return "".join(out)

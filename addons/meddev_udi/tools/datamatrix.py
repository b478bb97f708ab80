"""GS1 DataMatrix codewords (ECC 200, ASCII encodation, FNC1 first), pure Python.

reportlab's ECC200DataMatrix (what Odoo's report engine draws DataMatrix with)
encodes in C40 only and cannot start the symbol with FNC1, which is what makes a
DataMatrix a *GS1* DataMatrix.  The codewords come from here; reportlab still
adds the Reed-Solomon error correction and draws the modules.
"""

FNC1 = 232
PAD = 129
UPPER_SHIFT = 235
GS = "\x1d"


def ascii_codewords(data, capacity, gs1=True):
    """Data codewords of ``data`` (GS characters = FNC1 separators), padded to ``capacity``.

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

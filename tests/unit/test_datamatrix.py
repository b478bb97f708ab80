"""GS1 DataMatrix: ASCII codewords with FNC1 (pure) and a real decode of the drawn symbol (libdmtx)."""
import io

import pytest
from PIL import Image
from pylibdmtx import pylibdmtx
from reportlab.graphics.barcode import createBarcodeDrawing

from odoo.addons.meddev_udi.models.ir_actions_report import DataMatrixASCII, GS1DataMatrix
from odoo.addons.meddev_udi.tools import datamatrix

GS = datamatrix.GS


def test_fnc1_first_digit_pairs_and_separators():
    codewords = datamatrix.ascii_codewords("0106901234500011" + "10A1" + GS + "21S", 20)
    assert codewords[0] == datamatrix.FNC1
    # "01" "06" "90" ... as single codewords 130 + pair.
    assert codewords[1:9] == [131, 136, 220, 142, 164, 180, 130, 141]
    assert codewords.count(datamatrix.FNC1) == 2
    assert len(codewords) == 20
    assert datamatrix.decode_ascii(codewords) == "0106901234500011" + "10A1" + GS + "21S"


def test_padding_is_scrambled_and_capacity_enforced():
    codewords = datamatrix.ascii_codewords("01", 6)
    assert codewords[:3] == [datamatrix.FNC1, 131, datamatrix.PAD]
    assert all(1 <= word <= 254 for word in codewords)
    assert codewords[3] == 129 + ((149 * 4) % 253) + 1  # 253-state scrambling of the 4th codeword
    with pytest.raises(ValueError, match="do not fit"):
        datamatrix.ascii_codewords("X" * 10, 6)
    with pytest.raises(ValueError, match="cannot be encoded"):
        datamatrix.ascii_codewords("é€", 20)


def test_drawn_symbol_decodes_to_the_udi():
    data = "0106901234500011" + "17281231" + "10LOT42" + GS + "21SN7"
    drawing = createBarcodeDrawing(GS1DataMatrix.codeName, value=data, width=352, height=352)
    image = Image.open(io.BytesIO(drawing.asString("png"))).convert("L")
    canvas = Image.new("L", (image.width + 80, image.height + 80), 255)
    canvas.paste(image, (40, 40))
    decoded = pylibdmtx.decode(canvas)
    # libdmtx reports the GS1 data without its FNC1 characters.
    assert [result.data.decode() for result in decoded] == [data.replace(GS, "")]


def decode(drawing):
    image = Image.open(io.BytesIO(drawing.asString("png"))).convert("L")
    canvas = Image.new("L", (image.width + 80, image.height + 80), 255)
    canvas.paste(image, (40, 40))
    return [result.data.decode() for result in pylibdmtx.decode(canvas)]


def test_smallest_square_size_is_chosen():
    assert datamatrix.symbol_size("01")[0] == 10  # FNC1 + one digit pair + pad
    assert datamatrix.symbol_size("AB")[0] == 10
    assert datamatrix.symbol_size("ABC")[0] == 12
    # A typical UDI: GTIN, expiry, lot.
    assert datamatrix.symbol_size("0106901234500011" + "17281231" + "10L2411-00001")[0] == 20
    assert datamatrix.symbol_size("01", minimum=16)[0] == 16
    with pytest.raises(ValueError, match="do not fit"):
        datamatrix.symbol_size("X" * 144)


@pytest.mark.parametrize("size", datamatrix.SQUARE_SIZES, ids=lambda size: "%dx%d" % (size[0], size[0]))
def test_every_size_decodes_full_and_padded(size):
    side, _regions, capacity, _ecc = size
    for data in ("A" * (capacity - 1), "1" * (capacity - 1)):
        # Digit pairs take half the codewords: the second value leaves room for pads.
        drawing = createBarcodeDrawing(GS1DataMatrix.codeName, value=data, width=side * 8, height=side * 8)
        assert decode(drawing) == [data]
    widget = GS1DataMatrix(value="A" * (capacity - 1))  # FNC1 + one codeword a letter: exactly full
    widget.validate()
    assert len(widget.encode()) == side and all(len(row) == side for row in widget.encoded)


def test_symbol_modules_and_corner_pattern():
    def data_area(widget):
        widget.validate()
        rows = widget.encode()
        assert len(rows) == widget.row_modules and all(len(row) == widget.row_modules for row in rows)
        # encode() lists rows bottom first (PDF y axis); the finder pattern surrounds the data area.
        return [row[1:-1] for row in reversed(rows)][1:-1]

    widget = GS1DataMatrix(value="ABC")
    area = data_area(widget)
    assert (widget.row_modules, widget.cw_data, widget.cw_ecc) == (12, 5, 7)
    # 10x10 data modules hold 12 codewords (96 bits): the lower right 2x2 take ISO/IEC 16022's fixed pattern.
    assert [area[8][8:10], area[9][8:10]] == [[1, 0], [0, 1]]
    # 8x8 modules hold the 8 codewords of a 10x10 symbol exactly: no fixed pattern, only data.
    widget = GS1DataMatrix(value="A")
    data_area(widget)
    assert widget._placed == 64


def test_fnc1_codewords_reach_the_symbol_and_ascii_variant_has_none():
    data = "0106901234500011" + "10A1" + GS + "21S"
    gs1_widget = GS1DataMatrix(value=data)
    gs1_widget.validate()
    codewords = gs1_widget._encode_c40(data)
    assert codewords[0] == datamatrix.FNC1 and codewords.count(datamatrix.FNC1) == 2
    ascii_widget = DataMatrixASCII(value="+H123PROD1/$$3LOT1Z")
    ascii_widget.validate()
    assert datamatrix.FNC1 not in ascii_widget._encode_c40(ascii_widget.value)
    drawing = createBarcodeDrawing(DataMatrixASCII.codeName, value="+H123PROD1/$$3LOT1Z", width=200, height=200)
    assert decode(drawing) == ["+H123PROD1/$$3LOT1Z"]

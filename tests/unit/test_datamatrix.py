"""GS1 DataMatrix: ASCII codewords with FNC1 (pure) and a real decode of the drawn symbol (libdmtx)."""
import io

import pytest
from PIL import Image
from pylibdmtx import pylibdmtx
from reportlab.graphics.barcode import createBarcodeDrawing

from odoo.addons.meddev_udi.models.ir_actions_report import GS1DataMatrix
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

"""GS1-128 through python-barcode: FNC1 first and as separator, read back from the symbol's values."""
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.meddev_udi.tools import gs1, gs1_128

GS = gs1.GS


def symbol_values(element_string, use_gs1=True):
    code = gs1_128.symbol(element_string, gs1=use_gs1)
    return code.encoded


def test_fnc1_leads_and_separates():
    data = "0106901234500011" + "17281231" + "10123" + GS + "21S7"
    values = symbol_values(data)
    assert values[:2] == [105, gs1_128.FNC1]  # Start C, FNC1: a GS1-128 symbol
    assert values.count(gs1_128.FNC1) == 2
    assert gs1_128.read_codewords(values) == (True, data)


def test_fda_guidance_example_reads_back():
    # FDA UDI guidance / GS1 example: (01)00643169007222(17)160128(21)21A0008
    data = gs1.element_string([("01", "00643169007222"), ("17", "160128"), ("21", "21A0008")])
    gs1_flag, read = gs1_128.read_codewords(symbol_values(data))
    assert gs1_flag and read == data
    assert gs1.parse(read).serial == "21A0008"


def test_plain_code128_has_no_fnc1():
    values = symbol_values("+H123PROD1/$$3LOT1Z", use_gs1=False)
    assert values[1] != gs1_128.FNC1
    assert gs1_128.read_codewords(values) == (False, "+H123PROD1/$$3LOT1Z")


def test_svg_draws_bars_without_text():
    drawing = gs1_128.svg("0106901234500011" + "10LOT1").decode()
    assert drawing.count("<rect") > 20
    assert not re.search(r"<text[^>]*>[^<]", drawing)


def test_fnc1_character_in_data_refused():
    with pytest.raises(ValueError, match="FNC1"):
        gs1_128.barcode_data("10A\xf1B")


def test_reader_rejects_what_is_not_code128():
    with pytest.raises(ValueError, match="start character"):
        gs1_128.read_codewords([1, 2, 3])
    with pytest.raises(ValueError, match="not data"):
        gs1_128.read_codewords([104, 102, 96])


ai_values = st.one_of(
    st.text(alphabet="0123456789", min_size=1, max_size=20),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-./_", min_size=1, max_size=20),
)


@given(st.lists(st.tuples(st.sampled_from(["10", "21", "240", "91"]), ai_values), min_size=1, max_size=4),
       st.booleans())
def test_any_element_string_reads_back(fields, with_gtin):
    data = GS.join(ai + value for ai, value in fields)
    if with_gtin:
        data = "0106901234500011" + data
    assert gs1_128.read_codewords(symbol_values(data)) == (True, data)

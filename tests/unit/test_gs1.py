"""GS1 and HIBCC parsing (meddev_udi/tools), pure."""
import contextlib
import datetime
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.meddev_udi.tools import gs1, hibcc

GS = gs1.GS
TODAY = datetime.date(2026, 11, 22)


def test_gs1_general_specifications_example_gtin():
    assert gs1.valid_gtin("09506000134352")
    assert gs1.check_digit("0950600013435") == 2
    assert not gs1.valid_gtin("09506000134353")


def test_fda_udi_example_in_every_form():
    # FDA GUDID guidance style UDI: DI, manufacturing date, expiry, lot, serial.
    hri = "(01)10884521062856(11)141231(17)150707(10)A213B1(21)1234"
    expected = [("01", "10884521062856"), ("11", "141231"), ("17", "150707"), ("10", "A213B1"), ("21", "1234")]
    for text, symbology in ((hri, None),
                            ("]d2" + gs1.element_string(expected), "GS1 DataMatrix"),
                            ("]C1" + gs1.element_string(expected), "GS1-128")):
        result = gs1.parse(text, TODAY)
        assert result.elements == expected
        assert result.symbology == symbology
        assert (result.gtin, result.lot, result.serial) == ("10884521062856", "A213B1", "1234")
        assert result.production_date == datetime.date(2014, 12, 31)
        assert result.expiry == datetime.date(2015, 7, 7)
    assert gs1.hri(expected) == hri
    assert gs1.element_string(expected) == "0110884521062856111412311715070710A213B1" + GS + "211234"


def test_day_00_is_the_last_day_of_the_month_and_the_century_rule():
    assert gs1.parse("(17)260200", TODAY).expiry == datetime.date(2026, 2, 28)
    assert gs1.parse("(17)240200", TODAY).expiry == datetime.date(2024, 2, 29)
    assert gs1.parse("(11)991231", TODAY).production_date == datetime.date(1999, 12, 31)
    assert gs1.parse("(17)750101", TODAY).expiry == datetime.date(2075, 1, 1)
    assert gs1.parse("(17)770101", TODAY).expiry == datetime.date(1977, 1, 1)


def test_variable_length_data_ends_at_fnc1_or_the_end():
    result = gs1.parse("]Q3" + "10LOT-42" + GS + "0109506000134352" + "3103000500" + "21SN" + GS + "37" + "12",
                       TODAY)
    assert result.elements == [("10", "LOT-42"), ("01", "09506000134352"), ("3103", "000500"), ("21", "SN"),
                               ("37", "12")]
    assert result.quantity == 12


@pytest.mark.parametrize(("text", "ai", "reason"), [
    ("0109506000134353", "01", "wrong check digit 3 (expected 2)"),
    ("01095060001343", "01", "cut short"),
    ("(01)0950600013435", "01", "expects 14 characters"),
    ("0109506000134352" + "17261332", "17", "month 13"),
    ("0109506000134352" + "17260231", "17", "day 31"),
    ("10" + "A" * 21, "10", "at most 20 characters"),
    ("10LOT#1", "10", "'#' is not allowed"),
    ("(01)09506000134352(01)09506000134369", "01", "twice"),
    ("(37)12A", "37", "digits only"),
])
def test_refusals_name_the_ai_and_the_reason(text, ai, reason):
    with pytest.raises(gs1.GS1Error) as info:
        gs1.parse(text, TODAY)
    assert info.value.ai == ai
    assert reason in str(info.value)
    assert info.value.position is not None


@pytest.mark.parametrize("text", ["", "   ", "]A0010950600013435", "9X", "(01", "(999)123", "0"])
def test_malformed_input_is_refused(text):
    with pytest.raises(gs1.GS1Error):
        gs1.parse(text, TODAY)


@given(st.text(alphabet="0123456789()ABCX-" + GS, max_size=60))
def test_never_crashes(text):
    with contextlib.suppress(gs1.GS1Error):
        gs1.parse(text, TODAY)


@given(st.text(alphabet="0123456789", min_size=13, max_size=13), st.integers(1, 9))
def test_never_accepts_a_wrong_check_digit(body, shift):
    good = body + str(gs1.check_digit(body))
    assert gs1.parse("01" + good, TODAY).gtin == good
    wrong = body + str((int(good[-1]) + shift) % 10)
    with pytest.raises(gs1.GS1Error, match="check digit"):
        gs1.parse("01" + wrong, TODAY)


def test_hibcc_primary_and_secondary():
    primary = "+A123BJC5D6E71"
    data = primary + hibcc.check_character(primary)
    result = hibcc.parse(data)
    assert (result.labeler, result.product, result.unit_of_measure) == ("A123", "BJC5D6E7", 1)
    concatenated = "+A123BJC5D6E71/$$3261231LOTA1"
    result = hibcc.parse(concatenated + hibcc.check_character(concatenated))
    assert (result.lot, result.expiry) == ("LOTA1", datetime.date(2026, 12, 31))
    link = data[-1]
    secondary = "+$$+0827SN0042" + link
    result = hibcc.parse(secondary + hibcc.check_character(secondary))
    assert (result.serial, result.expiry) == ("SN0042", datetime.date(2027, 8, 1))


@pytest.mark.parametrize(("text", "reason"), [
    ("+A123BJC5D6E71X", "wrong check character"),
    ("A123BJC5D6E71", "starts with '+'"),
    ("+a12", "'a' is not allowed"),
])
def test_hibcc_refusals(text, reason):
    with pytest.raises(hibcc.HIBCError, match=re.escape(reason)):
        hibcc.parse(text)


@given(st.text(alphabet=hibcc.CHARSET, min_size=1, max_size=30))
def test_hibcc_never_crashes_and_checks_every_character(text):
    data = "+" + text
    with contextlib.suppress(hibcc.HIBCError):
        hibcc.parse(data + hibcc.check_character(data))
    wrong = hibcc.CHARSET[(hibcc.CHARSET.index(hibcc.check_character(data)) + 1) % 43]
    with pytest.raises(hibcc.HIBCError):
        hibcc.parse(data + wrong)

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


# Examples of the GS1 General Specifications and FDA's UDI guidance, one per AI class.
@pytest.mark.parametrize(("text", "elements"), [
    # SSCC (00), predefined fixed length with check digit.
    ("(00)376104250021234569", [("00", "376104250021234569")]),
    # GTIN then a trade measure, both predefined fixed length: no FNC1 between them.
    ("0195012345678903" + "3103000123", [("01", "95012345678903"), ("3103", "000123")]),
    # CONTENT (02) with COUNT (37), as on a logistic unit.
    ("(02)95012345678903(37)10", [("02", "95012345678903"), ("37", "10")]),
    # Variant (20), fixed length two digits.
    ("(01)95012345678903(20)07", [("01", "95012345678903"), ("20", "07")]),
    # GLN (414) with its extension (254), a check-digit AI then a variable one.
    ("(414)0614141000036(254)5678", [("414", "0614141000036"), ("254", "5678")]),
    # GSRN (8017), 4-digit AI with check digit.
    ("(8017)106141411234567897", [("8017", "106141411234567897")]),
    # ITIP (8006): GTIN with its check digit, then piece and total.
    ("(8006)095012345678910102", [("8006", "095012345678910102")]),
    # Amount payable (392n): variable length, decimal point in the AI.
    ("0195012345678903" + "3922" + "1250", [("01", "95012345678903"), ("3922", "1250")]),
    # Additional product ID (240) and secondary serial (250), variable, FNC1 separated.
    ("]C1" + "240A/B.1" + GS + "250S1", [("240", "A/B.1"), ("250", "S1")]),
    # Company internal (91-99).
    ("(91)XYZ-1(92)ABC", [("91", "XYZ-1"), ("92", "ABC")]),
    # Expiration date and time (7003), fixed 10 digits.
    ("(01)95012345678903(7003)2612311530", [("01", "95012345678903"), ("7003", "2612311530")]),
    # FDA GUDID guidance example (GS1), as a GS1 DataBar would send it.
    ("]e0" + "0151022222233336" + "11141231" + "17150707" + "10A213B1" + GS + "211234",
     [("01", "51022222233336"), ("11", "141231"), ("17", "150707"), ("10", "A213B1"), ("21", "1234")]),
])
def test_published_examples_of_every_ai_class(text, elements):
    assert gs1.parse(text, TODAY).elements == elements


def test_fnc1_first_and_after_fixed_length_data_is_tolerated():
    # Scanners may transmit the leading FNC1, and encoders may put one after
    # predefined fixed-length data: neither changes the elements.
    result = gs1.parse(GS + "0195012345678903" + GS + "10ABC", TODAY)
    assert result.elements == [("01", "95012345678903"), ("10", "ABC")]
    assert result.lot == "ABC"


@pytest.mark.parametrize(("text", "ai", "position"), [
    ("(00)376104250021234568", "00", 21),
    ("00376104250021234568", "00", 19),
    ("(414)0614141000037", "414", 17),
    ("(422)15", "422", 5),
    ("0195012345678903" + "11" + "141301", "11", 18),
])
def test_refusals_give_the_exact_position(text, ai, position):
    with pytest.raises(gs1.GS1Error) as info:
        gs1.parse(text, TODAY)
    assert (info.value.ai, info.value.position) == (ai, position)


def test_unknown_ai_is_refused_at_its_position():
    with pytest.raises(gs1.GS1Error) as info:
        gs1.parse("0195012345678903" + "2312345", TODAY)
    assert info.value.position == 16
    assert "2312" in str(info.value)


_LOT = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-./", min_size=1, max_size=20)


@given(st.text(alphabet="0123456789", min_size=13, max_size=13),
       st.dates(datetime.date(2001, 1, 1), datetime.date(2075, 12, 31)), _LOT, _LOT)
def test_element_string_and_hri_round_trip(body, expiry, lot, serial):
    elements = [("01", body + str(gs1.check_digit(body))), ("17", expiry.strftime("%y%m%d")), ("10", lot),
                ("21", serial)]
    for text in (gs1.element_string(elements), "]d2" + gs1.element_string(elements), gs1.hri(elements)):
        result = gs1.parse(text, TODAY)
        assert result.elements == elements
        assert (result.lot, result.serial, result.expiry) == (lot, serial, expiry)


def test_expiry_date_and_time_7003_is_validated():
    result = gs1.parse("(01)95012345678903(7003)2612311530", today=TODAY)
    assert dict(result.elements)["7003"] == "2612311530"
    with pytest.raises(gs1.GS1Error, match=r"AI \(7003\).*month 13"):
        gs1.parse("(01)95012345678903(7003)2613311530", today=TODAY)
    with pytest.raises(gs1.GS1Error, match=r"AI \(7003\).*hour must be in 0..23"):
        gs1.parse("(01)95012345678903(7003)2612312530", today=TODAY)
    with pytest.raises(gs1.GS1Error, match=r"AI \(7003\).*day 00"):
        gs1.parse("(01)95012345678903(7003)2612001530", today=TODAY)

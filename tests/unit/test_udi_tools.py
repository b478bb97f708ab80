"""UDI identifiers by issuing agency and the NMPA workbook layout (pure functions)."""
import datetime
import io

import openpyxl
import pytest

from odoo.addons.meddev_udi.tools import gs1, hibcc, nmpa, udi


@pytest.mark.parametrize("agency, di, ok", [
    ("gs1", "06901234500011", True),
    ("gs1", "6901234500011", True),
    ("gs1", "06901234500012", False),
    ("gs1", "0690123450001A", False),
    ("hibcc", "+A99912345", True),
    ("hibcc", "+199912345", False),
    ("hibcc", "A99912345", False),
    ("iccbba", "=/A9999XYZ100T0944", True),
    ("iccbba", "A9999", False),
    ("ma", "MA.156.M0.100001.1234567", True),
    ("ma", "MB.156", False),
])
def test_di_validation_by_agency(agency, di, ok):
    assert (udi.di_error(agency, di) is None) is ok


def test_gtin_variants_cover_every_length():
    assert udi.gtin_variants("06901234500011") == ["06901234500011", "6901234500011"]
    assert "00000012345670"[1:] in udi.gtin_variants("12345670")
    assert udi.gtin_variants("+A99912345") == ["+A99912345"]


def test_gs1_udi_round_trips_through_the_parser():
    encoded, text = udi.gs1_udi("6901234500011", lot="A1/2", serial="S9", production_date=datetime.date(2026, 1, 31),
                                expiry_date=datetime.date(2028, 2, 29))
    assert text == "(01)06901234500011(11)260131(17)280229(10)A1/2(21)S9"
    result = gs1.parse("]d2" + encoded)
    assert (result.gtin, result.lot, result.serial, result.expiry) == (
        "06901234500011", "A1/2", "S9", datetime.date(2028, 2, 29))
    assert gs1.parse(text).elements == result.elements


def test_hibcc_udi_round_trips_through_the_parser():
    data = udi.hibcc_udi("+A99912345", lot="lot7", expiry_date=datetime.date(2027, 5, 31))
    result = hibcc.parse(data)
    assert (result.labeler, result.product, result.unit_of_measure) == ("A999", "1234", 5)
    assert (result.lot, result.expiry) == ("LOT7", datetime.date(2027, 5, 31))
    serial = hibcc.parse(udi.hibcc_udi("+A99912345", serial="SN1"))
    assert serial.serial == "SN1" and serial.lot is None


def test_nmpa_package_levels_contain_the_next_lower_level():
    rows = nmpa.package_rows("06901234500011", [("26901234500015", 200), ("16901234500018", 20)])
    assert [(r["BZCPBS"], r["BZNHXYJBZCPBS"], r["BZNHXYJCPBSSL"], r["CPBZJB"]) for r in rows] == [
        ("16901234500018", "06901234500011", 20, "1级包装"),
        ("26901234500015", "16901234500018", 10, "2级包装"),
    ]


def test_nmpa_workbook_layout():
    device = {"di": "06901234500011", "agency": "gs1", "name": "Infusion set", "generic_name": "输液器",
              "device_class": "2b", "kind": "ivd", "single_use": True, "max_reuses": 3, "pi_lot": True,
              "publish_date": datetime.date(2024, 6, 1), "packages": [("16901234500018", 20)]}
    book = openpyxl.load_workbook(io.BytesIO(nmpa.workbook([device])))
    sheet = book["产品标识信息"]
    codes = [cell.value for cell in sheet[2]]
    assert codes == [code for code, _label in nmpa.DEVICE_COLUMNS]
    row = dict(zip(codes, [cell.value for cell in sheet[3]], strict=True))
    assert row["CPMCTYMC"] == "输液器" and row["GLLB"] == "II" and row["QXLB"] == "体外诊断试剂"
    # Single-use devices have no reuse count.
    assert row["SFBJWYCXSY"] == "是" and row["ZDCFSYCS"] is None
    assert row["CPBSFBRQ"] == datetime.datetime(2024, 6, 1)
    assert book["包装标识信息"].max_row == 3

"""UDI master data, lots and the NMPA export through XML-RPC, on a running server with demo data."""
import base64
import io
import xmlrpc.client

import openpyxl
import pytest


def fault(call, *args, **kwargs):
    with pytest.raises(xmlrpc.client.Fault) as info:
        call(*args, **kwargs)
    return info.value.faultString


def test_load_a_udi_device_and_read_its_lot_udi(login):
    admin = login("admin")
    template_id = admin("product.template", "create", {
        "name": "RPC Catheter", "is_storable": True, "tracking": "lot", "use_expiration_date": True,
        "meddev_udi_regulated": True, "meddev_udi_di": "06959999100014", "meddev_pi_expiry_date": True,
        "meddev_registration_number": "国械注准20243140001", "meddev_device_class": "3"})
    product_id = admin("product.product", "search", [("product_tmpl_id", "=", template_id)])[0]
    lot_id = admin("stock.lot", "create", {"product_id": product_id, "name": "RPC-1",
                                           "expiration_date": "2029-01-31 12:00:00"})
    lot = admin("stock.lot", "read", [lot_id], ["meddev_udi_hri", "meddev_udi_element_string", "meddev_udi_pi"])[0]
    assert lot["meddev_udi_hri"] == "(01)06959999100014(17)290131(10)RPC-1"
    assert lot["meddev_udi_pi"] == "(17)290131(10)RPC-1"
    assert lot["meddev_udi_element_string"] == "01069599991000141729013110RPC-1"


def test_a_wrong_check_digit_is_refused_and_nothing_is_created(login):
    admin = login("admin")
    before = admin("product.template", "search_count", [("name", "=", "RPC Bad DI")])
    message = fault(admin, "product.template", "create", {
        "name": "RPC Bad DI", "meddev_udi_regulated": True, "meddev_udi_di": "06959999100015"})
    assert "check digit" in message
    assert admin("product.template", "search_count", [("name", "=", "RPC Bad DI")]) == before


def test_nmpa_export_of_the_demo_devices(login):
    admin = login("admin")
    data = admin("product.template", "export_nmpa_udi_xlsx", [("default_code", "in", ["IS-200", "IP-200"])])
    sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(data)))["产品标识信息"]
    codes = [cell.value for cell in sheet[2]]
    rows = [dict(zip(codes, [cell.value for cell in row], strict=True)) for row in sheet.iter_rows(min_row=3)]
    assert sorted(row["ZXXSDYCPBS"] for row in rows) == ["06901234500011", "06901234500035"]
    assert all(row["ZCZBHHZBAPZBH"] for row in rows)

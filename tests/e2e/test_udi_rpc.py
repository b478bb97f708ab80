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


def test_scan_a_receipt_over_rpc(login):
    user = login("admin")
    product = user("product.product", "search_read", [("default_code", "=", "IS-200")], ["id", "uom_id"])[0]
    picking_type = user("stock.picking.type", "search_read", [("code", "=", "incoming")],
                        ["id", "default_location_src_id", "default_location_dest_id"], limit=1)[0]
    src, dest = picking_type["default_location_src_id"][0], picking_type["default_location_dest_id"][0]
    picking_id = user("stock.picking", "create", {
        "picking_type_id": picking_type["id"], "location_id": src, "location_dest_id": dest,
        "move_ids": [(0, 0, {"name": "IS-200", "product_id": product["id"], "product_uom_qty": 21,
                             "product_uom": product["uom_id"][0], "location_id": src, "location_dest_id": dest})],
    })
    user("stock.picking", "action_confirm", [picking_id])
    result = user("stock.picking", "meddev_scan_udi", [picking_id], "]d2011690123450001817301231" + "10RPC-LOT-1")
    assert result["lot"] == "RPC-LOT-1" and result["quantity"] == 20
    user("stock.picking", "meddev_scan_udi", [picking_id], "(01)06901234500011(17)301231(10)RPC-LOT-1")
    before = user("stock.move.line", "search_read", [("picking_id", "=", picking_id)], ["quantity", "lot_id"])
    assert sum(line["quantity"] for line in before) == 21
    assert "would exceed" in fault(user, "stock.picking", "meddev_scan_udi", [picking_id],
                                   "(01)06901234500011(17)301231(10)RPC-LOT-1")
    assert "No product has the device identifier" in fault(user, "stock.picking", "meddev_scan_udi", [picking_id],
                                                           "(01)06959999100021(10)X")
    after = user("stock.move.line", "search_read", [("picking_id", "=", picking_id)], ["quantity", "lot_id"])
    assert after == before


def test_genealogy_of_the_demo_history(login):
    user = login("admin")
    tubing = user("stock.lot", "search", [("name", "=", "TB-240311")])[0]
    trace = user("meddev.genealogy", "get_trace", tubing, "forward")
    finished = {child["lot_name"] for child in trace["root"]["children"]}
    assert len(finished) == 2 and all(name.startswith("FG") for name in finished)
    delivered = sum(child["delivered"] for child in trace["root"]["children"])
    assert delivered == 100
    backward = user("meddev.genealogy", "get_trace", trace["root"]["children"][0]["lot_id"], "backward")
    assert "TB-240311" in {child["lot_name"] for child in backward["root"]["children"]}
    assert user("meddev.genealogy", "export_trace_xlsx", tubing)


def test_mock_recall_drill_over_rpc(login):
    manager = login("qmanager")
    tubing = manager("stock.lot", "search", [("name", "=", "TB-240311")])
    recall_id = manager("meddev.recall", "create", {
        "title": "Drill over RPC", "is_drill": True, "suspect_lot_ids": [(6, 0, tubing)]})
    manager("meddev.recall", "action_compute", [recall_id])
    recall = manager("meddev.recall", "read", [recall_id],
                     ["state", "affected_lot_count", "customer_count", "qty_shipped"])[0]
    assert recall["state"] == "traced"
    assert recall["affected_lot_count"] == 3 and recall["customer_count"] == 2
    assert recall["qty_shipped"] == 100
    assert manager("meddev.recall", "export_notification_list_xlsx", [recall_id])

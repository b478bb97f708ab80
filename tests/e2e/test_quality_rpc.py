"""Inspection, nonconformance and CAPA through XML-RPC, on a running server with demo data."""
import xmlrpc.client

import pytest


def fault(call, *args, **kwargs):
    with pytest.raises(xmlrpc.client.Fault) as info:
        call(*args, **kwargs)
    return info.value.faultString


def sign(rpc, model, res_id, comment="signed over XML-RPC"):
    action = rpc(model, "action_meddev_sign", [res_id])
    wizard_id = rpc("meddev.signature.wizard", "create", {"password": rpc.password, "comment": comment},
                    context=action["context"])
    return rpc("meddev.signature.wizard", "action_sign", [wizard_id])


def receipt(rpc, default_code, qty):
    product = rpc("product.product", "search_read", [("default_code", "=", default_code)], ["id", "uom_id"])[0]
    picking_type = rpc("stock.picking.type", "search_read",
                       [("code", "=", "incoming"), ("company_id.meddev_regulated", "=", True)],
                       ["id", "default_location_src_id", "default_location_dest_id"], limit=1)[0]
    src, dest = picking_type["default_location_src_id"][0], picking_type["default_location_dest_id"][0]
    picking_id = rpc("stock.picking", "create", {
        "picking_type_id": picking_type["id"], "location_id": src, "location_dest_id": dest,
        "move_ids": [(0, 0, {"name": default_code, "product_id": product["id"], "product_uom_qty": qty,
                             "product_uom": product["uom_id"][0], "location_id": src, "location_dest_id": dest})],
    })
    rpc("stock.picking", "action_confirm", [picking_id])
    return picking_id


def validate(rpc, picking_id, lot_name):
    moves = rpc("stock.move", "search_read", [("picking_id", "=", picking_id)], ["id", "product_uom_qty"])
    for move in moves:
        lines = rpc("stock.move.line", "search", [("move_id", "=", move["id"])])
        rpc("stock.move.line", "write", lines, {"lot_name": lot_name, "quantity": move["product_uom_qty"]})
        rpc("stock.move", "write", [move["id"]], {"picked": True})
    return rpc("stock.picking", "button_validate", [picking_id])


def fill(rpc, inspection_id, diameter):
    for line in rpc("meddev.inspection.line", "search_read", [("inspection_id", "=", inspection_id)],
                    ["id", "test_type", "name"]):
        if line["test_type"] == "pass_fail":
            rpc("meddev.inspection.line", "write", [line["id"]], {"value_pass": "pass"})
        elif line["test_type"] == "measure":
            rpc("meddev.inspection.line", "write", [line["id"]], {"value_float": diameter})


def test_incoming_inspection_gates_the_receipt_and_a_failure_goes_to_quarantine_then_scrap(login):
    admin, inspector, manager = login("admin"), login("inspector"), login("qmanager")
    picking_id = receipt(admin, "C-TUBE-3", 1000)
    [inspection] = inspector("meddev.inspection", "search_read", [("picking_id", "=", picking_id)],
                             ["id", "sample_size", "accept_number", "code_letter", "state", "user_id"])
    assert (inspection["code_letter"], inspection["sample_size"], inspection["accept_number"]) == ("J", 80, 2)
    assert inspection["user_id"][0] == inspector.uid
    assert "not completed and signed" in fault(validate, admin, picking_id, "TUBE-RPC-1")
    fill(inspector, inspection["id"], 3.2)  # nominal 3.0 +/- 0.05: out of tolerance
    sign(inspector, "meddev.inspection", inspection["id"])
    assert inspector("meddev.inspection", "read", [inspection["id"]], ["state"])[0]["state"] == "failed"
    assert "locked" in fault(inspector, "meddev.inspection", "write", [inspection["id"]],
                             {"nonconforming_count": 0})
    assert "failed" in fault(validate, admin, picking_id, "TUBE-RPC-1")
    nc_id = inspector("meddev.inspection", "action_create_nonconformance", [inspection["id"]])["res_id"]
    assert inspector("meddev.nonconformance", "read", [nc_id], ["state"])[0]["state"] == "quarantined"
    assert validate(admin, picking_id, "TUBE-RPC-1") is True
    nc = manager("meddev.nonconformance", "read", [nc_id], ["state", "quarantined_qty"])[0]
    assert (nc["state"], nc["quarantined_qty"]) == ("quarantined", 1000)
    inspector("meddev.nonconformance", "write", [nc_id], {"disposition": "scrap"})
    assert "Quality Manager" in fault(sign, inspector, "meddev.nonconformance", nc_id)
    sign(manager, "meddev.nonconformance", nc_id, comment="Out of tolerance, not reworkable")
    nc = manager("meddev.nonconformance", "read", [nc_id], ["state", "quarantined_qty", "meddev_sign_state"])[0]
    assert (nc["state"], nc["quarantined_qty"], nc["meddev_sign_state"]) == ("done", 0, "signed")
    scraps = admin("stock.scrap", "search_read", [("origin", "=", admin("meddev.nonconformance", "read", [nc_id],
                                                                        ["name"])[0]["name"])],
                   ["state", "scrap_qty"])
    assert [(s["state"], s["scrap_qty"]) for s in scraps] == [("done", 1000)]
    entries = manager("meddev.audit.entry", "search_read",
                      [("model", "=", "meddev.nonconformance"), ("res_id", "=", nc_id)], ["operation"])
    assert {"create", "write", "sign"} <= {e["operation"] for e in entries}


def test_nonconformance_to_closed_capa(login):
    admin, inspector, manager, operator = login("admin"), login("inspector"), login("qmanager"), login("operator")
    product_id = admin("product.product", "search", [("default_code", "=", "C-LUER")])[0]
    nc_id = admin("meddev.nonconformance", "create", {
        "product_id": product_id, "quantity": 12, "severity": "major", "source": "complaint",
        "risk_severity": "5", "risk_occurrence": "3", "risk_detection": "3"})
    assert admin("meddev.nonconformance", "read", [nc_id], ["capa_required"])[0]["capa_required"] is True
    capa_id = admin("meddev.nonconformance", "action_escalate_capa", [nc_id])["res_id"]
    manager("meddev.capa", "action_open", [capa_id])
    assert "root cause" in fault(sign, manager, "meddev.capa", capa_id)
    manager("meddev.capa", "write", [capa_id], {"why_1": "Thread flash", "fishbone_category": "method",
                                                "root_cause": "Mould vent blocked"})
    sign(manager, "meddev.capa", capa_id)
    manager("meddev.capa", "write", [capa_id], {
        "action_ids": [(0, 0, {"name": "Clean mould vents weekly", "user_id": operator.uid,
                               "date_deadline": "2030-12-31", "action_type": "preventive"})],
        "effectiveness_criteria": "No flash in 5 lots", "verification_due": "2031-03-31"})
    sign(manager, "meddev.capa", capa_id)
    [action_id] = operator("meddev.capa.action", "search", [("capa_id", "=", capa_id)])
    operator("meddev.capa.action", "action_done", [action_id])
    assert "authored" in fault(sign, admin, "meddev.capa", capa_id)
    sign(inspector, "meddev.capa", capa_id)
    manager("meddev.capa", "write", [capa_id], {"verification_result": "effective",
                                                "verification_note": "5 lots clean"})
    sign(manager, "meddev.capa", capa_id)
    capa = manager("meddev.capa", "read", [capa_id], ["state", "meddev_sign_state", "signature_ids"])[0]
    assert (capa["state"], capa["meddev_sign_state"], len(capa["signature_ids"])) == ("closed", "signed", 4)
    assert "closed" in fault(admin, "meddev.capa", "write", [capa_id], {"title": "Rewritten"})
    xlsx = manager("meddev.capa", "export_register_xlsx", [("id", "=", capa_id)])
    assert xlsx.startswith("UEsDB")  # base64 of a zip (XLSX) file
    figures = manager("meddev.quality.overview", "get_figures")
    assert {row["severity"] for row in figures["open_nc_by_severity"]} == {"critical", "major", "minor"}

"""The compliance core through XML-RPC, on a running server with demo data."""
import subprocess
import xmlrpc.client
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def fault(call, *args, **kwargs):
    with pytest.raises(xmlrpc.client.Fault) as info:
        call(*args, **kwargs)
    return info.value.faultString


def new_document(rpc, name):
    return rpc("meddev.test.document", "create", {"name": name, "amount": 10.0})


def sign(rpc, doc_id, password=None):
    action = rpc("meddev.test.document", "action_meddev_sign", [doc_id])
    wizard_id = rpc("meddev.signature.wizard", "create",
                    {"password": password or rpc.password, "comment": "signed over XML-RPC"},
                    context=action["context"])
    return rpc("meddev.signature.wizard", "action_sign", [wizard_id])


def test_roles(login):
    assert "not allowed" in fault(login("operator"), "meddev.audit.entry", "search_read", [], ["sequence"])
    assert login("qmanager")("meddev.audit.entry", "search_count", []) >= 0
    assert "not allowed" in fault(login("qmanager"), "meddev.audit.rule", "create",
                                  {"model_id": 1})


def test_compliance_admin_audits_a_model_and_changes_carry_reasons(login):
    compliance, admin, manager = login("compliance"), login("admin"), login("qmanager")
    model_id = compliance("ir.model", "search", [("model", "=", "res.partner.category")])[0]
    created = []
    if not compliance("meddev.audit.rule", "search", [("model_id", "=", model_id)]):
        created.append(compliance("meddev.audit.rule", "create", {"model_id": model_id}))
    try:
        _tag_changes_carry_reasons(admin, manager)
    finally:
        # Leave the database's audited models as they were (a kept test database is reused).
        if created:
            compliance("meddev.audit.rule", "unlink", created)


def _tag_changes_carry_reasons(admin, manager):
    tag_id = admin("res.partner.category", "create", {"name": "Hospital customer"})
    admin("res.partner.category", "write", [tag_id], {"name": "Hospital (tier 3)"},
          context={"meddev_change_reason": "NMPA tiering"})
    entries = manager("meddev.audit.entry", "search_read",
                      [("model", "=", "res.partner.category"), ("res_id", "=", tag_id)],
                      ["operation", "changes", "reason", "user_id"], order="sequence")
    assert [e["operation"] for e in entries] == ["create", "write"]
    assert entries[1]["reason"] == "NMPA tiering"
    assert '["name","Hospital customer","Hospital (tier 3)"]' in entries[1]["changes"]
    assert entries[1]["user_id"][0] == admin.uid


def test_three_signatures_lock_the_record(login):
    operator, inspector, manager = login("operator"), login("inspector"), login("qmanager")
    doc_id = new_document(manager, "RPC document")
    sign(manager, doc_id)
    assert "different person" in fault(sign, manager, doc_id)
    assert "must be given by a member of" in fault(sign, login("trainer"), doc_id)
    sign(inspector, doc_id)
    assert "different person" in fault(sign, manager, doc_id)
    sign(login("admin"), doc_id)
    [doc] = operator("meddev.test.document", "read", [doc_id], ["meddev_sign_state", "state", "signature_ids"])
    assert doc["meddev_sign_state"] == "signed"
    assert doc["state"] == "approved"
    signatures = operator("meddev.signature", "read", doc["signature_ids"], ["meaning", "signer_name", "step"])
    assert [s["meaning"] for s in signatures] == ["Authored", "Reviewed", "Approved"]
    assert "signed and locked" in fault(login("admin"), "meddev.test.document", "write", [doc_id], {"amount": 1})
    assert "signed and locked" in fault(login("admin"), "meddev.test.document", "unlink", [doc_id])


def test_wrong_passwords_lock_signing_until_unlocked(login):
    operator, compliance = login("operator"), login("compliance")
    doc_id = new_document(operator, "Lockout document")
    [company] = compliance("res.company", "read", [1], ["meddev_sign_max_failures"])
    max_failures = company["meddev_sign_max_failures"]
    for _attempt in range(max_failures):
        message = fault(sign, operator, doc_id, password="not-my-password")
        assert "Wrong password" in message
    assert "locked" in message
    # The failures were committed although each refused call rolled back.
    failures = compliance("meddev.audit.entry", "search_count",
                          [("model", "=", "meddev.test.document"), ("res_id", "=", doc_id),
                           ("operation", "=", "sign_failure")])
    assert failures == max_failures
    assert "locked" in fault(sign, operator, doc_id)
    [user] = compliance("res.users", "read", [operator.uid], ["meddev_sign_locked"])
    assert user["meddev_sign_locked"] is True
    compliance("res.users", "action_meddev_unlock_signing", [operator.uid])
    sign(operator, doc_id)
    [doc] = operator("meddev.test.document", "read", [doc_id], ["meddev_sign_state"])
    assert doc["meddev_sign_state"] == "in_progress"


def verify_command(server):
    return subprocess.run([str(REPO / "meddev"), "verify-audit", "-d", server[1], "--no-start-db"],
                          capture_output=True, text=True, timeout=300)


def test_tampering_is_found_by_verify_and_by_the_command(login, pg, server):
    manager = login("qmanager")
    assert manager("meddev.audit.entry", "verify_chain")["intact"] is True
    ok = verify_command(server)
    assert ok.returncode == 0, ok.stderr
    assert "intact" in ok.stdout
    with pg.cursor() as cr:
        cr.execute("SELECT id, sequence, reason FROM meddev_audit_entry ORDER BY sequence LIMIT 1 OFFSET 3")
        entry_id, sequence, reason = cr.fetchone()
        cr.execute("UPDATE meddev_audit_entry SET reason = 'backdated' WHERE id = %s", [entry_id])
    try:
        result = manager("meddev.audit.entry", "verify_chain")
        assert result["intact"] is False
        assert result["broken_sequence"] == sequence
        broken = verify_command(server)
        assert broken.returncode == 1
        assert "broken at entry %d" % sequence in broken.stdout
    finally:
        with pg.cursor() as cr:
            cr.execute("UPDATE meddev_audit_entry SET reason = %s WHERE id = %s", [reason, entry_id])
    assert manager("meddev.audit.entry", "verify_chain")["intact"] is True

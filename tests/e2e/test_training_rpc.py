"""Training requirements, signed qualifications, gating and the matrix through XML-RPC."""
import base64


def test_qualification_gates_work_and_shows_in_the_matrix(login):
    trainer, admin = login("trainer"), login("admin")
    employee_id = admin("hr.employee", "search", [("user_id.login", "=", "operator")])[0]
    job_id = admin("hr.employee", "read", [employee_id], ["job_id"])[0]["job_id"][0]
    course_id = trainer("meddev.training.course", "create", {
        "name": "RPC sterilisation basics", "code": "TR-RPC", "training_type": "classroom",
        "validity_months": 24, "pass_mark": 70})
    trainer("meddev.training.requirement", "create", {"course_id": course_id, "job_id": job_id,
                                                     "deadline_days": 10})
    answer = admin("hr.employee", "meddev_may_perform", employee_id, course_ids=[course_id])
    assert answer["allowed"] is False
    assert "TR-RPC" in answer["reasons"][0]
    qualification_id = trainer("meddev.training.qualification", "create", {
        "employee_id": employee_id, "course_id": course_id, "assessment": "written", "score": 88})
    action = trainer("meddev.training.qualification", "action_meddev_sign", [qualification_id])
    wizard_id = trainer("meddev.signature.wizard", "create", {"password": trainer.password},
                        context=action["context"])
    trainer("meddev.signature.wizard", "action_sign", [wizard_id])
    assert admin("hr.employee", "meddev_may_perform", employee_id, course_ids=[course_id]) == \
        {"allowed": True, "reasons": []}
    matrix_id = trainer("meddev.training.matrix", "create", {"course_ids": [(6, 0, [course_id])]})
    data = trainer("meddev.training.matrix", "get_matrix", [matrix_id])
    assert data["cells"]["%d,%d" % (employee_id, course_id)] == "qualified"
    xlsx = base64.b64decode(trainer("meddev.training.matrix", "export_xlsx", [matrix_id]))
    assert xlsx[:2] == b"PK"
    kpis = trainer("meddev.training.matrix", "get_kpis")
    assert 0 <= kpis["coverage_rate"] <= 100

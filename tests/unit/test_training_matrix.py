"""Training matrix cells (pure) through time."""
import datetime

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.meddev_training.tools import matrix

D = datetime.date
Q = matrix.Qualification


def test_not_required():
    assert matrix.cell(D(2026, 1, 1), [], required=False).state == matrix.NOT_REQUIRED


def test_new_hire_due_then_overdue():
    hired = D(2026, 3, 1)
    assert matrix.cell(D(2026, 3, 10), [], assigned_on=hired, deadline_days=30) == \
        matrix.Cell(matrix.DUE, False, D(2026, 3, 31), "not_trained")
    assert matrix.cell(D(2026, 4, 1), [], assigned_on=hired, deadline_days=30).state == matrix.OVERDUE


def test_qualified_then_grace_then_expired():
    held = [Q(D(2026, 1, 15), D(2027, 1, 15), None)]
    assert matrix.cell(D(2026, 6, 1), held, grace_days=30) == matrix.Cell(matrix.QUALIFIED, True, D(2027, 1, 15),
                                                                           "qualified")
    grace = matrix.cell(D(2027, 1, 20), held, grace_days=30)
    assert (grace.state, grace.may_work, grace.due_date) == (matrix.DUE, True, D(2027, 2, 14))
    assert matrix.cell(D(2027, 2, 14), held, grace_days=30).state == matrix.EXPIRED
    assert matrix.cell(D(2026, 1, 1), held).state == matrix.DUE, "not yet issued on that day"


def test_new_revision_keeps_the_old_qualification_until_the_deadline():
    held = [Q(D(2026, 1, 15), None, 1)]
    kwargs = {"current_revision": 2, "revision_since": D(2026, 5, 1), "retraining_days": 30}
    assert matrix.cell(D(2026, 4, 30), held, current_revision=1).state == matrix.QUALIFIED
    due = matrix.cell(D(2026, 5, 10), held, **kwargs)
    assert (due.state, due.may_work, due.due_date, due.reason) == (matrix.DUE, True, D(2026, 5, 31), "new_revision")
    assert not matrix.cell(D(2026, 5, 10), held, keep_old_until_deadline=False, **kwargs).may_work
    assert matrix.cell(D(2026, 6, 1), held, **kwargs).state == matrix.OVERDUE
    held.append(Q(D(2026, 5, 20), None, 2))
    assert matrix.cell(D(2026, 6, 1), held, **kwargs).state == matrix.QUALIFIED


def test_add_months_clamps_to_month_end():
    assert matrix.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert matrix.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert matrix.add_months(D(2026, 11, 30), 14) == D(2028, 1, 30)


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 1, 1)), st.integers(0, 3650), st.integers(0, 365),
       st.integers(0, 120))
def test_only_qualified_or_grace_may_work_without_a_new_revision(at, age, validity, grace):
    issued = at - datetime.timedelta(days=age)
    held = [Q(issued, issued + datetime.timedelta(days=validity) if validity else None, None)]
    result = matrix.cell(at, held, grace_days=grace)
    assert result.state in matrix.STATES
    assert result.may_work == (result.state == matrix.QUALIFIED or result.reason == "grace")


def test_xlsx_matrix_is_a_valid_workbook_with_coloured_states():
    import io
    import xml.etree.ElementTree as ET
    import zipfile

    from odoo.addons.meddev_training.tools import xlsx_matrix

    labels = {state: state.title() for state in matrix.STATES}
    data = xlsx_matrix.matrix_xlsx("Matrix <1>", ["Employee", "Dept"], ["T&1", "T2"],
                                   [(("Li <Wei>", "QA"), ["qualified", "overdue"]),
                                    (("Zhao", "Prod"), ["not_required", "due"])], labels)
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {"[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml",
                "xl/worksheets/sheet1.xml"} <= set(archive.namelist())
        sheet = ET.fromstring(archive.read("xl/worksheets/sheet1.xml"))
        shared = [si.find("m:t", ns).text for si in ET.fromstring(archive.read("xl/sharedStrings.xml"))]
        ET.fromstring(archive.read("xl/styles.xml"))
        ET.fromstring(archive.read("xl/workbook.xml"))
    rows = sheet.findall(".//m:row", ns)
    assert [row.get("r") for row in rows] == ["1", "2", "3"]
    cells = {c.get("r"): c for c in sheet.iter("{%s}c" % ns["m"])}
    assert cells["A2"].find("m:is/m:t", ns).text == "Li <Wei>"
    assert cells["C1"].find("m:is/m:t", ns).text == "T&1"
    assert shared[int(cells["C2"].find("m:v", ns).text)] == "Qualified"
    assert shared[int(cells["D3"].find("m:v", ns).text)] == "Due"
    assert cells["C2"].get("s") != cells["D2"].get("s"), "each state has its own colour"

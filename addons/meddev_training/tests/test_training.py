import base64
import io
import zipfile
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.addons.meddev_quality.tests.common import MeddevCase
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestTraining(MeddevCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = cls.users["coordinator"]
        cls.department = cls.env["hr.department"].create({"name": "Assembly MD"})
        cls.job = cls.env["hr.job"].create({"name": "Assembler MD", "department_id": cls.department.id})
        Employee = cls.env["hr.employee"]
        cls.lead = Employee.create({"name": "Line Lead", "user_id": cls.users["manager"].id,
                                    "department_id": cls.department.id})
        cls.worker = Employee.create({"name": "Worker One", "user_id": cls.users["operator"].id,
                                      "job_id": cls.job.id, "department_id": cls.department.id,
                                      "parent_id": cls.lead.id, "meddev_job_since": date(2026, 3, 1)})
        cls.other = Employee.create({"name": "Other Worker", "job_id": cls.job.id,
                                     "department_id": cls.department.id, "meddev_job_since": date(2026, 3, 1)})
        cls.gowning = cls.env["meddev.training.course"].create({
            "name": "Clean-room gowning", "code": "TR-GOWN", "training_type": "practical",
            "validity_months": 12, "grace_days": 30, "pass_mark": 80})
        cls.env["meddev.training.requirement"].create({"course_id": cls.gowning.id, "job_id": cls.job.id,
                                                       "deadline_days": 30})

    def qualify(self, employee, course, issued, score=90.0, assessment="practical", revision=None):
        vals = {"employee_id": employee.id, "course_id": course.id, "date_issued": issued,
                "score": score, "assessment": assessment}
        if revision:
            vals["revision_id"] = revision.id
        qualification = self.env["meddev.training.qualification"].with_user(self.coordinator).create(vals)
        if course.training_type == "document":
            user = employee.user_id
            qualification.with_user(user)._meddev_sign(self.env.ref("meddev_quality.meaning_authored"),
                                                       "%s-pw" % user.login)
        qualification._meddev_sign(self.env.ref("meddev_quality.meaning_verified"), "md_coordinator-pw")
        return qualification

    def state(self, employee, course, at):
        cells = self.env["meddev.training.requirement"]._evaluate(employee, course, at)
        return cells[employee.id, course.id]

    def test_matrix_states_through_time(self):
        self.assertEqual(self.state(self.worker, self.gowning, date(2026, 3, 10)).state, "due")
        self.assertEqual(self.state(self.worker, self.gowning, date(2026, 4, 5)).state, "overdue")
        self.assertEqual(self.state(self.lead, self.gowning, date(2026, 4, 5)).state, "not_required")
        qualification = self.qualify(self.worker, self.gowning, date(2026, 4, 10))
        self.assertEqual(qualification.date_expiry, date(2027, 4, 10))
        self.assertEqual(self.state(self.worker, self.gowning, date(2026, 4, 10)).state, "qualified")
        in_grace = self.state(self.worker, self.gowning, date(2027, 4, 20))
        self.assertEqual((in_grace.state, in_grace.may_work), ("due", True))
        self.assertEqual(self.state(self.worker, self.gowning, date(2027, 5, 20)).state, "expired")
        unsigned = self.env["meddev.training.qualification"].create({
            "employee_id": self.other.id, "course_id": self.gowning.id, "date_issued": date(2026, 4, 1)})
        self.assertEqual(self.state(self.other, self.gowning, date(2026, 4, 5)).state, "overdue",
                         "an unsigned qualification does not count")
        unsigned.unlink()

    def test_assessment_pass_and_fail(self):
        skill_type = self.env["hr.skill.type"].create({
            "name": "Clean room MD", "skill_ids": [Command.create({"name": "Gowning"})],
            "skill_level_ids": [Command.create({"name": "Qualified", "level_progress": 100})]})
        self.gowning.write({"skill_id": skill_type.skill_ids.id, "skill_level_id": skill_type.skill_level_ids.id})
        failed = self.env["meddev.training.qualification"].with_user(self.coordinator).create({
            "employee_id": self.worker.id, "course_id": self.gowning.id, "assessment": "written", "score": 65})
        with self.assertRaisesRegex(UserError, "below the pass mark"):
            failed._meddev_sign(self.env.ref("meddev_quality.meaning_verified"), "md_coordinator-pw")
        self.assertFalse(failed.signature_ids)
        retake = self.qualify(self.worker, self.gowning, fields.Date.today(), score=85, assessment="written")
        self.assertEqual(retake.meddev_sign_state, "signed")
        self.assertEqual(retake.signature_ids.user_id, self.coordinator)
        skill = self.worker.employee_skill_ids.filtered(lambda s: s.skill_id == skill_type.skill_ids)
        self.assertEqual(skill.skill_level_id, skill_type.skill_level_ids)
        with self.assertRaisesRegex(UserError, "locked"):
            retake.with_user(self.coordinator).score = 100
        other = self.env["meddev.training.qualification"].with_user(self.coordinator).create({
            "employee_id": self.other.id, "course_id": self.gowning.id, "assessment": "attendance"})
        with self.assertRaisesRegex(UserError, "Training Coordinator"):
            other.with_user(self.users["manager"])._meddev_sign(self.env.ref("meddev_quality.meaning_verified"),
                                                                "md_manager-pw")

    def test_gating_answers_with_reasons(self):
        Employee = self.env["hr.employee"]
        answer = Employee.meddev_may_perform(self.worker.id, course_ids=self.gowning.ids, at="2026-03-10")
        self.assertFalse(answer["allowed"])
        self.assertIn("Not yet trained on [TR-GOWN] Clean-room gowning", answer["reasons"][0])
        self.qualify(self.worker, self.gowning, date(2026, 3, 12))
        self.assertEqual(Employee.meddev_may_perform(self.worker.id, course_ids=self.gowning.ids, at="2026-03-20"),
                         {"allowed": True, "reasons": []})
        answer = Employee.meddev_may_perform(self.worker.id, course_ids=self.gowning.ids, at="2027-06-01")
        self.assertIn("expired on 2027-03-12", answer["reasons"][0])
        # Asked about work that needs a training the job does not: still refused without it.
        answer = Employee.meddev_may_perform(self.lead.id, course_ids=self.gowning.ids, at="2026-03-20")
        self.assertFalse(answer["allowed"])

    def test_gating_and_issue_dates_are_the_employees_calendar_days(self):
        # 25 hours apart: the trainer's day is always after the asker's.
        self.worker.tz = "UTC"
        self.coordinator.tz = "Pacific/Kiritimati"
        asker = self.users["manager"]
        asker.tz = "Pacific/Pago_Pago"
        qualification = self.env["meddev.training.qualification"].with_user(self.coordinator).create({
            "employee_id": self.worker.id, "course_id": self.gowning.id, "score": 90, "assessment": "practical"})
        self.assertEqual(qualification.date_issued, self.worker._meddev_today())
        qualification._meddev_sign(self.env.ref("meddev_quality.meaning_verified"), "md_coordinator-pw")
        answer = self.env["hr.employee"].with_user(asker).meddev_may_perform(
            self.worker.id, course_ids=self.gowning.ids)
        self.assertEqual(answer, {"allowed": True, "reasons": []})

    def test_retraining_when_a_new_revision_becomes_effective(self):
        document = self.env["meddev.document"].create({"code": "WI-MD-77", "name": "Bonding"})

        def release(title, effective):
            request = self.env["meddev.change.request"].with_user(self.users["operator"]).create({
                "title": title, "document_id": document.id, "reason": title, "impact_note": "retrain",
                "effective_date": effective})
            for role, meaning in (("operator", "authored"), ("inspector", "reviewed"), ("manager", "approved")):
                user = self.users[role]
                request.with_user(user)._meddev_sign(self.env.ref("meddev_quality.meaning_%s" % meaning),
                                                     "%s-pw" % user.login)
            return request.new_revision_id

        rev_a = release("Release", fields.Date.today())
        course = self.env["meddev.training.course"].create({
            "name": "Bonding WI", "training_type": "document", "document_id": document.id, "retraining_days": 20})
        self.env["meddev.training.requirement"].create({"course_id": course.id, "job_id": self.job.id})
        self.qualify(self.worker, course, fields.Date.today(), assessment="read")
        today = fields.Date.today()
        self.assertEqual(self.state(self.worker, course, today).state, "qualified")
        rev_b = release("Revise", today)
        self.assertEqual(course.current_revision_id, rev_b)
        cell = self.state(self.worker, course, today)
        self.assertEqual((cell.state, cell.may_work, cell.due_date), ("due", True, today + timedelta(days=20)))
        self.assertTrue(self.worker.activity_ids.filtered(lambda a: "Retraining" in a.summary
                                                          and a.user_id == self.users["operator"]))
        self.assertEqual(self.state(self.worker, course, today + timedelta(days=21)).state, "overdue")
        answer = self.env["hr.employee"].meddev_may_perform(self.worker.id, document_id=document.id,
                                                            revision_id=rev_a.id)
        self.assertTrue(answer["allowed"], "qualified on revision A")
        self.worker.company_id.meddev_keep_qualification_until_deadline = False
        self.assertFalse(self.state(self.worker, course, today).may_work)
        self.qualify(self.worker, course, today, assessment="read")
        self.assertEqual(self.state(self.worker, course, today).state, "qualified")

    def test_read_and_understood_is_signed_by_the_employee_first(self):
        document = self.env["meddev.document"].create({"code": "SOP-MD-05", "name": "Line clearance"})
        self.env["meddev.document.revision"].create({"document_id": document.id, "name": "A",
                                                     "state": "effective", "date_effective": date(2026, 1, 1)})
        course = self.env["meddev.training.course"].create({
            "name": "Line clearance SOP", "training_type": "document", "document_id": document.id})
        qualification = self.env["meddev.training.qualification"].with_user(self.coordinator).create({
            "employee_id": self.worker.id, "course_id": course.id, "assessment": "read"})
        self.assertEqual(qualification.revision_id.name, "A")
        with self.assertRaisesRegex(UserError, "Read|Authored|authored"):
            qualification._meddev_sign(self.env.ref("meddev_quality.meaning_verified"), "md_coordinator-pw")
        with self.assertRaisesRegex(UserError, "Only Worker One"):
            qualification.with_user(self.users["manager"])._meddev_sign(
                self.env.ref("meddev_quality.meaning_authored"), "md_manager-pw")
        qualification.with_user(self.users["operator"])._meddev_sign(
            self.env.ref("meddev_quality.meaning_authored"), "md_operator-pw")
        self.assertEqual(qualification.meddev_sign_state, "in_progress")
        self.assertFalse(self.env["hr.employee"].meddev_may_perform(self.worker.id, course_ids=course.ids)["allowed"],
                         "not qualified before the trainer signs")
        qualification._meddev_sign(self.env.ref("meddev_quality.meaning_verified"), "md_coordinator-pw")
        self.assertEqual(qualification.meddev_sign_state, "signed")
        self.assertTrue(self.env["hr.employee"].meddev_may_perform(self.worker.id, course_ids=course.ids)["allowed"])

    def test_access_per_role(self):
        qualification = self.qualify(self.worker, self.gowning, fields.Date.today())
        other = self.qualify(self.other, self.gowning, fields.Date.today())
        Qualification = self.env["meddev.training.qualification"]
        self.assertEqual(Qualification.with_user(self.users["operator"]).search([("id", "in", (qualification |
                                                                                               other).ids)]),
                         qualification, "employees see their own")
        self.assertEqual(Qualification.with_user(self.users["manager"]).search([("id", "in", (qualification |
                                                                                              other).ids)]),
                         qualification, "managers see their team's")
        self.assertEqual(len(Qualification.with_user(self.coordinator).search([("id", "in", (qualification |
                                                                                             other).ids)])), 2)
        with self.assertRaises(AccessError):
            Qualification.with_user(self.users["operator"]).create({
                "employee_id": self.worker.id, "course_id": self.gowning.id})
        with self.assertRaises(AccessError):
            self.gowning.with_user(self.users["manager"]).validity_months = 24

    def test_matrix_wizard_export_report_and_kpis(self):
        self.qualify(self.worker, self.gowning, fields.Date.today())
        wizard = self.env["meddev.training.matrix"].with_user(self.coordinator).create({
            "department_ids": [Command.set(self.department.ids)]})
        data = wizard.get_matrix()
        self.assertEqual([c["id"] for c in data["courses"]], self.gowning.ids)
        self.assertEqual(data["cells"]["%d,%d" % (self.worker.id, self.gowning.id)], "qualified")
        self.assertEqual(data["cells"]["%d,%d" % (self.lead.id, self.gowning.id)], "not_required")
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(wizard.export_xlsx()))) as archive:
            strings = archive.read("xl/sharedStrings.xml").decode() + archive.read("xl/worksheets/sheet1.xml").decode()
        for text in ("Worker One", "Qualified", "[TR-GOWN] Clean-room gowning", "Not Required"):
            self.assertIn(text, strings)
        html = str(self.env["ir.actions.report"].with_user(self.coordinator)._render_qweb_html(
            "meddev_training.report_training_matrix", wizard.ids)[0])
        self.assertIn("Worker One", html)
        self.assertIn("table-success", html)
        mine = self.env["meddev.training.matrix"].with_user(self.users["operator"]).create({}).get_matrix()
        self.assertEqual([e["name"] for e in mine["employees"]], ["Worker One"], "an employee sees their own line")
        kpis = self.env["meddev.training.matrix"].with_user(self.coordinator).get_kpis(self.department.ids)
        self.assertEqual(kpis["coverage_rate"], 50.0)
        self.assertIn("Assembly MD", kpis["overdue_by_department"])

    @freeze_time("2026-05-15")
    def test_cron_reminds_employee_and_manager(self):
        self.env["meddev.training.requirement"]._cron_remind()
        activities = self.worker.activity_ids.filtered(lambda a: a.summary == "Training due")
        self.assertEqual(activities.user_id, self.users["operator"] | self.users["manager"])
        self.assertIn("Clean-room gowning", activities[0].note)
        self.env["meddev.training.requirement"]._cron_remind()
        self.assertEqual(len(self.worker.activity_ids.filtered(lambda a: a.summary == "Training due")), 2,
                         "reminded once")

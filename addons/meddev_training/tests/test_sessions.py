from datetime import date, datetime

from odoo import Command
from odoo.addons.meddev_quality.tests.common import MeddevCase
from odoo.exceptions import UserError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestSessions(MeddevCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = cls.users["coordinator"]
        cls.job = cls.env["hr.job"].create({"name": "Steriliser operator MD"})
        Employee = cls.env["hr.employee"]
        cls.passed, cls.failed, cls.absent = Employee.create([
            {"name": "Ann Pass", "job_id": cls.job.id, "user_id": cls.users["operator"].id},
            {"name": "Bob Fail", "job_id": cls.job.id},
            {"name": "Cid Absent", "job_id": cls.job.id},
        ])
        cls.survey = cls.env["survey.survey"].create({
            "title": "EO sterilisation exam", "certification": True, "scoring_type": "scoring_with_answers",
            "scoring_success_min": 70,
            "question_and_page_ids": [Command.create({
                "title": "Which gas?", "question_type": "simple_choice",
                "suggested_answer_ids": [Command.create({"value": "Ethylene oxide", "is_correct": True,
                                                         "answer_score": 10}),
                                         Command.create({"value": "Helium", "answer_score": 0})]})],
        })
        cls.course = cls.env["meddev.training.course"].create({
            "name": "EO sterilisation", "code": "TR-EO", "training_type": "certification",
            "survey_id": cls.survey.id, "pass_mark": 70, "validity_months": 24})
        cls.env["meddev.training.requirement"].create({"course_id": cls.course.id, "job_id": cls.job.id,
                                                       "deadline_days": 20})

    def session(self, when, attendees):
        return self.env["meddev.training.session"].with_user(self.coordinator).create({
            "course_id": self.course.id, "date": when, "location": "Room 2",
            "attendance_ids": [Command.create(vals) for vals in attendees]})

    def test_session_assessment_retake_and_qualifications(self):
        question = self.survey.question_ids
        right = question.suggested_answer_ids.filtered("is_correct")
        attempt = self.env["survey.user_input"].create({
            "survey_id": self.survey.id, "partner_id": self.users["operator"].partner_id.id, "state": "done",
            "user_input_line_ids": [Command.create({"question_id": question.id, "answer_type": "suggestion",
                                                    "suggested_answer_id": right.id})]})
        self.assertEqual(attempt.scoring_percentage, 100)
        first = self.session(datetime(2026, 6, 1, 9), [
            {"employee_id": self.passed.id}, {"employee_id": self.failed.id, "attended": True, "score": 50},
            {"employee_id": self.absent.id}])
        first.action_fetch_survey_scores()
        line = first.attendance_ids.filtered(lambda a: a.employee_id == self.passed)
        self.assertEqual((line.attended, line.score), (True, 100))
        with self.assertRaisesRegex(UserError, "held"):
            first.action_issue_qualifications()
        first.action_hold()
        results = {a.employee_id: a.result for a in first.attendance_ids}
        self.assertEqual(results, {self.passed: "passed", self.failed: "failed", self.absent: "absent"})
        action = first.action_issue_qualifications()
        issued = self.env["meddev.training.qualification"].search(action["domain"])
        self.assertEqual(issued.employee_id, self.passed)
        self.assertEqual((issued.assessment, issued.score, issued.date_issued), ("written", 100, date(2026, 6, 1)))
        self.assertEqual(issued.meddev_sign_state, "unsigned", "the trainer signs it next")
        issued.with_user(self.coordinator)._meddev_sign(self.env.ref("meddev_quality.meaning_verified"),
                                                        "md_coordinator-pw")
        self.assertEqual(first.action_issue_qualifications()["domain"], [("id", "in", [])], "issued once")
        retake = self.session(datetime(2026, 6, 15, 9), [{"employee_id": self.failed.id, "attended": True,
                                                          "score": 80}])
        self.assertEqual(retake.attendance_ids.attempt, 2)
        retake.action_hold()
        self.assertEqual(retake.attendance_ids.result, "passed")
        with self.assertRaisesRegex(UserError, "cannot be cancelled"):
            first.action_cancel()

    def test_onboarding_plan(self):
        self.passed.meddev_job_since = date(2026, 6, 1)
        plan = self.passed.meddev_onboarding_plan(at="2026-06-05")
        self.assertEqual(plan, [{"course": "[TR-EO] EO sterilisation", "state": "due", "due_date": "2026-06-21",
                                 "reason": "Not yet trained on [TR-EO] EO sterilisation (due by 2026-06-21)."}])
        html = str(self.env["ir.actions.report"]._render_qweb_html(
            "meddev_training.report_onboarding_plan", self.passed.ids)[0])
        self.assertIn("EO sterilisation", html)
        self.assertIn("Onboarding Plan", html)

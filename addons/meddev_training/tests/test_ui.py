from datetime import date

from odoo.addons.meddev_quality.tests.common import MeddevHttpCase
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTrainingMatrixUi(MeddevHttpCase):

    def test_coordinator_reads_and_filters_the_matrix(self):
        coordinator = new_test_user(self.env, login="md_tour_coord", password="md_tour_coord-pw",
                                    groups="meddev_quality.group_meddev_training_coordinator")
        department, other = self.env["hr.department"].create([{"name": "Tour Department"},
                                                              {"name": "Tour Other Department"}])
        job = self.env["hr.job"].create({"name": "Tour Job"})
        trained, _new_hire, _outsider = self.env["hr.employee"].create([
            {"name": "Tour Trained", "job_id": job.id, "department_id": department.id},
            {"name": "Tour New Hire", "job_id": job.id, "department_id": department.id},
            {"name": "Tour Outsider", "job_id": job.id, "department_id": other.id},
        ])
        course = self.env["meddev.training.course"].create({"name": "Tour Training", "training_type": "classroom"})
        self.env["meddev.training.requirement"].create({"course_id": course.id, "job_id": job.id,
                                                       "deadline_days": 365})
        qualification = self.env["meddev.training.qualification"].with_user(coordinator).create({
            "employee_id": trained.id, "course_id": course.id, "date_issued": date.today()})
        qualification._meddev_sign(self.env.ref("meddev_quality.meaning_verified"), "md_tour_coord-pw")
        self.start_tour("/odoo/action-meddev_training.action_meddev_training_matrix_client",
                        "meddev_training_matrix", login="md_tour_coord", timeout=120)

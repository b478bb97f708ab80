from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTrainingDemoData(TransactionCase):

    def test_demo_employees_match_their_roles(self):
        inspector = self.env.ref("meddev_training.employee_inspector", raise_if_not_found=False)
        if not inspector:
            self.skipTest("demo data not loaded")
        expected = {
            "meddev_training.employee_operator": "meddev_quality.group_meddev_operator",
            "meddev_training.employee_inspector": "meddev_quality.group_meddev_quality_inspector",
            "meddev_training.employee_quality_manager": "meddev_quality.group_meddev_quality_manager",
            "meddev_training.employee_training_coordinator": "meddev_quality.group_meddev_training_coordinator",
        }
        for employee_xmlid, group in expected.items():
            employee = self.env.ref(employee_xmlid)
            self.assertTrue(employee.user_id.has_group(group), employee.name)
            self.assertTrue(employee.job_id)
        quality = self.env.ref("meddev_training.department_quality")
        self.assertEqual(inspector.parent_id, quality.manager_id)

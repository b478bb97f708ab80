from odoo.addons.meddev_quality.tests.common import MeddevHttpCase
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSigningUi(MeddevHttpCase):

    def test_operator_signs_in_the_dialog(self):
        operator = new_test_user(self.env, login="md_operator", password="md_operator-pw",
                                 groups="meddev_quality.group_meddev_operator")
        doc = self.env["meddev.test.document"].with_user(operator).create({"name": "UI document"})
        self.start_tour("/odoo/meddev.test.document/%d" % doc.id, "meddev_sign_document", login="md_operator")
        self.assertEqual(doc.meddev_sign_state, "in_progress")
        self.assertEqual(doc.signature_ids.user_id, operator)
        self.assertEqual(doc.signature_ids.comment, "Assembled per WI-12 rev C")
        # The refused attempt's log is committed by a cursor of its own, which in
        # HttpCase shares (and rolls back with) the request's savepoint; the
        # end-to-end suite checks that log against a real server.

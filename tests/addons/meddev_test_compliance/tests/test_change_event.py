from odoo import fields
from odoo.addons.meddev_quality.tests.common import MeddevCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestRevisionEffectiveEvent(MeddevCase):

    def test_subscribers_hear_of_each_new_effective_revision(self):
        document = self.env["meddev.document"].create({"code": "WI-ASM-004", "name": "Catheter assembly"})
        listener = self.env["meddev.test.revision.listener"]
        revisions = []
        for title in ("Release", "Revise torque"):
            request = self.env["meddev.change.request"].with_user(self.users["operator"]).create({
                "title": title, "document_id": document.id, "reason": title, "impact_note": "none",
                "effective_date": fields.Date.today()})
            for role, meaning in (("operator", "authored"), ("inspector", "reviewed"), ("manager", "approved")):
                user = self.users[role]
                request.with_user(user)._meddev_sign(self.env.ref("meddev_quality.meaning_%s" % meaning),
                                                     "%s-pw" % user.login)
            revisions.append(request.new_revision_id)
        events = listener.search([("revision_id.document_id", "=", document.id)], order="id")
        self.assertEqual(events.revision_id.ids, [r.id for r in revisions])
        self.assertFalse(events[0].superseded_id)
        self.assertEqual(events[1].superseded_id, revisions[0])
        self.assertEqual(document.current_revision_id, revisions[1])
        self.assertTrue(any("Revision B is now effective" in str(m.body) for m in document.message_ids))

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    meddev_regulated = fields.Boolean(
        string="Regulated Medical Device Maker",
        help="Medical-device controls (gating, mandatory inspections, release) apply to this company's operations.")
    meddev_sign_max_failures = fields.Integer(
        string="Signature Attempts Before Lock", default=3,
        help="Consecutive wrong passwords after which a user's electronic signature is locked "
             "until a Compliance Administrator unlocks it.")

    meddev_capa_rpn_threshold = fields.Integer(
        string="Risk Priority Number Requiring a CAPA", default=40,
        help="A nonconformance rated at or above this severity x occurrence x detection (1-125) "
             "cannot be dispositioned before it is escalated to a CAPA.")
    meddev_capa_escalation_days = fields.Integer(
        string="Days Before Escalating to the Quality Manager", default=7,
        help="An overdue CAPA is first reminded to its owner; this many days later, the Quality Managers.")

    _sql_constraints = [
        ("meddev_sign_max_failures_positive", "CHECK(meddev_sign_max_failures > 0)",
         "The number of signature attempts before lock must be positive."),
        ("meddev_capa_rpn_threshold_range",
         "CHECK(meddev_capa_rpn_threshold >= 0 AND meddev_capa_rpn_threshold <= 125)",
         "The risk priority number requiring a CAPA must lie between 0 (never) and 125."),
    ]

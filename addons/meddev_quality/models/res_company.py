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

    _sql_constraints = [
        ("meddev_sign_max_failures_positive", "CHECK(meddev_sign_max_failures > 0)",
         "The number of signature attempts before lock must be positive."),
    ]

from odoo import api, fields, models
from odoo.exceptions import ValidationError

TEST_TYPES = [
    ("pass_fail", "Pass / Fail"),
    ("measure", "Measurement"),
    ("text", "Text"),
    ("photo", "Photo"),
]


class MeddevInspectionPoint(models.Model):
    _name = "meddev.inspection.point"
    _inherit = ["meddev.audited.mixin"]
    _description = "Inspection Test Point"
    _order = "plan_id, sequence, id"

    plan_id = fields.Many2one("meddev.inspection.plan", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Test Point", required=True, translate=True)
    test_type = fields.Selection(TEST_TYPES, required=True, default="pass_fail")
    instructions = fields.Text(translate=True, help="Shown to the inspector next to the result.")
    nominal = fields.Float(string="Nominal Value", digits=(16, 4))
    tolerance_minus = fields.Float(string="Lower Tolerance", digits=(16, 4),
                                   help="How far below the nominal value a measurement may be.")
    tolerance_plus = fields.Float(string="Upper Tolerance", digits=(16, 4),
                                  help="How far above the nominal value a measurement may be.")
    uom_id = fields.Many2one("uom.uom", string="Unit")
    required = fields.Boolean(default=True)

    def _inspection_line_vals(self):
        self.ensure_one()
        return {
            "point_id": self.id,
            "sequence": self.sequence,
            "name": self.name,
            "test_type": self.test_type,
            "instructions": self.instructions,
            "required": self.required,
            "nominal": self.nominal,
            "lower_limit": self.nominal - self.tolerance_minus,
            "upper_limit": self.nominal + self.tolerance_plus,
            "uom_id": self.uom_id.id,
        }

    @api.constrains("tolerance_minus", "tolerance_plus", "test_type")
    def _check_tolerances(self):
        for point in self.filtered(lambda p: p.test_type == "measure"):
            if point.tolerance_minus < 0 or point.tolerance_plus < 0:
                raise ValidationError(self.env._(
                    "Test point “%(point)s”: tolerances are distances from the nominal value and cannot be negative.",
                    point=point.name))

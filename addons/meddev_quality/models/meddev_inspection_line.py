from odoo import api, fields, models

from .meddev_inspection_point import TEST_TYPES


class MeddevInspectionLine(models.Model):
    _name = "meddev.inspection.line"
    _inherit = ["meddev.audited.mixin"]
    _description = "Inspection Result"
    _order = "inspection_id, sequence, id"

    inspection_id = fields.Many2one("meddev.inspection", required=True, ondelete="cascade", index=True)
    point_id = fields.Many2one("meddev.inspection.point", ondelete="set null")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Test Point", required=True)
    test_type = fields.Selection(TEST_TYPES, required=True)
    instructions = fields.Text()
    required = fields.Boolean(default=True)
    nominal = fields.Float(digits=(16, 4))
    lower_limit = fields.Float(digits=(16, 4))
    upper_limit = fields.Float(digits=(16, 4))
    uom_id = fields.Many2one("uom.uom", string="Unit")
    value_pass = fields.Selection([("pass", "Pass"), ("fail", "Fail")], string="Pass/Fail")
    value_float = fields.Float(string="Measured", digits=(16, 4))
    value_measured = fields.Boolean(string="Measured Entered",
                                    help="Tells a measured zero from no measurement.")
    value_text = fields.Text(string="Observation")
    photo = fields.Image(max_width=1920, max_height=1920)
    result = fields.Selection([("pending", "Pending"), ("pass", "Pass"), ("fail", "Fail")],
                              compute="_compute_result", store=True)

    @api.onchange("value_float")
    def _onchange_value_float(self):
        self.value_measured = True

    @api.depends("test_type", "value_pass", "value_float", "value_measured", "value_text", "photo",
                 "lower_limit", "upper_limit")
    def _compute_result(self):
        for line in self:
            if not line._has_value():
                line.result = "pending"
            elif line.test_type == "pass_fail":
                line.result = line.value_pass
            elif line.test_type == "measure":
                inside = line.lower_limit <= line.value_float <= line.upper_limit
                line.result = "pass" if inside else "fail"
            else:
                line.result = "pass"

    def _has_value(self):
        self.ensure_one()
        return bool({
            "pass_fail": self.value_pass,
            "measure": self.value_measured,
            "text": self.value_text,
            "photo": self.photo,
        }[self.test_type])

    def _signed_values(self):
        return [self.name, self.test_type, self.value_pass or False,
                self.value_float if self.value_measured else False, self.value_text or False,
                bool(self.photo), self.result]

    @api.model_create_multi
    def create(self, vals_list):
        inspections = self.env["meddev.inspection"].browse(
            {vals["inspection_id"] for vals in vals_list if vals.get("inspection_id")})
        inspections._meddev_check_unlocked()
        return super().create(vals_list)

    def write(self, vals):
        if "value_float" in vals and "value_measured" not in vals:
            vals = dict(vals, value_measured=True)
        # A signed inspection's results are frozen with it.
        self.inspection_id._meddev_check_unlocked(vals.keys())
        return super().write(vals)

    def unlink(self):
        self.inspection_id._meddev_check_unlocked()
        return super().unlink()

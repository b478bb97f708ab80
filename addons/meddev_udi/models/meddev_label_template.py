from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MeddevLabelTemplate(models.Model):
    """A UDI label size and layout; labels print on a paper format of the label's size."""

    _name = "meddev.label.template"
    _description = "UDI Label Template"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company")
    width = fields.Float(string="Width (mm)", required=True, default=100)
    height = fields.Float(string="Height (mm)", required=True, default=50)
    symbology = fields.Selection(
        [("gs1_128", "GS1-128"), ("datamatrix", "GS1 DataMatrix"), ("both", "GS1-128 and GS1 DataMatrix")],
        required=True, default="both")
    show_product = fields.Boolean(string="Product Name", default=True)
    show_dates = fields.Boolean(string="Manufacturing and Expiry Dates", default=True)
    show_registration = fields.Boolean(string="Registration Certificate No.", default=True)
    show_company = fields.Boolean(string="Manufacturer", default=False)
    paperformat_id = fields.Many2one("report.paperformat", string="Paper Format", readonly=True, copy=False,
                                     ondelete="restrict")

    _sql_constraints = [
        ("size_positive", "CHECK(width > 0 AND height > 0)", "A label has a positive width and height."),
    ]

    @api.constrains("width", "height")
    def _check_size(self):
        for template in self:
            if template.width > 300 or template.height > 300:
                raise ValidationError(self.env._(
                    "Label %(label)s is %(width)s x %(height)s mm: labels are at most 300 mm on each side.",
                    label=template.name, width=template.width, height=template.height))

    @api.model_create_multi
    def create(self, vals_list):
        templates = super().create(vals_list)
        templates.filtered(lambda t: not t.paperformat_id)._create_paperformat()
        return templates

    def write(self, vals):
        result = super().write(vals)
        if {"width", "height"} & set(vals):
            self._sync_paperformat()
        return result

    def _paperformat_values(self):
        return {
            "name": self.env._("UDI label %(width)s x %(height)s mm", width=self.width, height=self.height),
            "format": "custom", "page_width": self.width, "page_height": self.height, "orientation": "Portrait",
            "margin_top": 1, "margin_bottom": 1, "margin_left": 1, "margin_right": 1,
            "header_line": False, "header_spacing": 0, "dpi": 96, "disable_shrinking": True,
        }

    def _create_paperformat(self):
        # Each size gets its own paper format, a technical record the manager
        # configuring labels may not create themselves.
        for template in self:
            template.paperformat_id = self.env["report.paperformat"].sudo().create(template._paperformat_values())

    def _sync_paperformat(self):
        for template in self.filtered("paperformat_id"):
            template.paperformat_id.sudo().write(template._paperformat_values())

import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .product_template import LOT_STAGES


class MeddevLotScheme(models.Model):
    """A rule numbering the lots and serials of a product category or production stage."""

    _name = "meddev.lot.scheme"
    _description = "Lot Numbering Scheme"
    _inherit = ["meddev.audited.mixin"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    stage = fields.Selection(
        LOT_STAGES, help="Products of this stage without a scheme for their category are numbered by this scheme.")
    categ_ids = fields.Many2many(
        "product.category", string="Product Categories",
        help="Products of these categories (and their subcategories) are numbered by this scheme.")
    sequence_id = fields.Many2one(
        "ir.sequence", string="Number Sequence", required=True, ondelete="restrict", check_company=True,
        copy=False)
    prefix = fields.Char(related="sequence_id.prefix", readonly=False)
    padding = fields.Integer(related="sequence_id.padding", readonly=False)
    allow_manual = fields.Boolean(
        string="Numbers Entered by Hand",
        help="Allow lot numbers that do not follow the sequence, e.g. a supplier's own lot numbers. "
             "Otherwise, a lot can only get the next number of the sequence.")
    lot_count = fields.Integer(compute="_compute_lot_count", string="Lots")

    @api.constrains("name", "stage", "categ_ids")
    def _check_scope(self):
        for scheme in self:
            if not scheme.stage and not scheme.categ_ids:
                raise ValidationError(self.env._(
                    "Numbering scheme %(scheme)s applies to nothing: choose a stage or product categories.",
                    scheme=scheme.name))

    def _compute_lot_count(self):
        counts = dict(self.env["stock.lot"]._read_group(
            [("meddev_lot_scheme_id", "in", self.ids)], ["meddev_lot_scheme_id"], ["__count"]))
        for scheme in self:
            scheme.lot_count = counts.get(scheme, 0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("sequence_id"):
                vals["sequence_id"] = self.env["ir.sequence"].sudo().create({
                    # Schemes are configured by quality managers, who hold no
                    # right on technical sequences; this one belongs to the scheme.
                    "name": vals.get("name") or self.env._("Lot Numbers"),
                    "prefix": vals.pop("prefix", False) or "L%(y)s%(month)s-",
                    "padding": vals.pop("padding", False) or 5,
                    "company_id": vals.get("company_id", self.env.company.id),
                    "implementation": "no_gap",
                }).id
        return super().create(vals_list)

    @api.model
    def _for_product(self, product, company=None, schemes=None):
        """The scheme numbering ``product``'s lots: by category (nearest first), else by stage.

        ``schemes``: the candidates, when the caller already read them for many lots.
        """
        if not product or product.tracking == "none":
            return self.browse()
        company = company or self.env.company
        if schemes is None:
            schemes = self._active_schemes()
        schemes = schemes.filtered(lambda s: s.company_id in (company, company.browse()))
        category = product.categ_id
        while category:
            match = schemes.filtered(lambda s, c=category: c in s.categ_ids)
            if match:
                return match[:1].with_env(self.env)
            category = category.parent_id
        stage = product.meddev_lot_stage
        match = schemes.filtered(lambda s: stage and s.stage == stage and not s.categ_ids)
        return match[:1].with_env(self.env)

    @api.model
    def _active_schemes(self):
        # Lot numbering applies to every user creating a lot (receipt, production),
        # who may not read the schemes themselves.
        return self.sudo().search([("active", "=", True)])

    def _next_name(self):
        self.ensure_one()
        # Drawing a number is part of creating the lot, whoever creates it.
        return self.sudo().sequence_id.next_by_id()

    def _note_used(self, name):
        """Keep the sequence ahead of a conforming number that did not come from it (e.g. Odoo's
        "generate serials" increments the last number itself), so that it is never issued twice."""
        self.ensure_one()
        sequence = self.sudo().sequence_id
        prefix, suffix = sequence._get_prefix_suffix()
        if not (name.startswith(prefix) and name.endswith(suffix)):
            return
        digits = name[len(prefix):len(name) - len(suffix)] if suffix else name[len(prefix):]
        if digits.isdigit() and int(digits) >= sequence.number_next_actual:
            sequence.write({"number_next": int(digits) + 1})

    def _pattern(self):
        sequence = self.sudo().sequence_id
        parts = []
        for text in (sequence.prefix or "", sequence.suffix or ""):
            # Date placeholders (%(y)s, %(month)s...) stand for digits.
            pieces = re.split(r"%\(\w+\)s", text)
            parts.append(r"\d+".join(re.escape(piece) for piece in pieces))
        return re.compile(r"^%s\d{%d,}%s$" % (parts[0], sequence.padding or 1, parts[1]))

    def _accepts(self, name):
        self.ensure_one()
        return self.allow_manual or bool(self._pattern().match(name))

    def _example(self):
        sequence = self.sudo().sequence_id
        prefix, suffix = sequence._get_prefix_suffix()
        return "%s%s%s" % (prefix, "%0*d" % (sequence.padding, sequence.number_next_actual), suffix)

    def action_view_lots(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("stock.action_production_lot_form")
        action["domain"] = [("meddev_lot_scheme_id", "=", self.id)]
        action["context"] = {}
        return action

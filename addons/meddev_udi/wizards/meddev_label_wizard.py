import base64

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import gs1_128


class MeddevLabelWizard(models.TransientModel):
    """Print UDI labels: one per lot or serial, or per packaging level, on a label template."""

    _name = "meddev.label.wizard"
    _description = "Print UDI Labels"

    lot_ids = fields.Many2many("stock.lot", string="Lots and Serials", required=True)
    template_id = fields.Many2one(
        "meddev.label.template", string="Label", required=True,
        default=lambda self: self.env["meddev.label.template"].search([], limit=1))
    level = fields.Selection(
        [("unit", "Each lot or serial (base unit)"), ("packaging", "Packaging level")],
        string="Print For", required=True, default="unit")
    packaging_id = fields.Many2one(
        "product.packaging", domain="[('product_id', 'in', product_ids), ('barcode', '!=', False)]")
    product_ids = fields.Many2many("product.product", compute="_compute_product_ids")
    copies = fields.Integer(string="Copies per Label", default=1, required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if "lot_ids" in fields_list and not values.get("lot_ids"):
            lots = self.env["stock.lot"]
            if context.get("active_model") == "stock.lot":
                lots = lots.browse(context.get("active_ids") or [])
            elif context.get("active_model") in ("stock.picking", "mrp.production"):
                record = self.env[context["active_model"]].browse(context.get("active_id"))
                moves = record.move_ids if record._name == "stock.picking" else record.move_finished_ids
                lots = moves.move_line_ids.lot_id
            values["lot_ids"] = [fields.Command.set(lots.ids)]
        return values

    @api.depends("lot_ids")
    def _compute_product_ids(self):
        for wizard in self:
            wizard.product_ids = wizard.lot_ids.product_id

    def _check(self):
        self.ensure_one()
        if self.copies < 1 or self.copies > 1000:
            raise UserError(self.env._("Print between 1 and 1000 copies of each label."))
        if not self.lot_ids:
            raise UserError(self.env._("Choose the lots or serials to label."))
        without = self.lot_ids.filtered(lambda lot: not lot.product_id.meddev_udi_regulated
                                        or not lot.product_id.meddev_udi_di)
        if without:
            raise UserError(self.env._(
                "These lots have no UDI (their product is not a UDI device with a UDI-DI): %(lots)s",
                lots=", ".join("%s (%s)" % (lot.name, lot.product_id.display_name) for lot in without)))
        if self.level == "packaging":
            if not self.packaging_id:
                raise UserError(self.env._("Choose the packaging level to label."))
            if not self.packaging_id.barcode:
                raise UserError(self.env._("Packaging %(packaging)s has no UDI-DI (barcode).",
                                           packaging=self.packaging_id.display_name))
            others = self.lot_ids.filtered(lambda lot: lot.product_id != self.packaging_id.product_id)
            if others:
                raise UserError(self.env._(
                    "Packaging %(packaging)s is not a packaging of %(products)s.",
                    packaging=self.packaging_id.display_name,
                    products=", ".join(others.product_id.mapped("display_name"))))

    def action_print(self):
        self._check()
        # Labels do not use the company document layout: no layout configuration step.
        return self.env.ref("meddev_udi.action_report_udi_label").report_action(self, config=False)

    def print_pdf(self):
        """The labels as a PDF, base64-encoded: printing through XML-RPC, where the report route is not at hand."""
        self._check()
        pdf, _kind = self.env["ir.actions.report"]._render_qweb_pdf("meddev_udi.action_report_udi_label", self.ids)
        return base64.b64encode(pdf).decode()

    def _labels(self):
        """One dict per label to print (copies included), with its barcode images as data URIs."""
        self._check()
        labels = []
        Report = self.env["ir.actions.report"]
        for lot in self.lot_ids:
            packaging = self.packaging_id if self.level == "packaging" else None
            udi = lot.meddev_udi_for_packaging(packaging.id if packaging else False)
            element_string = udi["element_string"]
            label = {
                "lot": lot, "packaging": packaging, "hri": udi["hri"], "elements": dict(udi["elements"]),
                "quantity": packaging.qty if packaging else 1,
                "gs1_128": False, "datamatrix": False,
            }
            is_gs1 = (lot.product_id.meddev_issuing_agency or "gs1") == "gs1"
            if self.template_id.symbology in ("gs1_128", "both"):
                label["gs1_128"] = "data:image/svg+xml;base64,%s" % base64.b64encode(
                    gs1_128.svg(element_string, gs1=is_gs1)).decode()
            if self.template_id.symbology in ("datamatrix", "both"):
                png = Report.barcode("GS1DataMatrix" if is_gs1 else "DataMatrixASCII", element_string, width=400)
                label["datamatrix"] = "data:image/png;base64,%s" % base64.b64encode(png).decode()
            labels.extend([label] * self.copies)
        return labels

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero

SOURCES = [
    ("incoming", "Incoming Inspection"),
    ("in_process", "In-Process"),
    ("final", "Final Inspection"),
    ("complaint", "Customer Complaint"),
    ("outsourced", "Outsourced Processing"),
    ("audit", "Audit"),
]
SEVERITIES = [("critical", "Critical"), ("major", "Major"), ("minor", "Minor")]
DISPOSITIONS = [
    ("use_as_is", "Use As Is"),
    ("rework", "Rework"),
    ("scrap", "Scrap"),
    ("return", "Return to Supplier"),
    ("regrade", "Regrade"),
]
# Dispositions that cannot be carried out without quarantined stock.
NEEDS_STOCK = ("scrap", "return", "regrade")


class MeddevNonconformance(models.Model):
    """A nonconforming product (不合格品): contained in quarantine, then dispositioned.

    The Quality Manager's approval signature on the disposition carries out
    its stock operation and locks the record.
    """

    _name = "meddev.nonconformance"
    _inherit = ["meddev.signable.mixin", "meddev.risk.mixin", "meddev.register.mixin", "mail.thread",
                "mail.activity.mixin"]
    _description = "Nonconformance"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    source = fields.Selection(SOURCES, required=True, default="in_process", tracking=True)
    severity = fields.Selection(SEVERITIES, required=True, default="major", tracking=True)
    product_id = fields.Many2one("product.product", required=True, check_company=True, tracking=True, index=True)
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    tracking = fields.Selection(related="product_id.tracking")
    lot_ids = fields.Many2many("stock.lot", string="Lots/Serial Numbers", check_company=True,
                               domain="[('product_id', '=', product_id)]")
    quantity = fields.Float(digits="Product Unit of Measure", required=True, default=1.0, tracking=True)
    description = fields.Html(help="What is wrong, where and how it was found. Attach photos in the chatter.")
    date = fields.Date(string="Detected On", required=True, default=fields.Date.context_today)
    user_id = fields.Many2one("res.users", string="Responsible", default=lambda self: self.env.user,
                              check_company=True, tracking=True)
    inspection_id = fields.Many2one("meddev.inspection", check_company=True, readonly=True, index="btree_not_null")
    picking_id = fields.Many2one("stock.picking", string="Transfer", check_company=True)
    partner_id = fields.Many2one("res.partner", string="Supplier / Customer")
    state = fields.Selection(
        [("draft", "New"), ("quarantined", "Quarantined"), ("done", "Dispositioned"), ("cancel", "Cancelled")],
        default="draft", required=True, readonly=True, tracking=True, index=True)
    disposition = fields.Selection(DISPOSITIONS, tracking=True)
    disposition_note = fields.Text(string="Justification")
    destination_location_id = fields.Many2one(
        "stock.location", string="Release To", check_company=True, domain="[('usage', '=', 'internal')]",
        help="Where the goods go back to once used as is or sent to rework; the warehouse stock by default.")
    regrade_product_id = fields.Many2one("product.product", string="Regrade As", check_company=True)
    move_ids = fields.One2many("stock.move", "meddev_nonconformance_id", string="Stock Moves", readonly=True)
    return_picking_id = fields.Many2one("stock.picking", string="Return", readonly=True, copy=False)
    capa_ids = fields.Many2many("meddev.capa", string="CAPAs", readonly=True, copy=False)
    capa_count = fields.Integer(compute="_compute_capa_count")
    quarantined_qty = fields.Float(string="In Quarantine", compute="_compute_quarantined_qty",
                                   digits="Product Unit of Measure")

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "The nonconforming quantity must be positive."),
    ]

    @api.depends("move_ids.state", "move_ids.quantity")
    def _compute_quarantined_qty(self):
        for nc in self:
            total = 0.0
            for move in nc.move_ids.filtered(lambda m: m.state == "done"):
                qty = move.product_uom._compute_quantity(move.quantity, move.product_id.uom_id)
                if move.location_dest_id.meddev_quarantine:
                    total += qty
                if move.location_id.meddev_quarantine:
                    total -= qty
            nc.quarantined_qty = total

    @api.depends("capa_ids")
    def _compute_capa_count(self):
        for nc in self:
            nc.capa_count = len(nc.capa_ids)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("meddev.nonconformance") or "/"
        return super().create(vals_list)

    def _quarantine_location(self):
        self.ensure_one()
        location = self.env["stock.location"]._meddev_quarantine_location(self.company_id)
        if not location:
            raise UserError(self.env._("%(company)s has no warehouse to hold a quarantine location.",
                                       company=self.company_id.name))
        return location

    def _default_release_location(self):
        self.ensure_one()
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", self.company_id.id)], limit=1)
        return self.destination_location_id or warehouse.lot_stock_id

    # ------------------------------------------------------------------
    # Quarantine
    # ------------------------------------------------------------------
    def action_quarantine(self):
        for nc in self:
            if nc.state != "draft":
                raise UserError(self.env._("%(nc)s is already quarantined or closed.", nc=nc.name))
            nc._check_quarantine_rights()
            quarantine = nc._quarantine_location()
            # Stock operations are carried out for the quality user, who
            # need not be a warehouse user; the nonconformance is audited.
            nc_sudo = nc.sudo()
            pending = nc_sudo._pending_receipt_moves()
            if pending:
                # Not received yet: receive it straight into quarantine.
                pending.write({"location_dest_id": quarantine.id, "meddev_nonconformance_id": nc.id})
                pending.move_line_ids.write({"location_dest_id": quarantine.id})
            else:
                quants = nc_sudo._available_quants(
                    [("location_id.usage", "=", "internal"), ("location_id.meddev_quarantine", "=", False)],
                    nc.quantity)
                if not quants:
                    raise UserError(self.env._(
                        "No %(product)s%(lots)s is on hand in %(company)s's stock to quarantine.",
                        product=nc.product_id.display_name,
                        lots=(" (%s)" % ", ".join(nc.lot_ids.mapped("name"))) if nc.lot_ids else "",
                        company=nc.company_id.name))
                nc_sudo._move_now(quants, quarantine)
            nc.write({"state": "quarantined"})
            nc.message_post(body=self.env._("Goods placed in quarantine (%(location)s).",
                                            location=quarantine.display_name))
        return True

    def _can_quarantine(self):
        self.ensure_one()
        nc = self.sudo()
        return self.state == "draft" and bool(nc._pending_receipt_moves() or nc._available_quants(
            [("location_id.usage", "=", "internal"), ("location_id.meddev_quarantine", "=", False)], self.quantity))

    def _check_quarantine_rights(self):
        if not self.env.user.has_group("meddev_quality.group_meddev_quality_inspector"):
            raise UserError(self.env._("Only quality inspectors and managers can quarantine goods."))

    def _pending_receipt_moves(self):
        self.ensure_one()
        picking = self.picking_id
        if not picking or picking.state in ("done", "cancel") or picking.picking_type_code != "incoming":
            return self.env["stock.move"]
        return picking.move_ids.filtered(
            lambda m: m.product_id == self.product_id and m.state not in ("done", "cancel"))

    def _available_quants(self, location_domain, quantity):
        """[(quant, quantity)] of the product (and lots) to take, up to ``quantity``."""
        self.ensure_one()
        domain = [("product_id", "=", self.product_id.id), ("company_id", "=", self.company_id.id),
                  ("quantity", ">", 0)] + location_domain
        if self.lot_ids:
            domain.append(("lot_id", "in", self.lot_ids.ids))
        result, remaining = [], quantity
        rounding = self.product_id.uom_id.rounding
        for quant in self.env["stock.quant"].search(domain, order="in_date, id"):
            if float_compare(remaining, 0, precision_rounding=rounding) <= 0:
                break
            free = quant.quantity - quant.reserved_quantity
            take = min(free, remaining)
            if float_compare(take, 0, precision_rounding=rounding) > 0:
                result.append((quant, take))
                remaining -= take
        return result

    def _move_now(self, quants, destination, product=None, lot_for=None):
        """Move ``quants`` ([(quant or (location, lot), quantity)]) to ``destination``
        and validate at once, as ``product`` with the lots ``lot_for`` gives if set."""
        self.ensure_one()
        target_product = product or self.product_id
        moves = self.env["stock.move"]
        by_location = {}
        for source, qty in quants:
            location, lot = (source.location_id, source.lot_id) if isinstance(source, models.BaseModel) else source
            by_location.setdefault(location, []).append((lot_for(lot) if lot_for else lot, qty))
        for location, items in by_location.items():
            move = self.env["stock.move"].create({
                "name": self.name,
                "origin": self.name,
                "product_id": target_product.id,
                "product_uom": target_product.uom_id.id,
                "product_uom_qty": sum(qty for _lot, qty in items),
                "location_id": location.id,
                "location_dest_id": destination.id,
                "company_id": self.company_id.id,
                "meddev_nonconformance_id": self.id,
            })
            move._action_confirm(merge=False)
            move.move_line_ids.unlink()
            move.write({"move_line_ids": [fields.Command.create({
                "product_id": target_product.id,
                "product_uom_id": target_product.uom_id.id,
                "location_id": location.id,
                "location_dest_id": destination.id,
                "lot_id": lot.id,
                "quantity": qty,
                "picked": True,
            }) for lot, qty in items]})
            move.picked = True
            move._action_done()
            moves |= move
        return moves

    # ------------------------------------------------------------------
    # Disposition
    # ------------------------------------------------------------------
    def action_meddev_sign(self):
        self._check_disposition_ready()
        return super().action_meddev_sign()

    def _meddev_check_can_sign(self, meaning):
        # Checked before the password, so a disposition that cannot be
        # carried out is never signed.
        result = super()._meddev_check_can_sign(meaning)
        self._check_disposition_ready()
        return result

    def _check_disposition_ready(self):
        for nc in self:
            if nc.state in ("done", "cancel"):
                raise UserError(self.env._("%(nc)s is already closed.", nc=nc.name))
            if not nc.disposition:
                raise UserError(self.env._("%(nc)s: choose a disposition before approving it.", nc=nc.name))
            if nc.capa_required and not nc.capa_ids:
                raise UserError(self.env._(
                    "%(nc)s is rated at risk priority %(rpn)s, at or above the company's threshold of %(threshold)s: "
                    "escalate it to a CAPA before approving its disposition.",
                    nc=nc.name, rpn=nc.risk_rpn, threshold=nc.company_id.meddev_capa_rpn_threshold))
            if nc.disposition == "use_as_is" and not (nc.disposition_note or "").strip():
                raise UserError(self.env._(
                    "%(nc)s: using nonconforming goods as is needs a written justification.", nc=nc.name))
            if nc.disposition == "regrade" and (not nc.regrade_product_id or nc.regrade_product_id == nc.product_id):
                raise UserError(self.env._("%(nc)s: choose the other product the goods are regraded as.",
                                           nc=nc.name))
            if nc.disposition == "return" and not nc._receipt_move():
                raise UserError(self.env._(
                    "%(nc)s: a return to the supplier needs the receipt the goods came in with.", nc=nc.name))
            if nc.disposition in NEEDS_STOCK and float_is_zero(
                    nc.quarantined_qty, precision_rounding=nc.product_id.uom_id.rounding):
                raise UserError(self.env._(
                    "%(nc)s: nothing of it is in quarantine yet (validate the receipt into quarantine, "
                    "or quarantine the stock) so it cannot be %(disposition)s.",
                    nc=nc.name, disposition=dict(self._fields["disposition"]._description_selection(self.env))[
                        nc.disposition].lower()))

    def _receipt_move(self):
        self.ensure_one()
        return self.picking_id.move_ids.filtered(
            lambda m: m.product_id == self.product_id and m.state == "done"
            and m.picking_type_id.code == "incoming")[:1]

    def _meddev_on_signed(self, signature):
        if self.meddev_sign_state != "signed":
            return
        # The approved disposition is carried out by the system for the
        # approver, who is a quality user, not necessarily a warehouse one.
        getattr(self.sudo(), "_dispose_%s" % self.disposition)()
        self.write({"state": "done"})
        self.message_post(body=self.env._("Disposition “%(disposition)s” approved and carried out.",
                                          disposition=dict(self._fields["disposition"]._description_selection(
                                              self.env))[self.disposition]))

    def _quarantined_quants(self):
        return self._available_quants([("location_id.meddev_quarantine", "=", True)], self.quarantined_qty)

    def _dispose_use_as_is(self):
        quants = self._quarantined_quants()
        if quants:
            self._move_now(quants, self._default_release_location())

    def _dispose_rework(self):
        quants = self._quarantined_quants()
        if quants:
            self._move_now(quants, self._default_release_location())
        self.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.user_id.id or self.env.uid,
            summary=self.env._("Rework %(product)s per %(nc)s", product=self.product_id.display_name, nc=self.name))

    def _dispose_scrap(self):
        for quant, qty in self._quarantined_quants():
            scrap = self.env["stock.scrap"].create({
                "product_id": self.product_id.id,
                "product_uom_id": self.product_id.uom_id.id,
                "lot_id": quant.lot_id.id,
                "scrap_qty": qty,
                "location_id": quant.location_id.id,
                "company_id": self.company_id.id,
                "origin": self.name,
            })
            scrap.do_scrap()
            scrap.move_ids.write({"meddev_nonconformance_id": self.id})

    def _dispose_return(self):
        receipt_move = self._receipt_move()
        picking = receipt_move.picking_id
        return_type = picking.picking_type_id.return_picking_type_id or picking.picking_type_id
        quants = self._quarantined_quants()
        quarantine = quants[0][0].location_id
        supplier_location = picking.location_id
        new_picking = self.env["stock.picking"].create({
            "picking_type_id": return_type.id,
            "partner_id": picking.partner_id.id,
            "origin": self.env._("Return of %(picking)s (%(nc)s)", picking=picking.name, nc=self.name),
            "location_id": quarantine.id,
            "location_dest_id": supplier_location.id,
            "return_id": picking.id,
            "company_id": self.company_id.id,
        })
        move = self.env["stock.move"].create({
            "name": self.name,
            "product_id": self.product_id.id,
            "product_uom": self.product_id.uom_id.id,
            "product_uom_qty": sum(qty for _quant, qty in quants),
            "picking_id": new_picking.id,
            "location_id": quarantine.id,
            "location_dest_id": supplier_location.id,
            "origin_returned_move_id": receipt_move.id,
            "procure_method": "make_to_stock",
            "company_id": self.company_id.id,
            "meddev_nonconformance_id": self.id,
            "picking_type_id": return_type.id,
            "partner_id": picking.partner_id.id,
        })
        new_picking.action_confirm()
        # Reserve exactly the quarantined units of this nonconformance.
        move.move_line_ids.unlink()
        move.write({"move_line_ids": [fields.Command.create({
            "product_id": self.product_id.id,
            "product_uom_id": self.product_id.uom_id.id,
            "location_id": quant.location_id.id,
            "location_dest_id": supplier_location.id,
            "lot_id": quant.lot_id.id,
            "quantity": qty,
            "picking_id": new_picking.id,
        }) for quant, qty in quants]})
        self.return_picking_id = new_picking

    def _dispose_regrade(self):
        target = self.regrade_product_id
        inventory_loss = self.product_id.with_company(self.company_id).property_stock_inventory
        quants = self._quarantined_quants()
        self._move_now(quants, inventory_loss)

        def lot_for(lot):
            if not lot or target.tracking == "none":
                return self.env["stock.lot"]
            existing = self.env["stock.lot"].search(
                [("product_id", "=", target.id), ("name", "=", lot.name), ("company_id", "=", self.company_id.id)],
                limit=1)
            return existing or self.env["stock.lot"].create(
                {"product_id": target.id, "name": lot.name, "company_id": self.company_id.id})

        # The regraded goods come back out of inventory loss as the other product.
        loss_quants = [((inventory_loss, quant.lot_id), self.product_id.uom_id._compute_quantity(qty, target.uom_id))
                       for quant, qty in quants]
        self._move_now(loss_quants, self._default_release_location(), product=target, lot_for=lot_for)

    # ------------------------------------------------------------------
    # CAPA
    # ------------------------------------------------------------------
    def action_escalate_capa(self):
        """Open a CAPA for these nonconformances (of one product problem)."""
        if not self.env.user.has_group("meddev_quality.group_meddev_quality_inspector"):
            raise UserError(self.env._("Only quality inspectors and managers can open a CAPA."))
        if len(self.company_id) > 1:
            raise UserError(self.env._("A CAPA covers nonconformances of one company."))
        first = self[:1]
        capa = self.env["meddev.capa"].create({
            "title": self.env._("%(product)s: %(nc)s", product=first.product_id.display_name,
                                nc=", ".join(self.mapped("name"))),
            "source": "nonconformance",
            "company_id": first.company_id.id,
            "nonconformance_ids": [fields.Command.set(self.ids)],
            "description": first.description,
            "risk_severity": first.risk_severity,
            "risk_occurrence": first.risk_occurrence,
            "risk_detection": first.risk_detection,
        })
        return capa.get_formview_action()

    def action_view_capas(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("meddev_quality.meddev_capa_action")
        action["domain"] = [("id", "in", self.capa_ids.ids)]
        action["context"] = {}
        return action

    def _register_sheet_name(self):
        return self.env._("NC Register")

    def _register_columns(self):
        label = self._register_label
        return [
            (self.env._("Reference"), lambda rec: rec.name),
            (self.env._("Detected On"), lambda rec: rec.date),
            (self.env._("Source"), label("source")),
            (self.env._("Severity"), label("severity")),
            (self.env._("Product"), lambda rec: rec.product_id.display_name),
            (self.env._("Lots/Serial Numbers"), lambda rec: ", ".join(rec.lot_ids.mapped("name"))),
            (self.env._("Quantity"), lambda rec: rec.quantity),
            (self.env._("Unit"), lambda rec: rec.product_uom_id.name),
            (self.env._("Supplier / Customer"), lambda rec: rec.partner_id.display_name or ""),
            (self.env._("Risk Priority Number"), lambda rec: rec.risk_rpn),
            (self.env._("Status"), label("state")),
            (self.env._("Disposition"), label("disposition")),
            (self.env._("Justification"), lambda rec: rec.disposition_note or ""),
            (self.env._("Approved By"), lambda rec: ", ".join(rec.signature_ids.mapped("signer_name"))),
            (self.env._("Approved On"), lambda rec: max(rec.signature_ids.mapped("signed_at"), default=False)),
            (self.env._("CAPA"), lambda rec: ", ".join(rec.capa_ids.mapped("name"))),
        ]

    def action_cancel(self):
        for nc in self:
            if nc.state != "draft":
                raise UserError(self.env._(
                    "%(nc)s has quarantined goods or is closed: disposition it instead of cancelling it.",
                    nc=nc.name))
        return self.write({"state": "cancel"})

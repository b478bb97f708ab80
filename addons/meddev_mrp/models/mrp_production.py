from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    meddev_inspection_ids = fields.One2many("meddev.inspection", "production_id", string="Inspections")
    meddev_inspection_count = fields.Integer(compute="_compute_meddev_inspection_count")

    def _compute_meddev_inspection_count(self):
        # Shop-floor users see how many inspections an order has, even without
        # the right to open them.
        counts = dict(self.env["meddev.inspection"].sudo()._read_group(
            [("production_id", "in", self.ids)], ["production_id"], ["__count"]))
        for production in self:
            production.meddev_inspection_count = counts.get(production, 0)

    def action_confirm(self):
        result = super().action_confirm()
        self._meddev_create_inspections()
        return result

    def _meddev_create_inspections(self):
        """Inspection records for the operations and the release that plans cover."""
        productions = self.filtered(lambda p: p.company_id.meddev_regulated and p.state not in ("draft", "cancel"))
        if not productions:
            return
        # Plans and inspection records are quality data the planner confirming
        # the order cannot necessarily read or create.
        Plan = self.env["meddev.inspection.plan"].sudo()
        Inspection = self.env["meddev.inspection"].sudo()
        plans = Plan.search([("trigger", "in", ("operation", "release"))])
        existing = {(i.plan_id.id, i.production_id.id, i.workorder_id.id)
                    for i in Inspection.search([("production_id", "in", productions.ids)])}
        vals_list = []
        for production in productions:
            company_plans = plans.filtered(lambda p, c=production.company_id: p.company_id in (c, c.browse()))
            for plan in company_plans:
                if plan.trigger == "release":
                    if ((plan.id, production.id, False) not in existing
                            and plan._applies_to(production.product_id, production.picking_type_id)):
                        vals_list.append(production._meddev_inspection_vals(plan))
                    continue
                for workorder in production.workorder_ids:
                    if (plan.id, production.id, workorder.id) not in existing and plan._applies_to_operation(workorder):
                        vals_list.append(production._meddev_inspection_vals(plan, workorder))
        if vals_list:
            Inspection.create(vals_list)

    def _meddev_inspection_vals(self, plan, workorder=None):
        self.ensure_one()
        vals = self.env["meddev.inspection"]._vals_for(plan, self.product_id, self.product_qty)
        vals.update({
            "company_id": self.company_id.id,
            "production_id": self.id,
            "workorder_id": workorder.id if workorder else False,
            "lot_ids": [fields.Command.set(self.lot_producing_id.ids)],
        })
        return vals

    def button_mark_done(self):
        self._meddev_check_inspections()
        return super().button_mark_done()

    def _meddev_check_inspections(self):
        # Whoever closes the order must be stopped, whether or not they may read quality records.
        blocking = self.sudo().meddev_inspection_ids._blocking()
        if blocking:
            raise UserError(blocking[0]._meddev_blocking_message())

    def action_meddev_view_inspections(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("meddev_quality.meddev_inspection_action")
        action["domain"] = [("production_id", "=", self.id)]
        action["context"] = {}
        return action

    # Not stored: the input of the UDI scanner widget on the order form.
    meddev_udi_scan = fields.Char(string="Scan UDI", store=False)

    def meddev_scan_udi(self, barcode):
        """Apply a scanned UDI to this order: a component's lot or serial is consumed (it must be in
        stock), the finished product's UDI names the lot or serial produced.  Refusals change nothing."""
        self.ensure_one()
        Scan = self.env["meddev.udi.scan"]
        if self.state not in ("confirmed", "progress", "to_close"):
            raise UserError(self.env._("%(order)s is not in progress: confirm it before scanning.", order=self.name))
        scan = Scan._read(barcode, self.company_id)
        if scan["product"] == self.product_id:
            return self._meddev_scan_finished(scan)
        move = self.move_raw_ids.filtered(
            lambda m: m.product_id == scan["product"] and m.state not in ("done", "cancel"))[:1]
        if not move:
            raise UserError(self.env._("%(product)s is neither a component nor the product of %(order)s: wrong "
                                       "product for this order.", product=scan["product"].display_name,
                                       order=self.name))
        Scan._check_quantity(move, scan)
        lot = Scan._lot_in_stock(scan, self.company_id)
        quantity = scan["product"].uom_id._compute_quantity(scan["quantity"], move.product_uom)
        source = Scan._source_location(move, lot, quantity) if lot else None
        Scan._add_to_move(move, scan, lot, source)
        return Scan._result(scan, lot, self.name)

    def _meddev_scan_finished(self, scan):
        Scan = self.env["meddev.udi.scan"]
        if self.product_id.tracking == "none":
            raise UserError(self.env._("%(product)s is not tracked: there is no lot to scan on %(order)s.",
                                       product=self.product_id.display_name, order=self.name))
        lot = Scan._existing_lot(self.product_id, scan["lot_name"], self.company_id)
        if lot and self.product_id.tracking == "serial" and (Scan._serial_in_stock(lot) or self.search_count([
                ("lot_producing_id", "=", lot.id), ("state", "=", "done")], limit=1)):
            raise UserError(self.env._("Serial number %(serial)s of %(product)s was already produced.",
                                       serial=lot.name, product=self.product_id.display_name))
        if not lot:
            lot = Scan._lot_for_receipt(scan, self.company_id)
        self.lot_producing_id = lot
        if self.product_id.tracking == "serial":
            self.qty_producing = 1
            self._set_qty_producing(False)
        return Scan._result(scan, lot, self.name)

    def _prepare_stock_lot_values(self):
        values = super()._prepare_stock_lot_values()
        if self.env["meddev.lot.scheme"]._for_product(self.product_id, self.company_id):
            # Without a name, stock.lot draws the number from the product's scheme.
            values.pop("name")
        # The UDI-PI's manufacturing date (AI 11) is the day the order produces the lot.
        values["meddev_production_date"] = fields.Date.context_today(self, self.date_start)
        return values

    @api.model
    def _meddev_demo_traceability_history(self):
        """Demo data: component lots received, two infusion-set lots made from them (one tubing lot
        split across both, the second merging two tubing lots) and part shipped to two hospitals,
        so that genealogy, labels and mock recalls have a history to work on."""
        env = self.env
        company = env.ref("base.main_company")
        warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        supplier = env.ref("meddev_mrp.demo_partner_component_supplier")
        regulated = company.meddev_regulated
        # This history predates go-live: it is seeded without the gates (incoming
        # inspection, release) that apply to the regulated company from now on.
        company.meddev_regulated = False
        try:
            def receive(lines):
                suppliers = env.ref("stock.stock_location_suppliers")
                by_product = {}
                for product, lot_name, qty in lines:
                    by_product.setdefault(product, []).append((lot_name, qty))
                picking = env["stock.picking"].create({
                    "picking_type_id": warehouse.in_type_id.id, "partner_id": supplier.id,
                    "location_id": suppliers.id, "location_dest_id": warehouse.lot_stock_id.id,
                    "move_ids": [Command.create({
                        "name": product.name, "product_id": product.id,
                        "product_uom_qty": sum(qty for _lot, qty in lots), "product_uom": product.uom_id.id,
                        "location_id": suppliers.id, "location_dest_id": warehouse.lot_stock_id.id,
                    }) for product, lots in by_product.items()],
                })
                picking.action_confirm()
                for move in picking.move_ids:
                    move.move_line_ids.unlink()
                    move.move_line_ids = [Command.create({
                        "lot_name": lot_name, "quantity": qty, "product_id": move.product_id.id,
                        "picking_id": picking.id,
                        "location_id": move.location_id.id, "location_dest_id": move.location_dest_id.id,
                    }) for lot_name, qty in by_product[move.product_id]]
                    move.picked = True
                picking.button_validate()

            def ref(name):
                return env.ref("meddev_udi.%s" % name)

            receive([
                (ref("product_pvc_tubing"), "TB-240311", 200), (ref("product_pvc_tubing"), "TB-240402", 200),
                (ref("product_luer_connector"), "LC-2404-07", 300), (ref("product_drip_chamber"), "DC-2403-15", 300),
                (ref("product_roller_clamp"), "RC-2404-02", 300), (ref("product_sterile_pouch"), "SP-2404-11", 300),
            ])

            bom = env.ref("meddev_mrp.bom_infusion_set")
            productions = self.browse()
            for _index in range(2):
                production = self.create({
                    "product_id": bom.product_id.id, "bom_id": bom.id, "product_qty": 100,
                    "company_id": company.id, "picking_type_id": warehouse.manu_type_id.id,
                })
                production.action_confirm()
                production.action_assign()
                production.action_generate_serial()
                production.qty_producing = production.product_qty
                production._set_qty_producing()
                production.move_raw_ids.picked = True
                production.button_mark_done()
                productions |= production

            for partner_xmlid, qty in (("demo_partner_hospital_a", 60), ("demo_partner_hospital_b", 40)):
                partner = env.ref("meddev_mrp.%s" % partner_xmlid)
                customers = env.ref("stock.stock_location_customers")
                delivery = env["stock.picking"].create({
                    "picking_type_id": warehouse.out_type_id.id, "partner_id": partner.id,
                    "location_id": warehouse.lot_stock_id.id, "location_dest_id": customers.id,
                    "move_ids": [Command.create({
                        "name": bom.product_id.name, "product_id": bom.product_id.id, "product_uom_qty": qty,
                        "product_uom": bom.product_id.uom_id.id, "location_id": warehouse.lot_stock_id.id,
                        "location_dest_id": customers.id,
                    })],
                })
                delivery.action_confirm()
                delivery.action_assign()
                delivery.move_ids.picked = True
                delivery.button_validate()
        finally:
            company.meddev_regulated = regulated
        return productions

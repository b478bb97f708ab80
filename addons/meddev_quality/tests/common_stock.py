from odoo import Command

from .common import MeddevCase


class MeddevStockCase(MeddevCase):
    """A regulated company with a warehouse, a supplier, products and stock helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.meddev_regulated = True
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.stock = cls.warehouse.lot_stock_id
        cls.supplier_location = cls.env.ref("stock.stock_location_suppliers")
        cls.customer_location = cls.env.ref("stock.stock_location_customers")
        cls.supplier = cls.env["res.partner"].create({"name": "Sterile Barrier Supplies Ltd"})
        cls.pouch = cls.env["product.product"].create({"name": "Tyvek pouch", "is_storable": True})
        cls.catheter = cls.env["product.product"].create({
            "name": "Catheter tube", "is_storable": True, "tracking": "lot"})
        cls.inspector = cls.users["inspector"]
        cls.manager = cls.users["manager"]

    def receipt(self, product, qty, confirm=True):
        picking = self.env["stock.picking"].create({
            "picking_type_id": self.warehouse.in_type_id.id,
            "partner_id": self.supplier.id,
            "location_id": self.supplier_location.id,
            "location_dest_id": self.stock.id,
            "move_ids": [Command.create({
                "name": product.name,
                "product_id": product.id,
                "product_uom_qty": qty,
                "product_uom": product.uom_id.id,
                "location_id": self.supplier_location.id,
                "location_dest_id": self.stock.id,
            })],
        })
        if confirm:
            picking.action_confirm()
        return picking

    def validate(self, picking, lot_name=None):
        for move in picking.move_ids:
            if lot_name:
                move.move_line_ids.write({"lot_name": lot_name})
            move.quantity = move.product_uom_qty
            move.picked = True
        return picking.button_validate()

    def on_hand(self, product, location, lot=None):
        return self.env["stock.quant"]._get_available_quantity(product, location, lot_id=lot, strict=True)

    def sign(self, record, role, meaning_xmlid, password=None):
        user = self.users[role]
        meaning = self.env.ref(meaning_xmlid)
        return record.with_user(user)._meddev_sign(meaning, password or "%s-pw" % user.login)

from odoo import api, fields, models


class StockLocation(models.Model):
    _inherit = "stock.location"

    meddev_quarantine = fields.Boolean(
        string="Quarantine Location",
        help="Stock here waits for a nonconformance disposition: nothing reserves it except the "
             "operations that carry out a disposition.")

    @api.model
    def _meddev_quarantine_location(self, company):
        """The company's quarantine location, created beside its main stock the first time."""
        location = self.search([("meddev_quarantine", "=", True), ("company_id", "=", company.id)], limit=1)
        if location:
            return location
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        if not warehouse:
            return location
        # Quality users open nonconformances without stock-manager rights;
        # the location is the company's shared configuration.
        return self.sudo().create({
            "name": self.env._("Quarantine"),
            "usage": "internal",
            "location_id": warehouse.view_location_id.id,
            "company_id": company.id,
            "meddev_quarantine": True,
        }).sudo(False)

    def _meddev_is_quarantine(self):
        """Whether any of these locations is, or lies inside, a quarantine location."""
        return any(location.meddev_quarantine for location in self) or bool(self.filtered(
            lambda location: self.search_count([
                ("meddev_quarantine", "=", True), ("id", "parent_of", location.id)], limit=1)))

from odoo import models
from odoo.tools import SQL


class MeddevGenealogy(models.AbstractModel):
    _inherit = "meddev.genealogy"

    def _event_document_sql(self):
        """Link consumption and production events to their manufacturing order (subcontracting
        orders included) or unbuild order, so the genealogy tree opens them."""
        columns, joins = super()._event_document_sql()
        # The events are read in SQL for speed: the orders are named only to
        # users who may read them.
        if not (self.env["mrp.production"].has_access("read") and self.env["mrp.unbuild"].has_access("read")):
            return columns, joins
        return SQL("""
            CASE WHEN meddev_production.id IS NOT NULL THEN 'mrp.production'
                 WHEN meddev_unbuild.id IS NOT NULL THEN 'mrp.unbuild' END,
            COALESCE(meddev_production.id, meddev_unbuild.id),
            COALESCE(meddev_production.name, meddev_unbuild.name)
        """), SQL("""%s
            LEFT JOIN mrp_production meddev_production
                   ON meddev_production.id = COALESCE(move.production_id, move.raw_material_production_id)
            LEFT JOIN mrp_unbuild meddev_unbuild
                   ON meddev_unbuild.id = COALESCE(move.unbuild_id, move.consume_unbuild_id)
        """, joins)

from odoo import models
from odoo.tools import index_exists


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    def init(self):
        result = super().init()
        # Genealogy and recall read a lot's done history; Odoo indexes move lines
        # by product and location but not by lot.  With the line id in the key,
        # each step of a trace (lot -> its lines -> production links) is an
        # index-only scan.
        if not index_exists(self.env.cr, "meddev_stock_move_line_lot_done_index"):
            self.env.cr.execute("""
                CREATE INDEX meddev_stock_move_line_lot_done_index
                    ON stock_move_line (lot_id, id)
                 WHERE lot_id IS NOT NULL AND state = 'done'
            """)
        return result

from . import res_company
from . import res_config_settings
from . import product_template
from . import product_product
from . import product_packaging
from . import meddev_lot_scheme
from . import stock_lot
from . import stock_move_line
# Scanning
from . import meddev_udi_scan
from . import stock_picking
from . import stock_quant
# Labels
from . import ir_actions_report
from . import meddev_label_template
# Genealogy and recall
from . import meddev_genealogy
from . import meddev_recall
from . import meddev_recall_lot
from . import meddev_recall_customer

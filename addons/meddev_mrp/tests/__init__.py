from . import test_demo_data
from . import test_inspection_mrp
from . import test_lot_numbering_mrp
from . import test_recall_mrp
from . import test_genealogy_mrp
from . import test_udi_scanning

from . import test_demo_data
from . import test_inspection_mrp

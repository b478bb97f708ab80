from . import test_demo_data
from . import test_subcontracting_trace

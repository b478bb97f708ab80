from . import test_demo_data
from . import test_udi_data
from . import test_recall
from . import test_genealogy
from . import test_scanning
from . import test_scan_ui
from . import test_labels
from . import test_recall_ui

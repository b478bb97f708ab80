from . import test_signatures
from . import test_ui
from . import test_change_event

from . import test_signatures
from . import test_ui

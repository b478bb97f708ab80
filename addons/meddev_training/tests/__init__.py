from . import test_demo_data
from . import test_training
from . import test_ui
from . import test_sessions

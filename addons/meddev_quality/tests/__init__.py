from . import test_audit_trail
from . import test_roles
from . import test_ui
from . import test_inspection
from . import test_nonconformance
from . import test_capa
from . import test_change_control

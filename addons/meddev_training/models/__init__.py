from . import res_company
from . import res_config_settings
from . import hr_employee
from . import meddev_training_course
from . import meddev_training_requirement
from . import meddev_training_qualification
from . import meddev_training_session
from . import meddev_training_attendance

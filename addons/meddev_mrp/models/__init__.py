from . import meddev_inspection_plan
from . import meddev_inspection
from . import mrp_production
from . import mrp_workorder
from . import meddev_training_requirement
from . import hr_employee
from . import meddev_genealogy

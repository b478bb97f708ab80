from . import meddev_inspection_plan
from . import meddev_inspection
from . import mrp_production
from . import mrp_workorder

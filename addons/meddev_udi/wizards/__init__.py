from . import meddev_label_wizard
from . import meddev_udi_count_wizard

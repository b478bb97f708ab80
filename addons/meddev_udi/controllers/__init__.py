from . import udi_export
from . import genealogy

from . import meddev_test_document
from . import meddev_test_revision_listener

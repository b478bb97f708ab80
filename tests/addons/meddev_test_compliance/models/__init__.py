from . import meddev_test_document

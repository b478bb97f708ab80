from . import meddev_training_matrix

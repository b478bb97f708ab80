from . import gs1, hibcc

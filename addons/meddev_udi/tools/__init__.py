from . import gs1, hibcc, udi

from . import matrix, xlsx_matrix

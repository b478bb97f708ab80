"""The training matrix as an XLSX workbook (pure: rows in, bytes out), fast for large grids."""
import io

import xlsxwriter

COLOURS = {"qualified": "#C6EFCE", "due": "#FFEB9C", "overdue": "#FFC7CE", "expired": "#F4B084",
           "not_required": "#F2F2F2"}


def matrix_xlsx(title, row_headers, columns, rows, labels):
    """``rows``: [(row header values, [state per column])]; ``labels``: state -> text.

    Cells are written as whole rows and coloured by conditional formats on
    their text: a 2,000 x 200 grid is 400,000 cells.
    """
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "constant_memory": True})
    sheet = workbook.add_worksheet(title[:31])
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    header = list(row_headers) + list(columns)
    sheet.write_row(0, 0, header, bold)
    sheet.set_row(0, 60)
    sheet.set_column(0, len(row_headers) - 1, 22)
    sheet.set_column(len(row_headers), max(len(header) - 1, len(row_headers)), 12)
    first = len(row_headers)
    for index, (head, states) in enumerate(rows, start=1):
        sheet.write_row(index, 0, list(head) + [labels[state] for state in states])
    if columns and rows:
        for state, colour in COLOURS.items():
            sheet.conditional_format(1, first, len(rows), len(header) - 1, {
                "type": "cell", "criteria": "==", "value": '"%s"' % labels[state].replace('"', '""'),
                "format": workbook.add_format({"bg_color": colour}),
            })
    sheet.freeze_panes(1, first)
    workbook.close()
    return buffer.getvalue()

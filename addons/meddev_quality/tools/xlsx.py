"""Registers as XLSX workbooks (pure: headers and rows in, bytes out)."""
import datetime
import io

import xlsxwriter


def workbook_bytes(sheet_name, headers, rows):
    """One sheet with a bold, frozen header row, dates formatted, columns sized."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "remove_timezone": True})
    sheet = workbook.add_worksheet(sheet_name[:31])
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    datetime_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    widths = [len(str(header)) for header in headers]
    for col, header in enumerate(headers):
        sheet.write(0, col, header, bold)
    for row_index, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if isinstance(value, datetime.datetime):
                sheet.write_datetime(row_index, col, value, datetime_format)
            elif isinstance(value, datetime.date):
                sheet.write_datetime(row_index, col, datetime.datetime.combine(value, datetime.time()), date_format)
            elif value is None or value is False:
                sheet.write_blank(row_index, col, None)
            else:
                sheet.write(row_index, col, value)
            widths[col] = max(widths[col], min(len(str(value)), 60))
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width + 2)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    workbook.close()
    return buffer.getvalue()

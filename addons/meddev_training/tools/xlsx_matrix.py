"""The training matrix as an XLSX workbook (pure: rows in, bytes out).

Written as SpreadsheetML directly: a 2,000 x 200 matrix is 400,000 cells, and
a general-purpose writer spends seconds on them.  Five styles colour the
states; the state labels are shared strings, names and headers inline ones.
"""
import io
import zipfile
from xml.sax.saxutils import escape

COLOURS = {"qualified": "FFC6EFCE", "due": "FFFFEB9C", "overdue": "FFFFC7CE", "expired": "FFF4B084",
           "not_required": "FFF2F2F2"}
STATES = tuple(COLOURS)

_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml."
_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    + "".join('<Override PartName="/xl/%s" ContentType="%s%s"/>' % (part, _SHEET_TYPE, kind) for part, kind in (
        ("workbook.xml", "sheet.main+xml"), ("worksheets/sheet1.xml", "worksheet+xml"),
        ("styles.xml", "styles+xml"), ("sharedStrings.xml", "sharedStrings+xml")))
    + "</Types>")
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="%sofficeDocument" Target="xl/workbook.xml"/></Relationships>' % _REL_TYPE)
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             '<sheets><sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + "".join('<Relationship Id="rId%d" Type="%s%s" Target="%s"/>' % (index, _REL_TYPE, kind, target)
              for index, (kind, target) in enumerate((("worksheet", "worksheets/sheet1.xml"),
                                                      ("styles", "styles.xml"),
                                                      ("sharedStrings", "sharedStrings.xml")), start=1))
    + "</Relationships>")


def _styles():
    fills = "".join('<fill><patternFill patternType="solid"><fgColor rgb="%s"/><bgColor indexed="64"/>'
                    "</patternFill></fill>" % COLOURS[state] for state in STATES)
    # Style 0: default; 1: bold header; 2..6: one fill per state.
    xfs = ('<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
           '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" applyFont="1"/>'
           + "".join('<xf numFmtId="0" fontId="0" fillId="%d" borderId="0" applyFill="1"/>' % (index + 2)
                     for index in range(len(STATES))))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="%d"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill>%s</fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="%d">%s</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>") % (len(STATES) + 2, fills, len(STATES) + 2, xfs)


def _column(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _inline(ref, text, style=0):
    return '<c r="%s" t="inlineStr"%s><is><t>%s</t></is></c>' % (
        ref, ' s="%d"' % style if style else "", escape(str(text)))


def matrix_xlsx(title, row_headers, columns, rows, labels):
    """``rows``: [(row header values, [state per column])]; ``labels``: state -> text."""
    header = list(row_headers) + list(columns)
    letters = [_column(index) for index in range(len(header))]
    first = len(row_headers)
    # Each state cell is the same few bytes but for its reference.
    state_cells = {state: ('"%d" t="s"><v>%d</v></c>' % (index + 2, index)) for index, state in enumerate(STATES)}
    state_columns = letters[first:]
    parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetViews><sheetView workbookViewId="0"><pane xSplit="%d" ySplit="1" topLeftCell="%s2" '
             'activePane="bottomRight" state="frozen"/></sheetView></sheetViews>' % (first, letters[first]
                                                                                      if columns else "A"),
             '<cols><col min="1" max="%d" width="24" customWidth="1"/>' % first]
    if columns:
        parts.append('<col min="%d" max="%d" width="14" customWidth="1"/>' % (first + 1, len(header)))
    parts.append("</cols><sheetData>")
    parts.append('<row r="1">%s</row>' % "".join(_inline("%s1" % letters[i], text, 1)
                                                 for i, text in enumerate(header)))
    for number, (head, states) in enumerate(rows, start=2):
        suffix = str(number)
        parts.append('<row r="%s">' % suffix)
        parts.append("".join(_inline(letters[i] + suffix, text) for i, text in enumerate(head)))
        parts.append("".join('<c r="' + column + suffix + '" s=' + state_cells[state]
                             for column, state in zip(state_columns, states, strict=True)))
        parts.append("</row>")
    parts.append("</sheetData></worksheet>")
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s'
              "</sst>") % (len(STATES), len(STATES), "".join("<si><t>%s</t></si>" % escape(labels[state])
                                                             for state in STATES))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK % escape(title[:31], {'"': "&quot;"}))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", _styles())
        archive.writestr("xl/sharedStrings.xml", shared)
        archive.writestr("xl/worksheets/sheet1.xml", "".join(parts))
    return buffer.getvalue()

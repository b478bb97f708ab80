"""Genealogy trees: event classification, tree building and the XLSX layout (pure, no ORM)."""
import io

import xlsxwriter


def event_kind(source_usage, destination_usage, operation=None):
    """What a done move of a lot did, from the usages of its source and destination locations and
    the type of its transfer (``operation``: incoming, outgoing, internal, ...)."""
    if source_usage == "internal" and destination_usage == "internal":
        # A subcontractor's goods are received from the subcontracting location,
        # which is internal: the receipt's operation type tells them from a move.
        return "receipt" if operation == "incoming" else "internal"
    if destination_usage == "customer":
        return "delivery"
    if source_usage == "customer":
        return "return"
    if source_usage == "supplier":
        return "receipt"
    if destination_usage == "production":
        return "consumed"
    if source_usage == "production":
        return "produced"
    if "inventory" in (source_usage, destination_usage):
        # Inventory adjustments and scrapping both use inventory-loss locations.
        return "adjustment"
    if destination_usage == "transit" or source_usage == "transit":
        return "internal"
    return "other"


def build_tree(root, edges, max_nodes):
    """(tree, truncated): nested {'lot_id', 'quantity', 'children'} from ``root`` over
    [(parent, child, quantity)]; a lot reached again on its own path is not expanded (cycle), and
    at most ``max_nodes`` nodes are built."""
    children = {}
    for parent, child, quantity in edges:
        children.setdefault(parent, []).append((child, quantity))
    count = 1
    truncated = False
    tree = {"lot_id": root, "quantity": None, "children": []}
    stack = [(tree, frozenset([root]))]
    while stack:
        node, path = stack.pop()
        for child, quantity in sorted(children.get(node["lot_id"], ())):
            if child in path:
                continue
            if count >= max_nodes:
                truncated = True
                break
            sub = {"lot_id": child, "quantity": quantity, "children": []}
            node["children"].append(sub)
            count += 1
            stack.append((sub, path | {child}))
    return tree, truncated


def walk(node, level=0):
    """(level, node) in depth-first order."""
    yield level, node
    for child in node["children"]:
        yield from walk(child, level + 1)


def workbook(sheets, headers):
    """XLSX bytes with one sheet per (title, rows); lots indented by their level."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    indents = {}
    for title, rows in sheets:
        sheet = book.add_worksheet(title[:31])
        sheet.write_row(0, 0, headers, bold)
        for row_index, row in enumerate(rows, start=1):
            level = row[0]
            if level not in indents:
                indents[level] = book.add_format({"indent": min(level, 15)})
            for col, value in enumerate(row):
                if col == 1:
                    sheet.write(row_index, col, value, indents[level])
                elif value is None or value is False:
                    sheet.write_blank(row_index, col, None)
                else:
                    sheet.write(row_index, col, value)
        for col, width in enumerate((6, 24, 36, 12, 8, 10, 10, 48, 80)):
            sheet.set_column(col, col, width)
        sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()

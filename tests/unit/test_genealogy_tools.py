"""Genealogy trees: event kinds, tree building over split and merged lots, XLSX layout (pure)."""
import io

import openpyxl
import pytest

from odoo.addons.meddev_udi.tools import genealogy


@pytest.mark.parametrize("source, destination, kind", [
    ("supplier", "internal", "receipt"),
    ("internal", "internal", "internal"),
    ("internal", "customer", "delivery"),
    ("customer", "internal", "return"),
    ("internal", "production", "consumed"),
    ("production", "internal", "produced"),
    ("internal", "inventory", "adjustment"),
    ("inventory", "internal", "adjustment"),
    ("internal", "transit", "internal"),
    ("view", "view", "other"),
])
def test_event_kind(source, destination, kind):
    assert genealogy.event_kind(source, destination) == kind


@pytest.mark.parametrize("source, destination, operation, kind", [
    # From a subcontractor's (internal) location on a receipt: received, not moved.
    ("internal", "internal", "incoming", "receipt"),
    # Resupplying the subcontractor is a move of our own stock.
    ("internal", "internal", "internal", "internal"),
    ("internal", "internal", "outgoing", "internal"),
    ("supplier", "internal", "incoming", "receipt"),
    ("customer", "internal", "incoming", "return"),
])
def test_event_kind_by_operation(source, destination, operation, kind):
    assert genealogy.event_kind(source, destination, operation) == kind


def shape(node):
    return (node["lot_id"], node["quantity"], [shape(child) for child in node["children"]])


def test_split_and_merged_lots():
    # Lot 1 split into 2 and 3; 2 and 3 merged into 4 (so 4 appears under both).
    edges = [(1, 2, 5.0), (1, 3, 5.0), (2, 4, 1.0), (3, 4, 2.0)]
    tree, truncated = genealogy.build_tree(1, edges, 100)
    assert not truncated
    assert shape(tree) == (1, None, [(2, 5.0, [(4, 1.0, [])]), (3, 5.0, [(4, 2.0, [])])])
    assert [(level, node["lot_id"]) for level, node in genealogy.walk(tree)] == [
        (0, 1), (1, 2), (2, 4), (1, 3), (2, 4)]


def test_cycles_are_not_followed():
    # Reworked lots: 1 -> 2 -> 1 must not loop.
    tree, truncated = genealogy.build_tree(1, [(1, 2, 1.0), (2, 1, 1.0), (2, 3, 1.0)], 100)
    assert not truncated
    assert shape(tree) == (1, None, [(2, 1.0, [(3, 1.0, [])])])


def test_tree_is_cut_at_the_limit():
    tree, truncated = genealogy.build_tree(0, [(0, n, 1.0) for n in range(1, 11)], 5)
    assert truncated
    assert len(list(genealogy.walk(tree))) == 5


def test_workbook():
    headers = ["Level", "Lot", "Product", "Qty"]
    data = genealogy.workbook([("Forward", [[0, "L1", "Resin", None], [1, "L2", "Tube", 2.5]]),
                               ("Backward", [[0, "L1", "Resin", False]])], headers)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Forward", "Backward"]
    rows = list(book["Forward"].iter_rows(values_only=True))
    assert rows == [tuple(headers), (0, "L1", "Resin", None), (1, "L2", "Tube", 2.5)]
    assert book["Forward"]["B3"].alignment.indent == 1

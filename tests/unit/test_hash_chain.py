"""Pure tests of meddev_quality's hash chain (no database)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.addons.meddev_quality.tools import hash_chain


def build(payloads):
    entries, prev = [], hash_chain.GENESIS_HASH
    for seq, payload in enumerate(payloads, start=1):
        digest = hash_chain.entry_hash(seq, prev, payload)
        entries.append((seq, prev, digest, payload))
        prev = digest
    return entries


def head(entries):
    return (entries[-1][0], entries[-1][2]) if entries else (0, hash_chain.GENESIS_HASH)


PAYLOADS = [["2026-01-01 00:00:00", 2, "stock.lot", i, "L%d" % i, "write", '[["ref",false,"x"]]', "", 1]
            for i in range(10)]


def test_canonical_json_is_stable():
    assert hash_chain.canonical_json({"b": 1, "a": [1, "é"]}) == '{"a":[1,"é"],"b":1}'
    assert hash_chain.content_hash({"a": 1, "b": 2}) == hash_chain.content_hash({"b": 2, "a": 1})


def test_known_vector():
    # Fixed so that a change of the hashing scheme, which would orphan every
    # stored chain, cannot go unnoticed.
    assert hash_chain.entry_hash(1, hash_chain.GENESIS_HASH, ["x"]) == \
        "05d4e1f6e3513d3f52febdfefaa56d5625855247129517ceab354c1b6056cb0d"


def test_intact_chain():
    entries = build(PAYLOADS)
    assert hash_chain.verify_chain(entries, head(entries)) == (10, None)
    assert hash_chain.verify_chain([], head([])) == (0, None)


def test_altered_content():
    entries = build(PAYLOADS)
    seq, prev, digest, payload = entries[4]
    entries[4] = (seq, prev, digest, payload[:6] + ['[["ref",false,"forged"]]'] + payload[7:])
    assert hash_chain.verify_chain(entries, head(entries))[1] == hash_chain.ChainBreak(5, hash_chain.CONTENT)


def test_recomputed_hash_breaks_the_next_link():
    entries = build(PAYLOADS)
    seq, prev, _digest, payload = entries[4]
    forged = payload[:5] + ["unlink"] + payload[6:]
    entries[4] = (seq, prev, hash_chain.entry_hash(seq, prev, forged), forged)
    assert hash_chain.verify_chain(entries, head(build(PAYLOADS)))[1] == hash_chain.ChainBreak(6, hash_chain.LINK)


def test_deleted_entries():
    entries = build(PAYLOADS)
    original_head = head(entries)
    assert hash_chain.verify_chain(entries[:3] + entries[4:], original_head)[1] == \
        hash_chain.ChainBreak(5, hash_chain.GAP)
    assert hash_chain.verify_chain(entries[:-2], original_head)[1] == hash_chain.ChainBreak(9, hash_chain.TAIL)
    assert hash_chain.verify_chain(entries[1:], original_head)[1] == hash_chain.ChainBreak(2, hash_chain.GAP)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4), max_leaves=10)


@settings(max_examples=200, deadline=None)
@given(payloads=st.lists(st.lists(json_values, min_size=1, max_size=5), min_size=1, max_size=12),
       data=st.data())
def test_any_single_change_is_detected(payloads, data):
    entries = build(payloads)
    original_head = head(entries)
    assert hash_chain.verify_chain(entries, original_head)[1] is None
    index = data.draw(st.integers(0, len(entries) - 1))
    replacement = data.draw(st.lists(json_values, min_size=1, max_size=5))
    seq, prev, digest, payload = entries[index]
    if hash_chain.canonical_json(replacement) == hash_chain.canonical_json(payload):
        return
    entries[index] = (seq, prev, digest, replacement)
    _count, chain_break = hash_chain.verify_chain(entries, original_head)
    assert chain_break == hash_chain.ChainBreak(seq, hash_chain.CONTENT)


@pytest.mark.parametrize("bad_prev", ["", "0" * 63 + "1"])
def test_first_entry_must_link_to_genesis(bad_prev):
    entries = build(PAYLOADS[:2])
    seq, _prev, _digest, payload = entries[0]
    entries[0] = (seq, bad_prev, hash_chain.entry_hash(seq, bad_prev, payload), payload)
    assert hash_chain.verify_chain(entries)[1] == hash_chain.ChainBreak(1, hash_chain.LINK)

"""Hash chain of the audit trail, without the ORM.

Every entry's hash covers its own content and the hash of the entry before
it, so altering, inserting or deleting a row anywhere breaks the chain from
that row on.  ``verify_chain`` finds the first broken link.
"""
import hashlib
import json

GENESIS_HASH = "0" * 64


def canonical_json(value):
    """Serialise ``value`` the same way every time (key order, spacing)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def entry_hash(sequence, prev_hash, payload):
    """Hash of one chain entry: SHA-256 of ``"<sequence>:<prev_hash>:<payload JSON>"``.

    PostgreSQL computes the same when it appends entries (meddev_audit_append).

    :param int sequence: position of the entry in the chain (1, 2, ...)
    :param str prev_hash: hash of the previous entry (GENESIS_HASH for the first)
    :param list payload: the entry's content, JSON-serialisable, in a fixed order
    """
    data = "%d:%s:%s" % (sequence, prev_hash, canonical_json(payload))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def content_hash(value):
    """Hash of arbitrary JSON-serialisable content (e.g. a signed record)."""
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()


GAP = "gap"            # entries missing before this one
LINK = "link"          # previous-hash link does not match the entry before
CONTENT = "content"    # content altered: it no longer matches its hash
TAIL = "tail"          # entries missing at the end of the chain


class ChainBreak:
    """The first broken link found by :func:`verify_chain`; ``reason`` is one
    of GAP, LINK, CONTENT, TAIL."""

    __slots__ = ("reason", "sequence")

    def __init__(self, sequence, reason):
        self.sequence = sequence
        self.reason = reason

    def __repr__(self):
        return f"ChainBreak(sequence={self.sequence!r}, reason={self.reason!r})"

    def __eq__(self, other):
        return isinstance(other, ChainBreak) and (self.sequence, self.reason) == (other.sequence, other.reason)


def verify_chain(entries, head=None):
    """Check a chain entry by entry.

    :param entries: iterable of ``(sequence, prev_hash, hash, payload)`` in
        sequence order
    :param head: optional ``(last_sequence, last_hash)`` recorded apart from
        the entries; it reveals rows deleted from the end of the chain
    :return: ``(count, None)`` when intact, ``(count, ChainBreak)`` at the
        first broken link; ``count`` is the number of entries checked
    """
    expected_seq = 1
    expected_prev = GENESIS_HASH
    count = 0
    for sequence, prev_hash, stored_hash, payload in entries:
        count += 1
        if sequence != expected_seq:
            return count, ChainBreak(sequence, GAP)
        if prev_hash != expected_prev:
            return count, ChainBreak(sequence, LINK)
        if entry_hash(sequence, prev_hash, payload) != stored_hash:
            return count, ChainBreak(sequence, CONTENT)
        expected_seq += 1
        expected_prev = stored_hash
    if head is not None:
        last_seq, last_hash = head
        if last_seq != expected_seq - 1 or last_hash != expected_prev:
            return count, ChainBreak(expected_seq, TAIL)
    return count, None

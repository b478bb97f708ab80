"""The state of one employee x requirement cell of the training matrix (pure, no ORM).

States: qualified, due, overdue, expired, not_required.  Besides the state, a
cell says whether the employee may do the work the requirement covers
(``may_work``), until when (``due_date``) and why (``reason``, a code the
caller turns into words).
"""
import datetime
from collections import namedtuple

QUALIFIED, DUE, OVERDUE, EXPIRED, NOT_REQUIRED = "qualified", "due", "overdue", "expired", "not_required"
STATES = (QUALIFIED, DUE, OVERDUE, EXPIRED, NOT_REQUIRED)

# A signed qualification: issue date, expiry date (None: never expires) and
# the controlled-document revision it was for (None for other trainings).
Qualification = namedtuple("Qualification", "issued expiry revision")
Cell = namedtuple("Cell", "state may_work due_date reason")

_NEVER = datetime.date.max


def cell(at, qualifications, *, required=True, current_revision=None, revision_since=None,
         retraining_days=30, keep_old_until_deadline=True, grace_days=0, assigned_on=None, deadline_days=30):
    """Evaluate one cell at date ``at``.

    :param qualifications: the employee's signed Qualification tuples for the training
    :param current_revision: the revision required now (document trainings), else None
    :param revision_since: the date that revision became effective
    :param assigned_on: since when the requirement applies to the employee (hire or job change)
    """
    if not required:
        return Cell(NOT_REQUIRED, True, None, "not_required")
    issued = [q for q in qualifications if q.issued <= at]

    def live(q):
        return q.expiry is None or at < q.expiry

    on_current = [q for q in issued if current_revision is None or q.revision == current_revision]
    valid = [q for q in on_current if live(q)]
    if valid:
        best = max(valid, key=lambda q: q.expiry or _NEVER)
        return Cell(QUALIFIED, True, best.expiry, "qualified")
    if current_revision is not None and revision_since is not None:
        old_valid = [q for q in issued if q.revision != current_revision and live(q)]
        if old_valid:
            deadline = revision_since + datetime.timedelta(days=retraining_days)
            if at <= deadline:
                return Cell(DUE, keep_old_until_deadline, deadline, "new_revision")
            return Cell(OVERDUE, False, deadline, "new_revision_overdue")
    expired = [q for q in issued if q.expiry is not None and not live(q)]
    if expired:
        last_expiry = max(q.expiry for q in expired)
        grace_end = last_expiry + datetime.timedelta(days=grace_days)
        if at < grace_end:
            return Cell(DUE, True, grace_end, "grace")
        return Cell(EXPIRED, False, last_expiry, "expired")
    due = (assigned_on or at) + datetime.timedelta(days=deadline_days)
    if at <= due:
        return Cell(DUE, False, due, "not_trained")
    return Cell(OVERDUE, False, due, "not_trained_overdue")


def add_months(day, months):
    """``day`` plus whole months, clamped to the last day of the month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")

"""Acceptance sampling by attributes, ISO 2859-1 (= ANSI/ASQ Z1.4, GB/T 2828.1).

Only what an inspection plan of ours uses: general inspection level II,
normal inspection, single sampling, AQLs expressed in percent nonconforming
(0.010 to 10).  Pure Python, no ORM.

Table I gives the sample size code letter for a lot size; Table II-A gives,
for a code letter and an AQL, the sample size and the acceptance (Ac) and
rejection (Re) numbers, or an arrow: use the first plan below (larger
sample) or above (smaller sample) in the same AQL column.
"""
from collections import namedtuple

SamplingPlan = namedtuple("SamplingPlan", "code_letter sample_size accept reject full_inspection")

# Table I, general inspection level II: (largest lot size, code letter).
LOT_SIZE_CODE_LETTERS = (
    (8, "A"), (15, "B"), (25, "C"), (50, "D"), (90, "E"), (150, "F"), (280, "G"), (500, "H"),
    (1200, "J"), (3200, "K"), (10000, "L"), (35000, "M"), (150000, "N"), (500000, "P"), (None, "Q"),
)

SAMPLE_SIZES = {
    "A": 2, "B": 3, "C": 5, "D": 8, "E": 13, "F": 20, "G": 32, "H": 50,
    "J": 80, "K": 125, "L": 200, "M": 315, "N": 500, "P": 800, "Q": 1250, "R": 2000,
}
CODE_LETTERS = tuple(SAMPLE_SIZES)

# AQL columns of Table II-A in percent nonconforming, as printed.
AQL_VALUES = ("0.010", "0.015", "0.025", "0.040", "0.065", "0.10", "0.15", "0.25", "0.40",
              "0.65", "1.0", "1.5", "2.5", "4.0", "6.5", "10")

# Table II-A, single sampling plans for normal inspection, columns 0.010 to
# 10 as above.  "v" = use the first plan below the arrow, "^" = the first
# plan above; "Ac/Re" otherwise.  Plans lie on diagonals (one letter down,
# one AQL column left), each diagonal running 0/1, up, down, 1/2 ... 21/22,
# then up.  Two cells of that pattern would point off the table: A at 10 %
# (nothing above A) is taken down, to C's 1/2 plan like the other cells
# between 0/1 and 1/2; R at 0.015 % is never reached from level II.
_TABLE_II_A = {
    "A": "v    v    v    v    v    v    v    v    v    v    v    v    v    v    0/1  v",
    "B": "v    v    v    v    v    v    v    v    v    v    v    v    v    0/1  ^    v",
    "C": "v    v    v    v    v    v    v    v    v    v    v    v    0/1  ^    v    1/2",
    "D": "v    v    v    v    v    v    v    v    v    v    v    0/1  ^    v    1/2  2/3",
    "E": "v    v    v    v    v    v    v    v    v    v    0/1  ^    v    1/2  2/3  3/4",
    "F": "v    v    v    v    v    v    v    v    v    0/1  ^    v    1/2  2/3  3/4  5/6",
    "G": "v    v    v    v    v    v    v    v    0/1  ^    v    1/2  2/3  3/4  5/6  7/8",
    "H": "v    v    v    v    v    v    v    0/1  ^    v    1/2  2/3  3/4  5/6  7/8  10/11",
    "J": "v    v    v    v    v    v    0/1  ^    v    1/2  2/3  3/4  5/6  7/8  10/11 14/15",
    "K": "v    v    v    v    v    0/1  ^    v    1/2  2/3  3/4  5/6  7/8  10/11 14/15 21/22",
    "L": "v    v    v    v    0/1  ^    v    1/2  2/3  3/4  5/6  7/8  10/11 14/15 21/22 ^",
    "M": "v    v    v    0/1  ^    v    1/2  2/3  3/4  5/6  7/8  10/11 14/15 21/22 ^    ^",
    "N": "v    v    0/1  ^    v    1/2  2/3  3/4  5/6  7/8  10/11 14/15 21/22 ^    ^    ^",
    "P": "v    0/1  ^    v    1/2  2/3  3/4  5/6  7/8  10/11 14/15 21/22 ^    ^    ^    ^",
    "Q": "0/1  ^    v    1/2  2/3  3/4  5/6  7/8  10/11 14/15 21/22 ^    ^    ^    ^    ^",
    "R": "^    ^    1/2  2/3  3/4  5/6  7/8  10/11 14/15 21/22 ^    ^    ^    ^    ^    ^",
}
TABLE_II_A = {letter: dict(zip(AQL_VALUES, row.split(), strict=True)) for letter, row in _TABLE_II_A.items()}


class SamplingError(ValueError):
    """The lot size or AQL has no ISO 2859-1 sampling plan."""


def normalize_aql(aql):
    """The Table II-A column label for ``aql`` (a number or its text)."""
    try:
        value = float(aql)
    except (TypeError, ValueError):
        raise SamplingError("AQL %r is not a number" % (aql,)) from None
    for label in AQL_VALUES:
        if abs(float(label) - value) < 1e-9:
            return label
    raise SamplingError("AQL %s is not one of ISO 2859-1's preferred AQLs (%s)" % (aql, ", ".join(AQL_VALUES)))


def code_letter(lot_size):
    """Sample size code letter for ``lot_size`` (Table I, general level II)."""
    if not isinstance(lot_size, int) or isinstance(lot_size, bool) or lot_size < 2:
        raise SamplingError("lot size must be a whole number of at least 2, got %r" % (lot_size,))
    for largest, letter in LOT_SIZE_CODE_LETTERS:
        if largest is None or lot_size <= largest:
            return letter
    raise AssertionError("unreachable")


def sampling_plan(lot_size, aql):
    """Single sampling plan, normal inspection, level II, for a lot and an AQL.

    When the sample size reaches the lot size, every unit is inspected
    (ISO 2859-1, note to Table II-A); Ac/Re stay those of the plan.
    """
    column = normalize_aql(aql)
    index = CODE_LETTERS.index(code_letter(lot_size))
    while True:
        if not 0 <= index < len(CODE_LETTERS):
            raise AssertionError("Table II-A arrow leaves the table")
        letter = CODE_LETTERS[index]
        cell = TABLE_II_A[letter][column]
        if cell == "v":
            index += 1
        elif cell == "^":
            index -= 1
        else:
            accept, reject = (int(n) for n in cell.split("/"))
            break
    size = SAMPLE_SIZES[letter]
    full = size >= lot_size
    return SamplingPlan(letter, lot_size if full else size, accept, reject, full)


def lot_accepted(plan, nonconforming):
    """Whether a lot is accepted given the nonconforming units found in its sample."""
    if nonconforming < 0:
        raise SamplingError("the number of nonconforming units cannot be negative")
    return nonconforming <= plan.accept

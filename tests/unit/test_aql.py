"""ISO 2859-1 sampling (general level II, normal, single) against the standard's tables."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.meddev_quality.tools import aql

# Table I, general inspection level II, as printed: lot size range -> code letter.
TABLE_I = [
    (2, 8, "A"), (9, 15, "B"), (16, 25, "C"), (26, 50, "D"), (51, 90, "E"), (91, 150, "F"),
    (151, 280, "G"), (281, 500, "H"), (501, 1200, "J"), (1201, 3200, "K"), (3201, 10000, "L"),
    (10001, 35000, "M"), (35001, 150000, "N"), (150001, 500000, "P"), (500001, 10**9, "Q"),
]


@pytest.mark.parametrize(("low", "high", "letter"), TABLE_I)
def test_table_i_code_letters_at_both_ends_of_each_range(low, high, letter):
    assert aql.code_letter(low) == letter
    assert aql.code_letter(high) == letter


# Sample sizes and Ac/Re read off Table II-A, including plans reached by arrows.
# (lot size, AQL, code letter of the plan used, sample size, Ac, Re)
TABLE_II_A_CASES = [
    (1000, "0.65", "J", 80, 1, 2),
    (1000, "1.0", "J", 80, 2, 3),
    (1000, "1.5", "J", 80, 3, 4),
    (1000, "2.5", "J", 80, 5, 6),
    (1000, "4.0", "J", 80, 7, 8),
    (1000, "6.5", "J", 80, 10, 11),
    (1000, "10", "J", 80, 14, 15),
    (1000, "0.15", "J", 80, 0, 1),
    (1000, "0.25", "H", 50, 0, 1),      # J: up arrow
    (1000, "0.10", "K", 125, 0, 1),     # J: down arrow
    (1000, "0.40", "K", 125, 1, 2),     # J: down arrow
    (3000, "2.5", "K", 125, 7, 8),
    (3000, "10", "K", 125, 21, 22),
    (10000, "1.5", "L", 200, 7, 8),
    (10000, "10", "K", 125, 21, 22),    # L: up arrow at the 21/22 staircase
    (50, "1.0", "E", 13, 0, 1),         # D: down arrow
    (50, "2.5", "C", 5, 0, 1),          # D: up arrow
    (50, "4.0", "E", 13, 1, 2),         # D: down arrow
    (50, "6.5", "D", 8, 1, 2),
    (200, "0.65", "F", 20, 0, 1),       # G: up arrow
    (200, "2.5", "G", 32, 2, 3),
    (600000, "0.010", "Q", 1250, 0, 1),
    (600000, "0.025", "R", 2000, 1, 2),  # Q: down arrow to the last row
    (600000, "0.65", "Q", 1250, 14, 15),
    (600000, "1.0", "Q", 1250, 21, 22),
    (600000, "1.5", "P", 800, 21, 22),
]


@pytest.mark.parametrize(("lot", "level", "letter", "size", "ac", "re"), TABLE_II_A_CASES)
def test_table_ii_a_plans(lot, level, letter, size, ac, re):
    plan = aql.sampling_plan(lot, level)
    assert (plan.code_letter, plan.sample_size, plan.accept, plan.reject) == (letter, size, ac, re)
    assert not plan.full_inspection


def test_sample_reaching_the_lot_size_means_full_inspection():
    plan = aql.sampling_plan(10, "0.65")   # B, arrows down to F (20 units) > lot of 10
    assert plan.full_inspection
    assert plan.sample_size == 10
    assert (plan.accept, plan.reject) == (0, 1)


def test_accept_and_reject_numbers_decide_the_lot():
    plan = aql.sampling_plan(1000, "2.5")
    assert aql.lot_accepted(plan, 5)
    assert not aql.lot_accepted(plan, 6)
    with pytest.raises(aql.SamplingError):
        aql.lot_accepted(plan, -1)


@pytest.mark.parametrize("bad", ["0.5", "abc", None, "11"])
def test_non_standard_aql_is_refused(bad):
    with pytest.raises(aql.SamplingError):
        aql.sampling_plan(100, bad)


@pytest.mark.parametrize("bad", [0, 1, -5, 2.5, "100", True])
def test_invalid_lot_size_is_refused(bad):
    with pytest.raises(aql.SamplingError):
        aql.code_letter(bad)


def test_table_ii_a_structure():
    """Each row's plans are consecutive steps of the Ac/Re series, Re = Ac + 1,
    and plans lie on diagonals: one code letter down, one AQL column left."""
    series = ["0/1", "1/2", "2/3", "3/4", "5/6", "7/8", "10/11", "14/15", "21/22"]
    letters = list(aql.TABLE_II_A)
    for letter, row in aql.TABLE_II_A.items():
        plans = [cell for cell in row.values() if "/" in cell]
        start = series.index(plans[0])
        assert plans == series[start:start + len(plans)], letter
    for i, letter in enumerate(letters[:-1]):
        for j in range(1, len(aql.AQL_VALUES)):
            here = aql.TABLE_II_A[letter][aql.AQL_VALUES[j]]
            below_left = aql.TABLE_II_A[letters[i + 1]][aql.AQL_VALUES[j - 1]]
            if (letter, aql.AQL_VALUES[j]) != ("A", "10") and (letters[i + 1], aql.AQL_VALUES[j - 1]) != ("R", "0.015"):
                assert here == below_left, (letter, aql.AQL_VALUES[j])


@given(st.integers(min_value=2, max_value=10**7), st.integers(min_value=0, max_value=10**7),
       st.sampled_from(aql.AQL_VALUES))
def test_every_lot_gets_a_plan_and_bigger_lots_never_get_smaller_samples(lot, extra, level):
    plan = aql.sampling_plan(lot, level)
    assert 1 <= plan.sample_size <= lot
    assert plan.reject == plan.accept + 1
    assert plan.full_inspection == (plan.sample_size == lot and aql.SAMPLE_SIZES[plan.code_letter] >= lot)
    assert aql.sampling_plan(lot + extra, level).sample_size >= plan.sample_size

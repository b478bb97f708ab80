"""ISO 14971-style risk rating (pure)."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.meddev_quality.tools import risk


def test_priority_number_and_threshold():
    assert risk.priority_number(4, 3, 4) == 48
    assert risk.requires_capa(48, 40)
    assert risk.requires_capa(40, 40)
    assert not risk.requires_capa(39, 40)
    assert not risk.requires_capa(125, 0), "a threshold of 0 disables the requirement"


@pytest.mark.parametrize("ratings", [(0, 1, 1), (1, 6, 1), (1, 1, "3"), (1, 1, None)])
def test_ratings_outside_1_to_5_are_refused(ratings):
    with pytest.raises(ValueError):
        risk.priority_number(*ratings)


@given(st.sampled_from(risk.SCALE), st.sampled_from(risk.SCALE), st.sampled_from(risk.SCALE))
def test_rpn_range_and_monotonicity(severity, occurrence, detection):
    rpn = risk.priority_number(severity, occurrence, detection)
    assert 1 <= rpn <= 125
    if severity < 5:
        assert risk.priority_number(severity + 1, occurrence, detection) > rpn

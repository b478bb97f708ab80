"""ISO 14971-style risk rating of a quality problem (pure, no ORM)."""

SCALE = (1, 2, 3, 4, 5)


def priority_number(severity, occurrence, detection):
    """Risk priority number: severity x occurrence x detection, each rated 1 to 5."""
    for name, value in (("severity", severity), ("occurrence", occurrence), ("detection", detection)):
        if value not in SCALE:
            raise ValueError("%s must be rated 1 to 5, got %r" % (name, value))
    return severity * occurrence * detection


def requires_capa(rpn, threshold):
    """A rating at or above the company's threshold requires a CAPA."""
    return bool(rpn) and bool(threshold) and rpn >= threshold

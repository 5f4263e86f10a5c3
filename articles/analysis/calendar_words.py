"""Names of the days and months, as news copy capitalises them."""

WEEKDAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
MONTHS = frozenset(
    """January February March April May June July August September October November
    December""".split()
)

"""The combination rule and the status table."""

from __future__ import annotations

from secaudit.model import STATUS_STYLES, Status, combined_status


def test_combination_rule() -> None:
    assert combined_status([Status.PASS, Status.FAIL, Status.WARN]) is Status.FAIL
    assert combined_status([Status.PASS, Status.WARN, Status.UNKNOWN]) is Status.WARN
    assert combined_status([Status.PASS, Status.UNKNOWN]) is Status.UNKNOWN
    assert combined_status([Status.PASS, Status.NOT_APPLICABLE]) is Status.PASS
    assert combined_status([Status.NOT_APPLICABLE]) is Status.NOT_APPLICABLE
    assert combined_status([]) is Status.NOT_APPLICABLE
    assert combined_status([Status.PASS, Status.ERROR]) is Status.UNKNOWN


def test_every_status_has_one_style() -> None:
    assert set(STATUS_STYLES) == set(Status)
    assert len({s.order for s in STATUS_STYLES.values()}) == len(Status)

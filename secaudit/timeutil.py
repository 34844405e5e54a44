"""Time parsing with one rule: ISO-8601, always timezone-aware (UTC when none is given)."""

from __future__ import annotations

from datetime import date, datetime, timezone


def parse_iso(value: object) -> datetime | None:
    """Parse an ISO-8601 date or timestamp; None for anything else."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and value.strip():
        text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None
    else:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def parse_day(value: object) -> date | None:
    """Parse an ISO-8601 date (a timestamp's date part counts)."""
    parsed = parse_iso(value)
    return parsed.date() if parsed else None


def now_utc() -> datetime:
    """The current time, timezone-aware."""
    return datetime.now(timezone.utc)


def days_between(earlier: datetime, later: datetime) -> float:
    """Whole and fractional days from `earlier` to `later` (negative if reversed)."""
    return (later - earlier).total_seconds() / 86400

"""The shipped release tables (data/end-of-life.yaml, data/windows-updates.yaml), read once.

Shared by os-supported (is this release still serviced?) and os-updates (how far behind is
this Windows build?), so both agree on editions and dates.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from secaudit.datafiles import load_data
from secaudit.timeutil import parse_day

PACKAGE = "secaudit.checks.system"


def end_of_life() -> dict[str, Any]:
    """The whole end-of-life table."""
    data: dict[str, Any] = load_data(PACKAGE, "end-of-life.yaml")
    return data


def windows_updates() -> dict[str, Any]:
    """The monthly cumulative-update table."""
    data: dict[str, Any] = load_data(PACKAGE, "windows-updates.yaml")
    return data


def windows_edition_kind(edition: str) -> str:
    """`ltsc`, `enterprise_education` or `home_pro`, from the EditionID registry value."""
    lowered = edition.lower()
    if "ltsc" in lowered or lowered.startswith(("enterprises", "iotenterprises")):
        return "ltsc"
    if lowered.startswith(("enterprise", "education", "iotenterprise")):
        return "enterprise_education"
    return "home_pro"


def windows_support_end(build: str, edition: str) -> tuple[date | None, dict[str, Any] | None]:
    """First unsupported day of this build for this edition, and the table entry."""
    entry = end_of_life().get("windows", {}).get(build)
    if not isinstance(entry, dict):
        return None, None
    kind = windows_edition_kind(edition)
    key = {"ltsc": "ltsc_end", "enterprise_education": "enterprise_education_end",
           "home_pro": "home_pro_end"}[kind]
    return parse_day(entry.get(key) or entry.get("home_pro_end")), entry


def patch_tuesdays(after: date, until: date) -> list[date]:
    """Second Tuesdays of each month strictly after `after` and on or before `until`."""
    days: list[date] = []
    year, month = after.year, after.month
    while True:
        first = date(year, month, 1)
        tuesday = first + timedelta(days=(1 - first.weekday()) % 7 + 7)
        if tuesday > until:
            return days
        if tuesday > after:
            days.append(tuesday)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)

"""Shared test helpers: where the recorded hosts live."""

from __future__ import annotations

from pathlib import Path

HOSTS = Path(__file__).parent / "hosts"


def recorded_hosts() -> list[Path]:
    """Every recorded host folder under tests/hosts/<platform>/<name>."""
    return sorted(p for p in HOSTS.glob("*/*") if (p / "host.yaml").is_file())

"""Data files shipped beside the checks (end-of-life dates, allow-lists), loaded once."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from secaudit.errors import RegistryError
from secaudit.yamlio import parse_yaml


@functools.cache
def load_data(package: str, name: str) -> Any:
    """Parse `data/<name>` inside `package` (e.g. `secaudit.checks.system`)."""
    entry = resources.files(package) / "data" / name
    source = f"{package.replace('secaudit.', '').replace('.', '/')}/data/{name}"
    try:
        text = entry.read_text(encoding="utf-8")
    except OSError as exc:
        raise RegistryError(f"{source}: data file missing from the installation ({exc})") from None
    return parse_yaml(text, source)

"""Test fixtures: no test may touch the real home folder or the network."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest


class NetworkBlocked(AssertionError):
    """Raised when a test tries to open a network connection."""


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Point home and data folders at a temporary folder, and make network access fail."""
    home = tmp_path / "home"
    home.mkdir()
    for name in ("HOME", "USERPROFILE", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "APPDATA",
                 "LOCALAPPDATA"):
        monkeypatch.setenv(name, str(home))

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise NetworkBlocked("tests must not use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


"""Hosts: the only layer that performs I/O. Checks read machines through `Host`."""

from __future__ import annotations

from pathlib import Path

from secaudit.hosts.base import CommandResult, Host, HostInfo, UserInfo

__all__ = ["CommandResult", "Host", "HostInfo", "UserInfo", "open_host"]


def open_host(recorded: Path | None = None) -> Host:
    """The recorded host in `recorded`, or this machine when None."""
    if recorded is not None:
        from secaudit.hosts.recorded import RecordedHost

        return RecordedHost(recorded)
    from secaudit.hosts.local import LocalHost

    return LocalHost()

"""The host interface: the only way checks see a machine.

Two implementations exist: `LocalHost` (this machine) and `RecordedHost` (a folder describing a
machine). Every method is read-only. Paths are written the way the host's OS writes them
(`/etc/os-release`, `C:\\Users\\alice\\AppData`).
"""

from __future__ import annotations

import ntpath
import posixpath
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from secaudit.model import OSInfo

PLATFORMS = ("linux", "macos", "windows")

# Registry values as the recorded-host contract types them: REG_SZ -> str, REG_DWORD -> int,
# REG_MULTI_SZ -> list of str, REG_BINARY -> hex str.
RegistryValue = str | int | list[str]


@dataclass(frozen=True, slots=True)
class CommandResult:
    """What a command did. `found` is False when the program is not installed."""

    argv: tuple[str, ...]
    returncode: int = 0
    stdout: str = ""
    stderr: str = ""
    found: bool = True
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        """The program ran, finished in time and exited 0."""
        return self.found and not self.timed_out and self.returncode == 0

    @property
    def output(self) -> str:
        """stdout and stderr together: several tools answer on stderr."""
        return self.stdout + self.stderr

    def describe(self) -> str:
        """A short description for evidence: `not installed`, `exit 1`, `timed out`."""
        if not self.found:
            return "not installed"
        if self.timed_out:
            return "timed out"
        return f"exit {self.returncode}"


@dataclass(frozen=True, slots=True)
class UserInfo:
    """The person being audited (under sudo: the invoking user, not root)."""

    name: str = ""
    home: str = ""
    admin: bool = False


@dataclass(frozen=True, slots=True)
class HostInfo:
    """Identity of the host. Hostname and user name are used for redaction, never reported."""

    platform: str
    os: OSInfo
    user: UserInfo
    hostname: str = ""
    arch: str = ""


class Host(ABC):
    """Read-only access to one machine."""

    @property
    @abstractmethod
    def info(self) -> HostInfo:
        """Platform, OS, user: known before any check runs."""

    @property
    def platform(self) -> str:
        """`linux`, `macos` or `windows`."""
        return self.info.platform

    @abstractmethod
    def now(self) -> datetime:
        """The time every age is computed against (a recorded host's `collected_at`)."""

    @abstractmethod
    def read_bytes(self, path: str) -> bytes:
        """A file's content. Raises `SourceMissing` or `SourceDenied`."""

    def read_text(self, path: str) -> str:
        """A file's content as text (UTF-8, undecodable bytes replaced)."""
        return self.read_bytes(path).decode("utf-8", errors="replace")

    @abstractmethod
    def list_dir(self, path: str) -> list[str]:
        """Names in a folder, sorted. Raises `SourceMissing` or `SourceDenied`."""

    @abstractmethod
    def exists(self, path: str) -> bool:
        """True if the file or folder exists (a denied one exists)."""

    @abstractmethod
    def is_dir(self, path: str) -> bool:
        """True if the path is a folder."""

    @abstractmethod
    def mtime(self, path: str) -> datetime | None:
        """Modification time, or None when it is not known."""

    @abstractmethod
    def run(self, argv: list[str], timeout: float) -> CommandResult:
        """Run a program by argv (no shell); never raises for a missing program."""

    def registry_values(self, key: str) -> dict[str, RegistryValue] | None:
        """A Windows registry key's values, or None when the key does not exist."""
        return None

    def registry_subkeys(self, key: str) -> list[str]:
        """Names of a Windows registry key's direct subkeys."""
        return []

    def wmi(self, namespace: str, cls: str) -> list[dict[str, Any]] | None:
        """Instances of a WMI/CIM class, or None when the class could not be queried."""
        return None

    def join(self, *parts: str) -> str:
        """Join path parts the way this host's OS does."""
        module = ntpath if self.platform == "windows" else posixpath
        return str(module.join(*parts))

    def basename(self, path: str) -> str:
        """The last part of a path, the way this host's OS splits it."""
        module = ntpath if self.platform == "windows" else posixpath
        return str(module.basename(path))

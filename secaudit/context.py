"""What a check receives: the host, plus facts and command outputs shared across the run.

Checks run concurrently. A fact (installed applications, browser profiles) or a command
(`systemctl is-enabled ufw`) that several checks need is collected once: the first check to ask
computes it while the others wait for the same answer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from secaudit.errors import SourceError, SourceMissing
from secaudit.hosts.base import CommandResult, Host

T = TypeVar("T")

# A single command never gets longer than this; the check's own limit is enforced above it.
COMMAND_TIMEOUT_SECONDS = 8.0


class _Memo:
    """Thread-safe memoisation: one computation per key, concurrent askers wait for it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: dict[Any, Any] = {}
        self._key_locks: dict[Any, threading.Lock] = {}

    def get(self, key: Any, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._values:
                return self._values[key]  # type: ignore[no-any-return]
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._values:
                    return self._values[key]  # type: ignore[no-any-return]
            value = compute()
            with self._lock:
                self._values[key] = value
            return value


class CheckContext:
    """The run-wide view of one host that every check reads through."""

    def __init__(self, host: Host, command_timeout: float = COMMAND_TIMEOUT_SECONDS) -> None:
        self.host = host
        self.command_timeout = command_timeout
        self._facts = _Memo()
        self._commands = _Memo()

    @property
    def platform(self) -> str:
        """`linux`, `macos` or `windows`."""
        return self.host.platform

    @property
    def home(self) -> str:
        """The audited person's home folder."""
        return self.host.info.user.home

    def fact(self, collector: Callable[[CheckContext], T]) -> T:
        """The value of a fact collector, computed once per run."""
        return self._facts.get(collector, lambda: collector(self))

    def run(self, *argv: str) -> CommandResult:
        """Run a read-only command once per run; later calls get the same result."""
        return self._commands.get(argv, lambda: self.host.run(list(argv), self.command_timeout))

    def read_text(self, path: str) -> str | None:
        """A file's text, or None when it does not exist. A denied file raises `SourceDenied`."""
        try:
            return self.host.read_text(path)
        except SourceMissing:
            return None

    def read_bytes(self, path: str) -> bytes | None:
        """A file's bytes, or None when it does not exist."""
        try:
            return self.host.read_bytes(path)
        except SourceMissing:
            return None

    def list_dir(self, path: str) -> list[str]:
        """A folder's entries; an empty list when it does not exist or cannot be read."""
        try:
            return self.host.list_dir(path)
        except SourceError:
            return []

    def by_platform(self, **judges: Callable[[CheckContext], T]) -> T:
        """Call the judge named after the host's platform (`linux=`, `macos=`, `windows=`)."""
        judge = judges.get(self.platform)
        if judge is None:
            raise KeyError(f"no judge for platform {self.platform!r}")
        return judge(self)

    def join(self, *parts: str) -> str:
        """Join path parts the way the host's OS does."""
        return self.host.join(*parts)

    def in_home(self, *parts: str) -> str:
        """A path inside the audited person's home folder."""
        return self.host.join(self.home, *parts)

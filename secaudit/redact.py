"""Redaction: reports never carry the user's name, home path or the machine's name.

Reports are sensitive and are often shared (with a trainer, a helpline), so every report is
redacted, not only the ones that leave the machine: the home folder becomes `~`, the user name
`<user>`, the host name `<host>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from secaudit.hosts.base import HostInfo
from secaudit.model import Evidence, Result

# Account names that are also ordinary words; replacing them would garble messages.
_COMMON_WORDS = {"root", "admin", "user", "users", "guest", "administrator", "default", "public"}


@dataclass(frozen=True, slots=True)
class Redactor:
    """Replaces identifying strings in results."""

    replacements: tuple[tuple[re.Pattern[str], str], ...]

    @classmethod
    def for_host(cls, info: HostInfo) -> Redactor:
        """A redactor for one host's home folder, user name and host name."""
        rules: list[tuple[re.Pattern[str], str]] = []
        home = info.user.home.rstrip("/\\")
        if len(home) > 1:
            rules.append((re.compile(re.escape(home), re.IGNORECASE
                                     if info.platform == "windows" else 0), "~"))
        name = info.user.name
        if len(name) >= 3 and name.lower() not in _COMMON_WORDS:
            rules.append((re.compile(rf"(?<![\w.-]){re.escape(name)}(?![\w-])"), "<user>"))
        host = info.hostname.split(".")[0]
        if len(host) >= 3 and host.lower() not in _COMMON_WORDS | {"localhost"}:
            rules.append((re.compile(rf"(?<![\w.-]){re.escape(host)}(?![\w-])",
                                     re.IGNORECASE), "<host>"))
        return cls(tuple(rules))

    def text(self, value: str) -> str:
        """Redact one string."""
        for pattern, replacement in self.replacements:
            value = pattern.sub(replacement, value)
        return value

    def result(self, result: Result) -> Result:
        """Redact a result's message and evidence."""
        if not self.replacements:
            return result
        return replace(
            result,
            message=self.text(result.message),
            evidence=tuple(Evidence(self.text(e.source), self.text(e.detail))
                           for e in result.evidence),
        )

"""Errors a user can cause (bad input) and errors a source can raise while a check reads it.

Only `cli.py` turns these into exit codes; everywhere else they carry enough to be fixed:
the file, the line, the path inside the YAML, what was expected.
"""

from __future__ import annotations


class SecauditError(Exception):
    """Base of every error secaudit raises on purpose."""


class BadInputError(SecauditError):
    """A file the user gave us (recorded host, pack, profile) is malformed: exit code 2."""

    def __init__(
        self,
        file: str,
        problem: str,
        *,
        line: int | None = None,
        where: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.where = where
        self.problem = problem
        self.hint = hint
        super().__init__(self.describe())

    def describe(self) -> str:
        """`file:line: at checks[3].severity: problem (hint)`: one readable line."""
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{place}: "
        if self.where:
            text += f"at {self.where}: "
        text += self.problem
        if self.hint:
            text += f" ({self.hint})"
        return text


class RegistryError(SecauditError):
    """A check's declaration is invalid (duplicate id, unknown severity, missing guide)."""


class SourceError(Exception):
    """A source could not be read. Checks may catch it; if they don't, the runner turns it
    into `unknown` with the matching reason, never into `pass`."""

    def __init__(self, source: str, detail: str = "") -> None:
        self.source = source
        self.detail = detail
        super().__init__(f"{source}: {detail}" if detail else source)


class SourceMissing(SourceError):
    """The file, folder, key or class does not exist on this host."""


class SourceDenied(SourceError):
    """The source exists but reading it needs more rights (administrator or root)."""


class SourceNotUnderstood(SourceError):
    """The source answered, but in a form secaudit cannot parse (another version, corruption)."""

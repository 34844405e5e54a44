"""The one result model: statuses, severities, evidence, verdicts and results.

Checks return a `Verdict`; the runner wraps it with the check's declared metadata into a
`Result`. Everything is a frozen dataclass so a finished report cannot change under a formatter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import NoReturn

from secaudit.l10n import N_


def assert_never(value: NoReturn) -> NoReturn:
    """Close a match over an enum: mypy fails if a member is left unhandled."""
    raise AssertionError(f"unhandled value: {value!r}")


class Status(str, Enum):
    """What a check concluded. The string value is the JSON word."""

    PASS = "pass"  # noqa: S105 - a verdict, not a password
    WARN = "warn"
    FAIL = "fail"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"
    SKIPPED = "skipped"


class Severity(str, Enum):
    """How much a failure of this check matters to a defender."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"


class Reason(str, Enum):
    """Why a check could not give a verdict (`unknown`, `error`, `skipped`, `not_applicable`)."""

    NEEDS_ADMIN = "needs_admin"
    TOOL_MISSING = "tool_missing"
    NOT_UNDERSTOOD = "not_understood"
    SOURCE_MISSING = "source_missing"
    TIMED_OUT = "timed_out"
    UNSUPPORTED = "unsupported"
    DATA_STALE = "data_stale"
    CRASHED = "crashed"
    EXCLUDED = "excluded"
    NOT_INSTALLED = "not_installed"


@dataclass(frozen=True, slots=True)
class StatusStyle:
    """How one status is shown: its place in the summary, its colour and its label."""

    order: int
    colour: str
    label: str  # English; formats show it translated


# The one table that maps each status to its presentation; formats read it, never re-derive it.
STATUS_STYLES: dict[Status, StatusStyle] = {
    Status.FAIL: StatusStyle(0, "red", N_("FAIL")),
    Status.WARN: StatusStyle(1, "yellow", N_("WARN")),
    Status.ERROR: StatusStyle(2, "magenta", N_("ERROR")),
    Status.UNKNOWN: StatusStyle(3, "cyan", N_("UNKNOWN")),
    Status.PASS: StatusStyle(4, "green", N_("PASS")),
    Status.NOT_APPLICABLE: StatusStyle(5, "white", N_("N/A")),
    Status.SKIPPED: StatusStyle(6, "white", N_("SKIPPED")),
}

# How each platform id is written for people (the same in every language).
PLATFORM_NAMES = {"windows": "Windows", "macos": "macOS", "linux": "Linux"}

# How each severity is written for people; formats show it translated.
SEVERITY_WORDS: dict[Severity, str] = {
    Severity.CRITICAL: N_("critical"), Severity.HIGH: N_("high"), Severity.MEDIUM: N_("medium"),
    Severity.LOW: N_("low"), Severity.INFO: N_("info"),
}

SEVERITY_ORDER: dict[Severity, int] = {
    Severity.CRITICAL: 0,
    Severity.HIGH: 1,
    Severity.MEDIUM: 2,
    Severity.LOW: 3,
    Severity.INFO: 4,
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Which source answered and what it said, e.g. ("/sys/block/dm-0/dm/uuid", "LUKS2")."""

    source: str
    detail: str


@dataclass(frozen=True, slots=True)
class Verdict:
    """A check's conclusion before the runner adds metadata and timing."""

    status: Status
    message: str
    evidence: tuple[Evidence, ...] = ()
    reason: Reason | None = None


def passed(message: str, *evidence: Evidence) -> Verdict:
    """A verdict saying the protection was found in place."""
    return Verdict(Status.PASS, message, evidence)


def warned(message: str, *evidence: Evidence) -> Verdict:
    """A verdict saying the protection is partial or needs attention."""
    return Verdict(Status.WARN, message, evidence)


def failed(message: str, *evidence: Evidence) -> Verdict:
    """A verdict saying the protection is missing."""
    return Verdict(Status.FAIL, message, evidence)


def unknown(reason: Reason, message: str, *evidence: Evidence) -> Verdict:
    """A verdict saying the check could not tell, and why: never a silent pass."""
    return Verdict(Status.UNKNOWN, message, evidence, reason)


def not_applicable(message: str, *evidence: Evidence) -> Verdict:
    """A verdict saying the check does not apply here (for example, no browser installed)."""
    return Verdict(Status.NOT_APPLICABLE, message, evidence, Reason.NOT_INSTALLED)


# The order in which parts of a whole (profiles, volumes, firewall profiles) spoil the whole.
_COMBINE_ORDER = (Status.FAIL, Status.WARN, Status.ERROR, Status.UNKNOWN, Status.PASS)


def combined_status(statuses: Iterable[Status]) -> Status:
    """Combine the statuses of parts: any fail gives fail, else warn, else unknown, else pass.

    `not_applicable` parts are ignored; if every part is not applicable, so is the whole.
    """
    seen = {s for s in statuses if s not in (Status.NOT_APPLICABLE, Status.SKIPPED)}
    for status in _COMBINE_ORDER:
        if status in seen:
            return Status.UNKNOWN if status is Status.ERROR else status
    return Status.NOT_APPLICABLE


@dataclass(frozen=True, slots=True)
class GuideLink:
    """Where to learn how to fix a finding; `platform_urls` overrides `url` per platform."""

    id: str
    url: str
    platform_urls: tuple[tuple[str, str], ...] = ()

    def for_platform(self, platform: str) -> GuideLink:
        """The link to show on `platform` (its own page where one exists)."""
        url = dict(self.platform_urls).get(platform, self.url)
        return GuideLink(self.id, url)


@dataclass(frozen=True, slots=True)
class CheckSpec:
    """A check's declared metadata (from its YAML file), validated when the registry loads."""

    id: str
    title: str
    why: str
    severity: Severity
    platforms: tuple[str, ...]
    guide: GuideLink
    first_aid: str | None = None
    module: str = ""
    source_file: str = ""


@dataclass(frozen=True, slots=True)
class Result:
    """One check's outcome on one host, as it appears in every report."""

    spec: CheckSpec
    status: Status
    message: str
    evidence: tuple[Evidence, ...] = ()
    reason: Reason | None = None
    duration_ms: int = 0
    self_reported: bool = False  # from the person's answers, not read from the machine


@dataclass(frozen=True, slots=True)
class Priority:
    """Where a finding ranks for this person, and why."""

    check: str
    score: float
    reasons: tuple[str, ...]
    effort: str
    rank: int | None = None


@dataclass(frozen=True, slots=True)
class TopAction:
    """One of "your top three actions": what to do, and where the steps are."""

    rank: int
    check: str
    action: str
    guide: GuideLink
    self_reported: bool = False


@dataclass(frozen=True, slots=True)
class OSInfo:
    """The operating system as the host reports it."""

    name: str = ""
    version: str = ""
    build: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    """A finished audit: what every format renders."""

    tool_version: str
    platform: str
    os: OSInfo
    started: str
    finished: str
    results: tuple[Result, ...] = field(default_factory=tuple)
    priorities: tuple[Priority, ...] = ()
    top_actions: tuple[TopAction, ...] = ()
    profile: tuple[tuple[str, str], ...] = ()  # the answers used for ranking
    profile_source: str = "default"
    language: str = "en"  # what titles, messages and actions are worded in

    def summary(self) -> dict[str, int]:
        """Counts per status of the machine's checks (self-reported answers are not counted)."""
        counts = {status.value: 0 for status in Status}
        for result in self.results:
            if not result.self_reported:
                counts[result.status.value] += 1
        return counts

    @property
    def has_failures(self) -> bool:
        """True when at least one check of the machine failed: the exit code is 1 then."""
        return any(r.status is Status.FAIL and not r.self_reported for r in self.results)

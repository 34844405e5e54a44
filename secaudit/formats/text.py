"""The text report: a plain verdict first, then what to do, most severe first.

It says what was found; it never says the machine is "safe". Strings that came from the
machine are stripped of control characters so a crafted file name cannot rewrite the terminal.
"""

from __future__ import annotations

import re
import textwrap

from secaudit.model import SEVERITY_ORDER, STATUS_STYLES, Report, Result, Status

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ANSI = {"red": "31", "yellow": "33", "magenta": "35", "cyan": "36", "green": "32", "white": "37"}

# The sections of the report, in order: (heading, statuses shown there).
_SECTIONS: tuple[tuple[str, tuple[Status, ...]], ...] = (
    ("Needs action", (Status.FAIL,)),
    ("Worth a look", (Status.WARN,)),
    ("Could not tell", (Status.UNKNOWN, Status.ERROR)),
    ("In place", (Status.PASS,)),
    ("Not checked", (Status.NOT_APPLICABLE, Status.SKIPPED)),
)
_DETAILED = (Status.FAIL, Status.WARN, Status.UNKNOWN, Status.ERROR)
_MAX_EVIDENCE_LINES = 6


def clean(text: str) -> str:
    """Remove control and bidi-override characters from text that came from the machine."""
    return _CONTROL.sub("", text)


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Wrap text without breaking links and paths at hyphens or inside long words."""
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=" " * len(indent),
                         break_on_hyphens=False, break_long_words=False)


def _paint(text: str, colour: str, enabled: bool) -> str:
    return f"\x1b[{_ANSI[colour]}m{text}\x1b[0m" if enabled else text


def summary_line(report: Report) -> str:
    """One line that says what was found, in plain words."""
    counts = report.summary()
    parts = []
    if counts["fail"]:
        parts.append(f"{counts['fail']} to fix")
    if counts["warn"]:
        parts.append(f"{counts['warn']} worth a look")
    if counts["unknown"] + counts["error"]:
        parts.append(f"{counts['unknown'] + counts['error']} could not be checked")
    parts.append(f"{counts['pass']} in place")
    total = sum(counts.values()) - counts["skipped"] - counts["not_applicable"]
    return f"secaudit checked {total} protections: " + ", ".join(parts) + "."


def _top_actions(report: Report) -> list[str]:
    if not report.top_actions:
        return ["Your top three actions: nothing failed or needs a look right now. Keep updates "
                "on and run secaudit again after changes."]
    lines = ["Your top three actions:"]
    for action in report.top_actions:
        where = action.guide.url if action.self_reported else f"secaudit guide {action.guide.id}"
        said = " (from your answers)" if action.self_reported else ""
        lines.append(f"  {action.rank}. {clean(action.action)}{said}  ->  {where}")
    return lines


def _sort_key(result: Result) -> tuple[int, int, str]:
    return (STATUS_STYLES[result.status].order, SEVERITY_ORDER[result.spec.severity],
            result.spec.id)


def _render_result(result: Result, colour: bool) -> list[str]:
    style = STATUS_STYLES[result.status]
    label = _paint(f"[{style.label}]", style.colour, colour)
    lines = [f"  {label} {result.spec.title} ({result.spec.severity.value})",
             f"      {clean(result.message)}"]
    if result.status in _DETAILED:
        for item in result.evidence[:_MAX_EVIDENCE_LINES]:
            lines.append(f"      - {clean(item.source)}: {clean(item.detail)}")
        hidden = len(result.evidence) - _MAX_EVIDENCE_LINES
        if hidden > 0:
            lines.append(f"      - ... and {hidden} more (see --format json)")
    if result.status in (Status.FAIL, Status.WARN):
        lines.append(f"      How to fix: {result.spec.guide.url}")
    return lines


def render_text(report: Report, colour: bool = False) -> str:
    """The report as terminal text."""
    os_name = " ".join(p for p in (report.os.name, report.os.version) if p)
    lines = [summary_line(report), f"System: {clean(os_name) or report.platform}", ""]
    lines += [*_top_actions(report), ""]
    ordered = sorted((r for r in report.results if not r.self_reported), key=_sort_key)
    for heading, statuses in _SECTIONS:
        section = [r for r in ordered if r.status in statuses]
        if not section:
            continue
        lines.append(heading)
        for result in section:
            if heading in ("In place", "Not checked"):
                style = STATUS_STYLES[result.status]
                label = _paint(f"[{style.label}]", style.colour, colour)
                lines.append(f"  {label} {result.spec.title}: {clean(result.message)}")
            else:
                lines.extend(_render_result(result, colour))
        lines.append("")
    told = [r for r in report.results if r.self_reported]
    if told:
        lines.append("What you told secaudit (it cannot see these from the computer)")
        for result in told:
            style = STATUS_STYLES[result.status]
            label = _paint(f"[{style.label}]", style.colour, colour)
            lines.append(f"  {label} {result.spec.title}: {clean(result.message)}")
        lines.append("")
    flows = sorted({r.spec.first_aid for r in report.results
                    if r.status in (Status.FAIL, Status.WARN) and r.spec.first_aid})
    if flows:
        lines.append("If something has already gone wrong (a lost device, an account someone "
                     "else uses, a suspicious message), step-by-step help: "
                     + ", ".join(f"secaudit first-aid {f}" for f in flows))
    return "\n".join(lines).rstrip() + "\n"

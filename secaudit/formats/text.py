"""The text report: a plain verdict first, then what to do, most severe first.

It says what was found; it never says the machine is "safe". Strings that came from the
machine are stripped of control characters so a crafted file name cannot rewrite the terminal.
"""

from __future__ import annotations

import re
import textwrap

from secaudit.l10n import N_, _, listed, n_
from secaudit.model import (
    PLATFORM_NAMES,
    SEVERITY_ORDER,
    SEVERITY_WORDS,
    STATUS_STYLES,
    Report,
    Result,
    Status,
)

# French puts a space before ; : ! ? and inside « »: a line must not break there.
_NO_BREAK_BEFORE = re.compile(r" (?=[;:!?»])|(?<=«) ")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ANSI = {"red": "31", "yellow": "33", "magenta": "35", "cyan": "36", "green": "32", "white": "37"}

# The sections of the report, in order: (heading, statuses shown there, shown in detail).
_SECTIONS: tuple[tuple[str, tuple[Status, ...], bool], ...] = (
    (N_("Needs action"), (Status.FAIL,), True),
    (N_("Worth a look"), (Status.WARN,), True),
    (N_("Could not tell"), (Status.UNKNOWN, Status.ERROR), True),
    (N_("In place"), (Status.PASS,), False),
    (N_("Not checked"), (Status.NOT_APPLICABLE, Status.SKIPPED), False),
)
_DETAILED = (Status.FAIL, Status.WARN, Status.UNKNOWN, Status.ERROR)
_MAX_EVIDENCE_LINES = 6


def clean(text: str) -> str:
    """Remove control and bidi-override characters from text that came from the machine."""
    return _CONTROL.sub("", text)


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Wrap text without breaking links and paths at hyphens or inside long words."""
    text = _NO_BREAK_BEFORE.sub("\u00a0", text)
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=" " * len(indent),
                         break_on_hyphens=False, break_long_words=False)


def _paint(text: str, colour: str, enabled: bool) -> str:
    return f"\x1b[{_ANSI[colour]}m{text}\x1b[0m" if enabled else text


def summary_line(report: Report) -> str:
    """One line that says what was found, in plain words."""
    counts = report.summary()
    # Translators: the parts of the summary line, listed after "secaudit checked 9 protections:".
    parts = []
    if counts["fail"]:
        parts.append(_("{count} to fix", count=counts["fail"]))
    if counts["warn"]:
        parts.append(_("{count} worth a look", count=counts["warn"]))
    if counts["unknown"] + counts["error"]:
        parts.append(_("{count} could not be checked", count=counts["unknown"] + counts["error"]))
    parts.append(_("{count} in place", count=counts["pass"]))
    total = sum(counts.values()) - counts["skipped"] - counts["not_applicable"]
    return n_("secaudit checked {count} protection: {parts}.",
              "secaudit checked {count} protections: {parts}.", total, parts=listed(parts))


def _top_actions(report: Report) -> list[str]:
    if not report.top_actions:
        return [_("Your top three actions: nothing failed or needs a look right now. Keep "
                  "updates on and run secaudit again after changes.")]
    lines = [_("Your top three actions:")]
    for action in report.top_actions:
        where = f"secaudit guide {action.guide.id}"
        text = (_("{action} (from your answers)", action=clean(action.action))
                if action.self_reported else clean(action.action))
        lines.append(f"  {action.rank}. {text}  ->  {where}")
    return lines


def titled(result: Result) -> str:
    """"Title: message" on one line, punctuated the way the language does."""
    # Translators: a finding on one line; French writes "{title} : {message}".
    return _("{title}: {message}", title=result.spec.title, message=clean(result.message))


def _sort_key(result: Result) -> tuple[int, int, str]:
    return (STATUS_STYLES[result.status].order, SEVERITY_ORDER[result.spec.severity],
            result.spec.id)


def _label(result: Result, colour: bool) -> str:
    style = STATUS_STYLES[result.status]
    return _paint(f"[{_(style.label)}]", style.colour, colour)


def _render_result(result: Result, colour: bool) -> list[str]:
    severity = _(SEVERITY_WORDS[result.spec.severity])
    lines = [f"  {_label(result, colour)} {result.spec.title} ({severity})",
             f"      {clean(result.message)}"]
    if result.status in _DETAILED:
        for item in result.evidence[:_MAX_EVIDENCE_LINES]:
            lines.append(f"      - {clean(item.source)}: {clean(item.detail)}")
        hidden = len(result.evidence) - _MAX_EVIDENCE_LINES
        if hidden > 0:
            lines.append("      - " + n_("... and {count} more (see --format json)",
                                             "... and {count} more (see --format json)", hidden))
    if result.status in (Status.FAIL, Status.WARN):
        lines.append("      " + _("How to fix: {command} (or {url})",
                                      command=f"secaudit guide {result.spec.guide.id}",
                                      url=result.spec.guide.url))
    return lines


def render_text(report: Report, colour: bool = False) -> str:
    """The report as terminal text."""
    os_name = " ".join(p for p in (report.os.name, report.os.version) if p)
    system = clean(os_name) or PLATFORM_NAMES.get(report.platform, report.platform)
    lines = [summary_line(report), _("System: {system}", system=system), ""]
    lines += [*_top_actions(report), ""]
    ordered = sorted((r for r in report.results if not r.self_reported), key=_sort_key)
    for heading, statuses, detailed in _SECTIONS:
        section = [r for r in ordered if r.status in statuses]
        if not section:
            continue
        lines.append(_(heading))
        for result in section:
            if detailed:
                lines.extend(_render_result(result, colour))
            else:
                lines.append(f"  {_label(result, colour)} {titled(result)}")
        lines.append("")
    told = [r for r in report.results if r.self_reported]
    if told:
        lines.append(_("What you told secaudit (it cannot see these from the computer)"))
        for result in told:
            lines.append(f"  {_label(result, colour)} {titled(result)}")
        lines.append("")
    flows = sorted({r.spec.first_aid for r in report.results
                    if r.status in (Status.FAIL, Status.WARN) and r.spec.first_aid})
    if flows:
        lines.append(_("If something has already gone wrong (a lost device, an account someone "
                       "else uses, a suspicious message), step-by-step help: {commands}",
                       commands=listed(f"secaudit first-aid {f}" for f in flows)))
    return "\n".join(lines).rstrip() + "\n"

"""First-aid nodes as terminal text: explanation, question and numbered answers, or steps."""

from __future__ import annotations

from collections.abc import Sequence

from secaudit.first_aid import Contact, Node
from secaudit.formats.text import clean, titled, wrap
from secaudit.l10n import _
from secaudit.model import STATUS_STYLES, Result

WIDTH = 78


def _wrap(text: str, indent: str = "") -> list[str]:
    return wrap(clean(text), WIDTH, indent)


def render_node(node: Node) -> str:
    """The node's text, then its question and numbered answers, or its numbered steps."""
    lines: list[str] = []
    if node.text:
        lines += [*_wrap(node.text), ""]
    if node.question:
        lines += _wrap(node.question)
    for number, answer in enumerate(node.answers, start=1):
        lines += _wrap(answer.label, f"  {number}. ")
    for number, step in enumerate(node.steps, start=1):
        lines += _wrap(step, f"{number}. ")
    return "\n".join(lines).rstrip() + "\n"


def render_results(results: Sequence[Result]) -> str:
    """Check results shown inside a flow: one short block per check."""
    lines = [_("What secaudit found on this computer:")]
    for result in results:
        label = _(STATUS_STYLES[result.status].label)
        lines += _wrap(f"[{label}] {titled(result)}", "  ")
    lines += _wrap(_("(secaudit cannot prove a device is free of malware; it checks "
                     "protections.)"))
    return "\n".join(lines) + "\n"


def render_help(contacts: Sequence[Contact]) -> str:
    """Where to get help, public contacts only."""
    lines = [_("Where to get help:")]
    for contact in contacts:
        lines += _wrap(f"{contact.name}: {contact.what}", "- ")
        for detail in (contact.url, contact.email, contact.phone, contact.hours):
            if detail:
                lines.append(f"    {clean(detail)}")
    return "\n".join(lines) + "\n"

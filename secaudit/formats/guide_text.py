"""A guide rendered for the terminal: headings, numbered steps, links; no Markdown noise.

Only the steps for the requested platform are shown unless every platform is asked for.
Right-to-left text (Arabic) is printed as it is: terminals apply the bidi algorithm
themselves, and inserting direction marks would show up as garbage in those that do not.
"""

from __future__ import annotations

import re

from secaudit.formats.text import clean, wrap
from secaudit.guide_files import Guide
from secaudit.l10n import N_, _
from secaudit.model import PLATFORM_NAMES

_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_CODE = re.compile(r"`([^`]+)`")
_ITEM = re.compile(r"^(\s*)(\d+\.|[-*])\s+(.*)$")
# Translators: how hard a guide's steps are.
DIFFICULTY_WORDS = {"easy": N_("easy"), "medium": N_("medium"), "hard": N_("hard")}


def _inline(text: str, bold: bool) -> str:
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    text = _BOLD.sub(lambda m: (f"\x1b[1m{m.group(1) or m.group(2)}\x1b[0m" if bold
                                else (m.group(1) or m.group(2))), text)
    return _CODE.sub(lambda m: m.group(1), text)


def _paragraphs(lines: list[str], width: int, bold: bool) -> list[str]:
    out: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            out.extend(wrap(" ".join(buffer), width) or [""])
            buffer.clear()

    for raw in lines:
        line = clean(raw.rstrip())
        if not line.strip():
            flush()
            if out and out[-1] != "":
                out.append("")
            continue
        item = _ITEM.match(line)
        if item:
            flush()
            indent, marker, rest = item.groups()
            marker = marker if marker[0].isdigit() else "-"
            prefix = f"{indent}{marker} "
            out.extend(wrap(_inline(rest, bold), width, prefix))
        else:
            buffer.append(_inline(line.strip(), bold))
    flush()
    while out and out[-1] == "":
        out.pop()
    return out


def render_guide(guide: Guide, platform: str | None, width: int = 78, bold: bool = False
                 ) -> str:
    """The guide as terminal text; `platform` None shows every platform's steps."""
    def heading(text: str) -> str:
        return f"\x1b[1m{text}\x1b[0m" if bold else text

    lines = [heading(clean(guide.title)), "=" * min(width, max(8, len(guide.title)))]
    summary = guide.meta.get("summary")
    if summary:
        lines += wrap(clean(str(summary)), width)
    time_needed = clean(str(guide.meta.get("time_needed") or ""))
    difficulty = str(guide.meta.get("difficulty") or "")
    difficulty = _(DIFFICULTY_WORDS[difficulty]) if difficulty in DIFFICULTY_WORDS else clean(
        difficulty)
    if time_needed and difficulty:
        lines += wrap(_("Time needed: {time}. Difficulty: {difficulty}.", time=time_needed,
                        difficulty=difficulty), width)
    elif time_needed or difficulty:
        lines += wrap(_("Time needed: {time}.", time=time_needed) if time_needed
                      else _("Difficulty: {difficulty}.", difficulty=difficulty), width)
    for section in guide.sections:
        lines += ["", heading(clean(section.heading)), "-" * min(width, len(section.heading))]
        lines += _paragraphs(section.lines, width, bold)
        for name, (title, part) in section.parts.items():
            if platform is not None and name != platform:
                continue
            lines += ["", heading(clean(title))]
            lines += _paragraphs(part, width, bold)
        if section.parts and platform is not None and platform not in section.parts:
            lines.append(_("(No steps for {platform} in this guide.)",
                           platform=PLATFORM_NAMES.get(platform, platform)))
    references = guide.meta.get("references") or []
    if references:
        lines += ["", heading(_("Learn more"))]
        for ref in references:
            if isinstance(ref, dict) and ref.get("url"):
                lines.append(f"- {clean(str(ref.get('title', '')))}: {ref['url']}")
    return "\n".join(lines).rstrip() + "\n"

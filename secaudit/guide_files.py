"""Guides: Markdown with YAML front matter, one file per guide and language.

`guides/<lang>/<guide-id>.md` follows the Security in a Box anatomy: an imperative title, "Why
it matters", "How to fix" with one `### Windows|macOS|Linux` part per platform, "Advanced",
and "If you can't do this". Headings are translated, so sections are found by position and
platform headings (which stay in Latin script in every language), never by their words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from secaudit.errors import BadInputError
from secaudit.yamlio import parse_yaml

PACKAGE = "secaudit.guides"
DEFAULT_LANG = "en"
PLATFORM_HEADINGS = {"windows": "windows", "macos": "macos", "linux": "linux"}
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass(slots=True)
class Section:
    """A `##` section with its text and, for "How to fix", its `###` platform parts."""

    heading: str
    lines: list[str] = field(default_factory=list)
    parts: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # platform -> part


@dataclass(slots=True)
class Guide:
    """One guide in one language."""

    id: str
    lang: str
    meta: dict[str, Any]
    title: str
    sections: list[Section]

    @property
    def checks(self) -> list[str]:
        """The check ids this guide serves."""
        return [str(c) for c in self.meta.get("checks", [])]

    @property
    def platforms(self) -> list[str]:
        """Platforms the guide has steps for (from its `### Platform` headings)."""
        found: list[str] = []
        for section in self.sections:
            found += [p for p in section.parts if p not in found]
        return found


def _platform_of(heading: str) -> str | None:
    return PLATFORM_HEADINGS.get(heading.strip().lower())


def parse_guide(text: str, source: str, lang: str) -> Guide:
    """Parse a guide file; problems raise `BadInputError` naming the file."""
    match = _FRONT_MATTER.match(text)
    if not match:
        raise BadInputError(source, "a guide starts with YAML front matter between --- lines")
    meta = parse_yaml(match.group(1), source)
    if not isinstance(meta, dict) or not meta.get("id") or not meta.get("title"):
        raise BadInputError(source, "front matter needs at least id and title", line=2)
    body = text[match.end():].splitlines()
    title = str(meta["title"])
    sections: list[Section] = []
    current_part: list[str] | None = None
    for line in body:
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            sections.append(Section(line[3:].strip()))
            current_part = None
        elif line.startswith("### ") and sections:
            platform = _platform_of(line[4:])
            if platform:
                current_part = []
                sections[-1].parts[platform] = (line[4:].strip(), current_part)
            else:
                (current_part if current_part is not None else sections[-1].lines).append(line)
        elif sections:
            (current_part if current_part is not None else sections[-1].lines).append(line)
    return Guide(str(meta["id"]), lang, dict(meta), title, sections)


def languages() -> list[str]:
    """Languages that have a guides folder, English first."""
    root = resources.files(PACKAGE)
    found = sorted(e.name for e in root.iterdir()
                   if e.is_dir() and re.fullmatch(r"[a-z]{2}", e.name))
    return sorted(found, key=lambda code: (code != DEFAULT_LANG, code))


def guide_ids(lang: str = DEFAULT_LANG) -> list[str]:
    """Ids of the guides available in `lang`."""
    folder = resources.files(PACKAGE) / lang
    if not folder.is_dir():
        return []
    return sorted(e.name.removesuffix(".md") for e in folder.iterdir() if e.name.endswith(".md"))


@functools.cache
def load_guide(guide_id: str, lang: str = DEFAULT_LANG) -> Guide | None:
    """The guide in `lang`, or None when that translation does not exist (parsed once)."""
    entry = resources.files(PACKAGE) / lang / f"{guide_id}.md"
    if not entry.is_file():
        return None
    return parse_guide(entry.read_text(encoding="utf-8"), f"guides/{lang}/{guide_id}.md", lang)


def find_guide(guide_id: str, lang: str = DEFAULT_LANG) -> tuple[Guide | None, bool]:
    """The guide in `lang`, falling back to English; the flag says a fallback happened."""
    guide = load_guide(guide_id, lang)
    if guide is not None or lang == DEFAULT_LANG:
        return guide, False
    return load_guide(guide_id, DEFAULT_LANG), True


@functools.lru_cache(maxsize=1)
def link_catalogue() -> dict[str, dict[str, str]]:
    """guides/links.yaml: topic -> language -> URL."""
    text = (resources.files(PACKAGE) / "links.yaml").read_text(encoding="utf-8")
    topics = parse_yaml(text, "guides/links.yaml")["topics"]
    return {str(t): {str(k): str(v) for k, v in data["urls"].items()} for t, data in topics.items()}


@functools.lru_cache(maxsize=1)
def _pages_by_english_url() -> dict[str, dict[str, str]]:
    return {urls[DEFAULT_LANG]: urls for urls in link_catalogue().values() if DEFAULT_LANG in urls}


def localised_url(url: str, lang: str) -> str:
    """The page in `lang` when the link catalogue has one for this English URL, else `url`."""
    return _pages_by_english_url().get(url, {}).get(lang, url)


def missing_translations() -> dict[str, list[str]]:
    """Language -> English guides that have no translation in it."""
    english = set(guide_ids(DEFAULT_LANG))
    return {lang: sorted(english - set(guide_ids(lang)))
            for lang in languages() if lang != DEFAULT_LANG}

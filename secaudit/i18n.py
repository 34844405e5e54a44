"""Which language to speak: `--lang`, else the system locale, else English.

The list of languages and their writing direction is data (guides/languages.yaml).
"""

from __future__ import annotations

import functools
import locale
import os
from dataclasses import dataclass
from importlib import resources

from secaudit.yamlio import parse_yaml

DEFAULT = "en"


@dataclass(frozen=True, slots=True)
class Language:
    """A language secaudit has content for."""

    code: str
    name: str
    direction: str  # ltr | rtl


@functools.lru_cache(maxsize=1)
def known_languages() -> dict[str, Language]:
    """Code -> Language, from guides/languages.yaml."""
    text = (resources.files("secaudit.guides") / "languages.yaml").read_text(encoding="utf-8")
    data = parse_yaml(text, "guides/languages.yaml")
    return {str(item["code"]): Language(str(item["code"]), str(item["name"]),
                                        str(item.get("direction", "ltr")))
            for item in data["languages"]}


def language_name(code: str) -> str:
    """The language's own name for itself ("Español"), or the code if secaudit lacks it."""
    known = known_languages().get(code)
    return known.name if known else code


def _system_language() -> str | None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        value = os.environ.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value.split(":")[0]
    try:
        return locale.getlocale()[0]
    except ValueError:
        return None


def resolve_language(option: str | None) -> str:
    """The language code to use: the option if known, else the system's, else English."""
    known = known_languages()
    for candidate in (option, _system_language()):
        if candidate:
            code = candidate.replace("-", "_").split("_")[0].split(".")[0].lower()
            if code in known:
                return code
    return DEFAULT

"""The interface's words in the person's language: gettext catalogues, one language per run.

Catalogues are `secaudit/locale/<lang>/LC_MESSAGES/secaudit.po`, extracted from the code and
the checks' YAML with Babel (`python tools/catalogue.py`). A message that is missing, fuzzy or
whose translation breaks a `{placeholder}` falls back to English for that message alone.

The language is chosen once per command (`activate`) before any check runs, because checks
word their findings while they run, in worker threads that share this module's state.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterable, Iterator
from gettext import NullTranslations
from importlib import resources

DOMAIN = "secaudit"
ENGLISH = "en"

_active: NullTranslations = NullTranslations()
_active_code = ENGLISH


def catalogue_path(lang: str) -> str:
    """Where the catalogue of a language lives in the source tree, for messages to people."""
    return f"secaudit/locale/{lang}/LC_MESSAGES/{DOMAIN}.po"


def read_catalogue(lang: str) -> str | None:
    """The `.po` text of a language, or None if secaudit has no catalogue for it."""
    entry = resources.files("secaudit") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    return entry.read_text(encoding="utf-8") if entry.is_file() else None


@functools.lru_cache(maxsize=8)
def translations(lang: str) -> NullTranslations:
    """The translations of a language; English (no catalogue) translates nothing."""
    from secaudit.po import translations_from_po

    text = None if lang == ENGLISH else read_catalogue(lang)
    return NullTranslations() if text is None else translations_from_po(text,
                                                                         catalogue_path(lang))


def untranslated(lang: str) -> list[str]:
    """The interface's messages (English) that have no usable translation into `lang`."""
    from secaudit.po import parse_po

    template = resources.files("secaudit") / "locale" / f"{DOMAIN}.pot"
    wanted = [e for e in parse_po(template.read_text(encoding="utf-8"),
                                  f"secaudit/locale/{DOMAIN}.pot") if e.msgid]
    if lang == ENGLISH:
        return []
    text = read_catalogue(lang)
    done = set() if text is None else {e.key for e in parse_po(text, catalogue_path(lang))
                                        if e.translated}
    return [e.msgid for e in wanted if e.key not in done]


def activate(lang: str) -> None:
    """Speak `lang` from now on, in this thread and in the checks' worker threads."""
    global _active, _active_code
    _active, _active_code = translations(lang), lang


def active_language() -> str:
    """The code of the language messages are translated into now."""
    return _active_code


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Speak `lang` inside the block, then go back (for tests and library callers)."""
    previous = _active_code
    activate(lang)
    try:
        yield
    finally:
        activate(previous)


def _format(translated: str, english: str, values: dict[str, object]) -> str:
    if not values:
        return translated
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation broke a placeholder
        return english.format(**values)


def _(message: str, /, **values: object) -> str:
    """`message` in the active language, with `{name}` placeholders filled from `values`."""
    return _format(_active.gettext(message), message, values)


def n_(singular: str, plural: str, count: int, /, **values: object) -> str:
    """The singular or plural form the language needs for `count` (also `{count}`)."""
    english = singular if count == 1 else plural
    return _format(_active.ngettext(singular, plural, count), english,
                   {"count": count, **values})


def listed(items: Iterable[str], *, items_have_commas: bool = False) -> str:
    """Items joined the way the language writes a list ("a, b" in English, "a، b" in Arabic).

    Items that may contain commas themselves (names from the machine) are separated by
    semicolons instead, so the reader can still tell where one ends.
    """
    if items_have_commas:
        # Translators: what separates list items that may contain commas themselves, such as
        # extension names: "Coupon Helper, Lite in Chrome (Default); Tab Helper in Edge".
        return _active.pgettext("list separator, items with commas", "; ").join(items)
    # Translators: what separates the items of a list, such as "Chrome, Firefox".
    return _active.pgettext("list separator", ", ").join(items)


def N_(message: str) -> str:
    """Mark a message for translation where it is defined; translate it with `_` where shown."""
    return message

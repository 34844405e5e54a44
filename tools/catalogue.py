"""Extract the interface's words into the gettext template and merge them into each language.

    python tools/catalogue.py          # rewrite secaudit/locale/secaudit.pot and every .po
    python tools/catalogue.py --check  # exit 1 if the template or a .po is out of date

Development tool only (needs Babel: `pip install -e '.[dev]'`); secaudit itself reads the
`.po` files with the standard library. Words come from `_()`, `n_()` and `N_()` calls in the
code, and from the YAML fields people read: check titles, ranking reasons, profile questions,
help contacts. A new message reaches each `.po` untranslated (English is shown for it) until
a translator fills in its `msgstr`.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from secaudit.yamlio import line_of, parse_yaml

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "secaudit" / "locale"
TEMPLATE = LOCALE / "secaudit.pot"
KEYWORDS = {"_": None, "n_": (1, 2), "N_": None, "pgettext": ((1, "c"), 2)}
COMMENT_TAGS = ("Translators:",)
LANGUAGES = ("es", "fr", "pt", "ar")
WIDTH = 79
HEADER: dict[str, Any] = {
    "project": "secaudit", "charset": "utf-8", "copyright_holder": "the secaudit contributors",
    "header_comment": "# The words of secaudit's interface. Translate each msgstr; leave the\n"
                      "# {names} in braces as they are. Edit with Poedit or any text editor.\n",
}

# text, file, line, translator comment, context
Message = tuple[str | tuple[str, ...], str, int, str, str | None]


def _python_messages() -> Iterator[Message]:
    for folder in ("secaudit", "checks"):
        for name, line, text, comments, context in extract_from_dir(
                ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS,
                comment_tags=COMMENT_TAGS, strip_comment_tags=True):
            yield text, f"{folder}/{name}", line, " ".join(comments), context


def _yaml(path: Path) -> Any:
    return parse_yaml(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))


def _field(item: Any, key: str, path: Path, note: str) -> Iterator[Message]:
    value = item.get(key) if isinstance(item, dict) else None
    if isinstance(value, str) and value.strip():
        # Whitespace as secaudit reads it: folded YAML text becomes one line.
        yield " ".join(value.split()), str(path.relative_to(ROOT)), line_of(item) or 1, note, None


def _yaml_messages() -> Iterator[Message]:
    for path in sorted((ROOT / "checks").rglob("*.yaml")):
        if "data" in path.parts:
            continue
        spec = _yaml(path)
        yield from _field(spec, "title", path, "Title of a check, shown in the report.")
    profile_path = ROOT / "guides" / "profile" / "profile.yaml"
    profile = _yaml(profile_path)
    for risk in profile.get("risks", []):
        yield from _field(risk, "question", profile_path, "A risk question (yes / no / not sure).")
        for effect in (risk.get("effects") or {}).values():
            yield from _field(effect, "reason", profile_path,
                              "Why a fix ranks higher for this person; shown in the report.")
    for item in profile.get("self_report", []):
        yield from _field(item, "question", profile_path, "A yes / no / not sure question.")
        yield from _field(item, "title", profile_path, "Title of a self-reported finding.")
        yield from _field(item, "action", profile_path, "One of the top three actions.")
    contacts_path = ROOT / "guides" / "first-aid" / "contacts.yaml"
    for contact in _yaml(contacts_path).get("contacts", []):
        yield from _field(contact, "name", contacts_path, "Name of a help organisation or page "
                          "(keep the organisation's own name).")
        yield from _field(contact, "what", contacts_path, "What a help organisation offers.")
        yield from _field(contact, "hours", contacts_path, "When a help organisation answers.")


def build_template() -> Catalog:
    """Every message people read, with where it comes from."""
    template = Catalog(**HEADER, fuzzy=False)
    for text, file, line, note, context in (*_python_messages(), *_yaml_messages()):
        template.add(text, locations=[(file, line)], auto_comments=[note] if note else [],
                     context=context)
    return template


def _po_text(catalog: Catalog) -> str:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, omit_header=False, ignore_obsolete=True,
             include_previous=False, include_lineno=False)
    lines = buffer.getvalue().decode("utf-8").splitlines()
    # Dates change on every run and say nothing a reader needs: keep the files stable.
    return "\n".join(line for line in lines
                     if not line.startswith(('"POT-Creation-Date:', '"PO-Revision-Date:'))) + "\n"


def merged(lang: str, template: Catalog) -> str:
    """The language's catalogue brought up to date with the template."""
    path = LOCALE / lang / "LC_MESSAGES" / "secaudit.po"
    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
    else:
        catalog = Catalog(locale=lang, **HEADER, fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True)
    return _po_text(catalog)


def main() -> int:
    """Write (or with --check, compare) the template and every language's catalogue."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale files, write none")
    check = parser.parse_args().check
    template = build_template()
    wanted = {TEMPLATE: _po_text(template)}
    for lang in LANGUAGES:
        wanted[LOCALE / lang / "LC_MESSAGES" / "secaudit.po"] = merged(lang, template)
    stale = [path for path, text in wanted.items()
             if not path.is_file() or path.read_text(encoding="utf-8") != text]
    if check:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)} (run python tools/catalogue.py)")
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(wanted[path], encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

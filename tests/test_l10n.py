"""The interface's words: gettext catalogues read from .po text, per-item English fallback."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from secaudit import l10n
from secaudit.errors import BadInputError
from secaudit.l10n import _, n_
from secaudit.po import parse_po, translations_from_po

ROOT = Path(__file__).resolve().parent.parent

HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')


@pytest.fixture
def catalogue(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Speak a small made-up catalogue for the duration of a test."""
    text = HEADER + (
        'msgid "Needs action"\nmsgstr "Hay que actuar"\n\n'
        'msgid "Report written to {path}"\nmsgstr "Informe en {ruta}"\n\n'
        '#, fuzzy\nmsgid "In place"\nmsgstr "Guessed"\n\n'
        'msgid "{count} thing"\nmsgid_plural "{count} things"\n'
        'msgstr[0] "{count} cosa"\nmsgstr[1] "{count} cosas"\n')
    monkeypatch.setattr(l10n, "_active", translations_from_po(text, "test.po"))
    yield


def test_po_reader_handles_continuations_escapes_contexts_and_plurals() -> None:
    entries = parse_po(HEADER + (
        'msgctxt "list separator"\nmsgid ", "\nmsgstr "، "\n\n'
        'msgid ""\n"A long "\n"message\\n"\nmsgstr "Un \\"long\\" "\n"mensaje\\n"\n\n'
        '#~ msgid "gone"\n#~ msgstr "ido"\n'), "test.po")
    by_id = {e.msgid: e for e in entries}
    assert by_id[", "].context == "list separator" and by_id[", "].translations == ["، "]
    assert by_id["A long message\n"].translations == ['Un "long" mensaje\n']
    assert "gone" not in by_id


def test_malformed_po_names_file_and_line() -> None:
    with pytest.raises(BadInputError) as caught:
        parse_po('msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr oops\n', "es.po")
    assert caught.value.file == "es.po" and caught.value.line == 5
    with pytest.raises(BadInputError) as caught:
        parse_po('msgid "a"\nmsgstr "b\\q"\n', "es.po")
    assert caught.value.line == 2


def test_translated_fuzzy_and_missing_messages(catalogue: None) -> None:
    assert _("Needs action") == "Hay que actuar"
    assert _("In place") == "In place"  # fuzzy: a guess nobody reviewed is not shown
    assert _("Worth a look") == "Worth a look"  # missing: English for that message alone
    assert n_("{count} thing", "{count} things", 1) == "1 cosa"
    assert n_("{count} thing", "{count} things", 4) == "4 cosas"


def test_a_broken_placeholder_falls_back_to_english(catalogue: None) -> None:
    assert _("Report written to {path}", path="r.json") == "Report written to r.json"


def test_catalogues_are_up_to_date_with_the_code() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "catalogue.py"), "--check"],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_untranslated_lists_what_a_partial_catalogue_lacks(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(l10n, "read_catalogue", lambda lang: HEADER + (
        'msgid "Needs action"\nmsgstr "Hay que actuar"\n'))
    missing = l10n.untranslated("es")
    assert "Needs action" not in missing and "Worth a look" in missing
    assert l10n.untranslated("en") == []


def test_french_punctuation_never_starts_a_line() -> None:
    from secaudit.formats.text import wrap

    text = "Le pare-feu est désactivé : les ordinateurs « du même réseau » peuvent entrer ; " * 4
    for width in range(20, 60):
        for line in wrap(text, width):
            assert not line.lstrip().startswith((":", ";", "»")), (width, line)
            assert not line.rstrip().endswith("«"), (width, line)

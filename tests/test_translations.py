"""Every language's catalogue: complete, placeholders kept, and used by reports and the CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from secaudit import l10n
from secaudit.audit import run_audit
from secaudit.formats.text import render_text
from secaudit.hosts import open_host
from secaudit.l10n import _
from secaudit.po import parse_po, translations_from_po
from secaudit.registry import load_builtin_registry
from support import HOSTS

LANGUAGES = ("es", "fr", "pt", "ar")
PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_]+)\}(?!\})")
SCRIPT = str(Path(sys.executable).with_name("secaudit"))


def _shipped(lang: str) -> str:
    text = l10n.read_catalogue(lang)
    assert text is not None, f"no catalogue for {lang}"
    return text


def test_arabic_plural_forms_come_from_the_catalogue_header() -> None:
    arabic = translations_from_po(_shipped("ar"), "ar.po")
    # Six forms, in Babel's order: zero, one, two, few (3-10), 100-102..., many (11-99).
    counts = (0, 1, 2, 3, 100, 11)
    assert [arabic.plural(n) for n in counts] == [0, 1, 2, 3, 4, 5]  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_every_placeholder(lang: str) -> None:
    for entry in parse_po(_shipped(lang), lang):
        if not entry.msgid or not entry.translated:
            continue
        wanted = set(PLACEHOLDER.findall(entry.msgid + (entry.plural or "")))
        for form in entry.translations:
            got = set(PLACEHOLDER.findall(form))
            assert got <= wanted | {"count"}, (lang, entry.msgid, form)
            if entry.plural is None:
                assert got == wanted, (lang, entry.msgid, form)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_interface_message_is_translated(lang: str) -> None:
    missing = l10n.untranslated(lang)
    assert not missing, f"{lang}: {len(missing)} untranslated, e.g. {missing[:3]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_report_speaks_the_chosen_language(lang: str) -> None:
    host = open_host(HOSTS / "linux" / "ubuntu-2204-plain-chrome")
    report = run_audit(host, load_builtin_registry(), lang=lang)
    with l10n.speaking(lang):
        text = render_text(report)
        heading, title = _("Your top three actions:"), _("Disk encryption")
    assert heading != "Your top three actions:" and heading in text
    assert title != "Disk encryption" and title in text
    assert report.language == lang and l10n.active_language() == "en"
    english = {r.spec.id: r.message for r in run_audit(host, load_builtin_registry()).results}
    assert any(r.message != english[r.spec.id] for r in report.results)


def test_the_command_line_speaks_spanish_and_reports_arabic_direction() -> None:
    host = str(HOSTS / "linux" / "ubuntu-2204-plain-chrome")
    es = translations_from_po(_shipped("es"), "es.po")
    done = subprocess.run([SCRIPT, "run", "--host", host, "--lang", "es"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert es.gettext("Your top three actions:") in lines[3]
    assert all("secaudit guide " in line for line in lines[4:7])
    help_text = subprocess.run([SCRIPT, "run", "--help", "--lang", "es"], capture_output=True,
                               text=True, check=False).stdout
    assert es.gettext("Report format.") in help_text
    done = subprocess.run([SCRIPT, "run", "--host", host, "--lang", "ar", "--format", "json"],
                          capture_output=True, text=True, check=False)
    assert json.loads(done.stdout)["language"] == {"code": "ar", "direction": "rtl"}


def test_guide_pages_are_linked_in_the_report_language() -> None:
    host = open_host(HOSTS / "linux" / "ubuntu-2204-plain-chrome")
    for lang in LANGUAGES:
        results = {r.spec.id: r for r in run_audit(host, load_builtin_registry(),
                                                    lang=lang).results}
        url = results["disk-encryption"].spec.guide.url
        assert url.startswith(f"https://securityinabox.org/{lang}/"), (lang, url)

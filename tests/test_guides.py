"""Guides: every check links to one, every platform has steps, translations keep the shape,
every guide renders, and every external link comes from the one link catalogue."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from secaudit.formats.guide_text import render_guide
from secaudit.guide_files import guide_ids, languages, load_guide
from secaudit.registry import load_builtin_registry

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = load_builtin_registry()
LINKS = yaml.safe_load((resources.files("secaudit.guides") / "links.yaml").read_text())
URL = re.compile(r"https?://[^\s)>\"'\]]+")
PAIRS = [(lang, gid) for lang in languages() for gid in guide_ids(lang)]


def test_every_language_has_every_guide() -> None:
    from secaudit.i18n import known_languages

    english = set(guide_ids("en"))
    for code in known_languages():
        assert set(guide_ids(code)) == english, f"{code}: {sorted(english - set(guide_ids(code)))}"


def test_every_check_links_to_an_english_guide_that_serves_it() -> None:
    for check in REGISTRY:
        guide = load_guide(check.spec.guide.id)
        assert guide is not None, f"{check.spec.id}: no guides/en/{check.spec.guide.id}.md"
        assert check.spec.id in guide.checks, f"{guide.id} does not list {check.spec.id}"


@pytest.mark.parametrize("guide_id", guide_ids())
def test_english_guide_anatomy_and_platform_steps(guide_id: str) -> None:
    guide = load_guide(guide_id)
    assert guide is not None and guide.id == guide_id
    assert len(guide.sections) >= 4, "why / how to fix / advanced / if you can't"
    needed = {p for c in guide.checks if (check := REGISTRY.get(c)) for p in check.spec.platforms}
    assert needed <= set(guide.platforms), f"missing steps for {needed - set(guide.platforms)}"
    if not guide.sections[1].parts:  # steps done in accounts, the same on every computer
        assert not needed, "a guide for machine checks holds one part per platform"
        assert any(re.match(r"\s*\d+\.", line) for line in guide.sections[1].lines), "no steps"
    for part_title, lines in guide.sections[1].parts.values():
        assert any(re.match(r"\s*\d+\.", line) for line in lines), f"{part_title}: no steps"


@pytest.mark.parametrize(("lang", "guide_id"), [p for p in PAIRS if p[0] != "en"])
def test_translation_keeps_the_english_shape(lang: str, guide_id: str) -> None:
    english, translated = load_guide(guide_id), load_guide(guide_id, lang)
    assert english is not None and translated is not None
    assert translated.id == english.id
    assert translated.meta.get("checks") == english.meta.get("checks")
    assert translated.platforms == english.platforms
    assert len(translated.sections) == len(english.sections)


@pytest.mark.parametrize(("lang", "guide_id"), PAIRS)
def test_every_guide_renders_for_every_platform(lang: str, guide_id: str) -> None:
    guide = load_guide(guide_id, lang)
    assert guide is not None
    for platform in ("windows", "macos", "linux", None):
        text = render_guide(guide, platform)
        assert guide.title in text
        assert "**" not in text and "](" not in text, "Markdown noise left in the output"
    # (French spaces before ":" become no-break spaces, so that a line never starts with ":")
    windows_only = render_guide(guide, "windows", width=10_000).replace("\u00a0", " ")
    parts = guide.sections[1].parts
    if "linux" in parts and "windows" in parts:
        step = next(line for line in parts["linux"][1] if re.match(r"\s*\d+\.", line))
        words = re.sub(r"[*`]|\[|\]\([^)]*\)", "", step.split(".", 1)[1]).strip()
        everything = render_guide(guide, None, width=10_000).replace("\u00a0", " ")
        assert windows_only.count(words) < everything.count(words), \
            "another platform's steps were shown"


def _catalogue_urls() -> set[str]:
    return {str(u) for topic in LINKS["topics"].values() for u in topic["urls"].values()}


def test_link_catalogue_is_well_formed_and_keeps_english_slugs() -> None:
    for name, topic in LINKS["topics"].items():
        assert topic.get("checked_on"), name
        english = urlparse(topic["urls"]["en"])
        for lang, url in topic["urls"].items():
            parsed = urlparse(url)
            assert parsed.scheme == "https" and parsed.netloc and " " not in url, (name, url)
            if parsed.netloc == "securityinabox.org":
                assert parsed.path.split("/")[1] == lang, (name, url)
                assert parsed.path.split("/")[2:] == english.path.split("/")[2:], (name, url)
                assert parsed.fragment == english.fragment, (name, url)


def test_every_external_link_comes_from_the_catalogue() -> None:
    known = _catalogue_urls()
    files = [*(ROOT / "guides").rglob("*.md"), *(ROOT / "guides").rglob("*.yaml"),
             *(ROOT / "checks").glob("*/*.yaml")]
    stray = set()
    for path in files:
        if path.name in ("links.yaml", "FORMAT.md"):
            continue
        for url in URL.findall(path.read_text(encoding="utf-8")):
            if url.rstrip(".,;") not in known:
                stray.add(f"{path.relative_to(ROOT)}: {url}")
    assert not stray, "add these to guides/links.yaml:\n" + "\n".join(sorted(stray))

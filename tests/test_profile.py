"""The risk profile changes what comes first; self-reported findings are marked as such."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from secaudit.audit import run_audit
from secaudit.errors import BadInputError
from secaudit.hosts.recorded import RecordedHost
from secaudit.model import CheckSpec, GuideLink, Result, Severity, Status
from secaudit.priorities import rank
from secaudit.profile import Profile, load_profile, profile_model
from secaudit.registry import load_builtin_registry
from support import HOSTS

REGISTRY = load_builtin_registry()
PLAIN = HOSTS / "linux" / "ubuntu-2204-plain-chrome"
SCRIPT = str(Path(sys.executable).parent / "secaudit")
NOTHING = {"seizure": "no", "shared": "no", "targeted": "no", "travel": "no",
           "others_data": "no"}


def _top(answers: dict[str, str]) -> list[str]:
    report = run_audit(RecordedHost(PLAIN), REGISTRY, profile=Profile(answers, "test"))
    return [a.check for a in report.top_actions]


def test_seizure_puts_disk_encryption_first_and_targeting_puts_updates_first() -> None:
    assert _top({**NOTHING, "seizure": "yes"})[0] == "disk-encryption"
    targeted = _top({**NOTHING, "targeted": "yes"})
    assert targeted[0] == "os-updates"
    assert len(targeted) == 3


def _result(check_id: str, severity: Severity, status: Status) -> Result:
    spec = CheckSpec(check_id, check_id, "why", severity, ("linux",), GuideLink("g", "https://x"))
    return Result(spec, status, "m")


def test_a_quick_fix_wins_a_tie_and_reasons_explain_the_score() -> None:
    results = [_result("slow-one", Severity.HIGH, Status.FAIL),
               _result("quick-one", Severity.HIGH, Status.FAIL),
               _result("fine", Severity.CRITICAL, Status.PASS)]
    ranked = rank(results, Profile(NOTHING), {"slow-one": "hard", "quick-one": "easy"})
    assert ranked["quick-one"].rank == 1 and ranked["slow-one"].rank == 2
    assert "fine" not in ranked
    assert "quick to fix" in ranked["quick-one"].reasons


def test_self_reported_findings_are_marked_and_stay_out_of_the_machine_summary() -> None:
    answers = {**NOTHING, "two-step-verification": "no", "offline-backup": "yes"}
    report = run_audit(RecordedHost(HOSTS / "macos" / "tahoe-26-all-good"), REGISTRY,
                       profile=Profile(answers, "test"))
    told = {r.spec.id: r for r in report.results if r.self_reported}
    assert set(told) == {i.id for i in profile_model().self_report}
    assert told["two-step-verification"].status is Status.FAIL
    assert told["offline-backup"].status is Status.PASS
    assert not report.has_failures  # the machine itself passed every check
    assert report.top_actions[0].check == "two-step-verification"
    assert report.top_actions[0].self_reported


def test_malformed_profile_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "group.yaml"
    bad.write_text("# prepared for a workshop\nanswers:\n  seizure: maybe\n")
    with pytest.raises(BadInputError, match=r"group\.yaml:2"):
        load_profile(bad)
    bad.write_text("answers:\n  favourite-colour: yes\n")
    with pytest.raises(BadInputError, match="unknown question"):
        load_profile(bad)


def test_profile_command_saves_owner_only_answers_that_run_then_uses(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path))
    replies = "\n".join(["y", "n", "?", "y", "y", "n", "y", "?"]) + "\n"
    done = subprocess.run([SCRIPT, "profile"], input=replies, env=env, capture_output=True,
                          text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    saved = tmp_path / "config" / "secaudit" / "profile.yaml"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert load_profile(saved).answer("seizure") == "yes"
    run = subprocess.run([SCRIPT, "run", "--host", str(PLAIN), "--format", "json"], env=env,
                         capture_output=True, text=True, check=False, timeout=60)
    report = json.loads(run.stdout)
    assert report["profile"]["source"] == "file"
    assert report["profile"]["answers"]["seizure"] == "yes"
    assert [a["rank"] for a in report["top_actions"]] == [1, 2, 3]
    ranked = [r for r in report["results"] if r.get("priority", {}).get("rank")]
    assert all(r["priority"]["reasons"] for r in ranked)
    assert report["results"][0]["check"] and "command" in report["top_actions"][0]


def test_every_self_reported_finding_has_a_secaudit_guide_in_every_language() -> None:
    from secaudit.guide_files import load_guide
    from secaudit.i18n import known_languages

    for item in profile_model().self_report:
        for lang in known_languages():
            guide = load_guide(item.guide, lang)
            assert guide is not None, f"{item.id}: no guides/{lang}/{item.guide}.md"
            assert item.id in guide.checks, f"{item.guide} ({lang}) does not list {item.id}"


def test_a_self_reported_no_becomes_an_action_with_a_guide_command() -> None:
    answers = {item.id: "no" for item in profile_model().self_report}
    answers.update({"targeted": "yes", "seizure": "no", "travel": "no", "others_data": "no"})
    report = run_audit(RecordedHost(HOSTS / "windows" / "win11-pro-25h2-hardened"), REGISTRY,
                       profile=Profile(answers, "test"))
    told = [a for a in report.top_actions if a.self_reported]
    assert told, [a.check for a in report.top_actions]
    for action in told:
        item = next(i for i in profile_model().self_report if i.id == action.check)
        assert action.guide.id == item.guide and action.guide.url.startswith("https://")

"""The command line, started the way a user starts it: options, formats, exit codes, files."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from secaudit import __version__, cli
from support import HOSTS

GOOD = HOSTS / "macos" / "tahoe-26-all-good"
BAD = HOSTS / "macos" / "sequoia-15-neglected"
SCRIPT = str(Path(sys.executable).parent / "secaudit")
SCHEMA = json.loads((resources.files("secaudit.schemas") / "report.schema.json").read_text())


def secaudit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, cwd=cwd, timeout=60,
                          check=False)


def test_version() -> None:
    done = secaudit("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"secaudit {__version__}"


def test_checks_lists_the_nine_contract_ids() -> None:
    done = secaudit("checks", "--format", "json")
    assert done.returncode == 0
    rows = json.loads(done.stdout)
    assert {r["id"] for r in rows} >= {
        "disk-encryption", "os-updates", "auto-updates", "os-supported", "firewall",
        "password-manager", "browser-safe-browsing", "browser-https-only", "browser-extensions"}
    assert all({"id", "title", "severity", "platforms"} <= set(r) for r in rows)
    text = secaudit("checks")
    assert "disk-encryption" in text.stdout and "severity" in text.stdout


def test_all_passing_host_exits_zero_and_matches_schema() -> None:
    done = secaudit("run", "--host", str(GOOD), "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["summary"]["fail"] == 0
    assert report["host"]["platform"] == "macos"


def test_failing_host_exits_one_and_text_leads_with_failures() -> None:
    done = secaudit("run", "--host", str(BAD))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].startswith("secaudit checked") and "to fix" in lines[0]
    assert done.stdout.index("[FAIL]") < done.stdout.index("[PASS]")
    assert re.search(r"How to fix: secaudit guide [a-z-]+ \(or https://", done.stdout)
    # It never calls the machine "safe" ("Safe Browsing" is Chrome's name for a feature, and
    # browser-safe-browsing a check id).
    said = done.stdout.replace("Safe Browsing", "").replace("browser-safe-browsing", "")
    assert re.search(r"\bsafe\b", said, re.I) is None
    # the most severe failure comes first
    first_fail = next(line for line in lines if "[FAIL]" in line)
    assert "(critical)" in first_fail


def test_json_report_of_failing_host_validates() -> None:
    done = secaudit("run", "--host", str(BAD), "--format", "json")
    report = json.loads(done.stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["summary"]["fail"] >= 1
    machine = [r for r in report["results"] if not r.get("self_reported")]
    assert sum(report["summary"].values()) == len(machine)


def test_only_and_skip() -> None:
    done = secaudit("run", "--host", str(BAD), "--format", "json", "--only", "firewall",
                    "--only", "disk-encryption")
    ids = [r["check"] for r in json.loads(done.stdout)["results"]]
    assert sorted(ids) == ["disk-encryption", "firewall"]
    done = secaudit("run", "--host", str(BAD), "--format", "json", "--skip", "firewall")
    skipped = [r for r in json.loads(done.stdout)["results"] if r["check"] == "firewall"]
    assert skipped[0]["status"] == "skipped" and skipped[0]["reason"] == "excluded"


def test_unknown_check_id_is_a_usage_error_listing_valid_ids() -> None:
    done = secaudit("run", "--host", str(GOOD), "--only", "no-such-check")
    assert done.returncode == 2
    assert "no-such-check" in done.stderr and "disk-encryption" in done.stderr


def test_output_file_is_atomic_and_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "report.json"
    done = secaudit("run", "--host", str(BAD), "--format", "json", "--output", str(target))
    assert done.returncode == 1
    assert done.stdout == ""
    jsonschema.validate(json.loads(target.read_text()), SCHEMA)
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == ["report.json"]


def test_output_into_a_missing_folder_is_bad_input(tmp_path: Path) -> None:
    done = secaudit("run", "--host", str(GOOD), "--output", str(tmp_path / "no" / "r.txt"))
    assert done.returncode == 2
    assert "cannot write" in done.stderr


def _host(tmp_path: Path, host_yaml: str, commands: str | None = None) -> Path:
    folder = tmp_path / "host"
    folder.mkdir()
    (folder / "host.yaml").write_text(host_yaml)
    if commands is not None:
        (folder / "commands.yaml").write_text(commands)
    return folder


@pytest.mark.parametrize(("host_yaml", "commands", "expected"), [
    ("platform: linux\ncollected_at: [2026\n", None, "starts at line 2"),
    ("platform: beos\ncollected_at: 2026-01-01T00:00:00Z\n", None, "platform"),
    ("platform: linux\n", None, "collected_at"),
    ("platform: linux\ncollected_at: 2026-01-01T00:00:00Z\n",
     "- argv: [ls]\n  stdout: ''\n- stdout: x\n  returncode: 0\n", "commands.yaml:3"),
])
def test_malformed_recorded_host_names_file_and_line(tmp_path: Path, host_yaml: str,
                                                     commands: str | None, expected: str) -> None:
    done = secaudit("run", "--host", str(_host(tmp_path, host_yaml, commands)))
    assert done.returncode == 2
    assert expected in done.stderr


def test_internal_error_exits_three_and_writes_no_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import secaudit.audit

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(secaudit.audit, "run_audit", broken)
    target = tmp_path / "out.json"
    code = cli.main(["run", "--host", str(GOOD), "--output", str(target)])
    assert code == 3
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "home"]

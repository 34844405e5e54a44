"""Every recorded host gives the verdicts its expected.yaml says are true for that machine."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from secaudit.audit import run_audit
from secaudit.formats.json_report import render_json
from secaudit.formats.text import render_text
from secaudit.hosts.recorded import RecordedHost
from secaudit.registry import load_builtin_registry
from support import HOSTS, recorded_hosts

REGISTRY = load_builtin_registry()
PLATFORMS = ("linux", "macos", "windows")
SCHEMA = json.loads((resources.files("secaudit.schemas") / "report.schema.json").read_text())


def _expected(host: Path) -> dict[str, dict[str, str]]:
    raw = yaml.safe_load((host / "expected.yaml").read_text(encoding="utf-8")) or {}
    return {k: v if isinstance(v, dict) else {"status": v} for k, v in raw.items()}


@pytest.mark.parametrize("host", recorded_hosts(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_host_verdicts(host: Path) -> None:
    report = run_audit(RecordedHost(host), REGISTRY)
    jsonschema.validate(json.loads(render_json(report)), SCHEMA)
    assert render_text(report).startswith("secaudit checked")
    results = {r.spec.id: r for r in report.results}
    mismatches = []
    for check_id, want in _expected(host).items():
        got = results[check_id]
        if got.status.value != want["status"]:
            mismatches.append(f"{check_id}: expected {want['status']}, got {got.status.value} "
                              f"({got.message})")
        if "message_contains" in want and want["message_contains"] not in got.message:
            mismatches.append(f"{check_id}: message {got.message!r} lacks "
                              f"{want['message_contains']!r}")
        evidence = " | ".join(f"{e.source}: {e.detail}" for e in got.evidence)
        if "evidence_contains" in want and want["evidence_contains"] not in evidence:
            mismatches.append(f"{check_id}: evidence lacks {want['evidence_contains']!r}")
    assert not mismatches, "\n".join(mismatches)


def test_every_host_expects_every_check() -> None:
    """A recorded host states the truth for all checks, so a new check cannot hide."""
    for host in recorded_hosts():
        missing = set(REGISTRY.ids()) - set(_expected(host))
        assert not missing, f"{host}: expected.yaml lacks {sorted(missing)}"


@pytest.mark.parametrize("platform", PLATFORMS)
def test_each_check_has_pass_fail_and_unknown_hosts(platform: str) -> None:
    """For every check and platform: a passing, a failing (or warning) and an unknown host."""
    seen: dict[str, set[str]] = {i: set() for i in REGISTRY.ids()}
    for host in recorded_hosts():
        if host.parent.name != platform:
            continue
        for check_id, want in _expected(host).items():
            status = want["status"]
            seen.setdefault(check_id, set()).add("fail" if status in ("fail", "warn") else status)
    gaps = {i: sorted({"pass", "fail", "unknown"} - s) for i, s in seen.items()
            if {"pass", "fail", "unknown"} - s}
    assert not gaps, f"{platform}: checks without a recorded host for {gaps}"


def test_every_platform_folder_documents_its_samples() -> None:
    for platform in PLATFORMS:
        readme = HOSTS / platform / "README.md"
        assert readme.is_file(), f"{readme} must say where each sample came from"
        for host in (HOSTS / platform).iterdir():
            if host.is_dir():
                assert host.name in readme.read_text(encoding="utf-8"), \
                    f"{readme} does not describe {host.name}"

"""Containment: one failing check never spoils the run."""

from __future__ import annotations

import threading
from pathlib import Path

from secaudit.context import CheckContext
from secaudit.errors import SourceDenied
from secaudit.hosts.recorded import RecordedHost
from secaudit.model import CheckSpec, GuideLink, Reason, Severity, Status, Verdict, passed
from secaudit.registry import Check
from secaudit.runner import RunOptions, run_checks

MINIMAL = Path(__file__).parent / "hosts" / "macos" / "tahoe-26-all-good"
RELEASE = threading.Event()


def _check(check_id: str, function: object) -> Check:
    spec = CheckSpec(check_id, check_id, "why", Severity.LOW, ("linux", "macos", "windows"),
                     GuideLink("g", "https://example.org/"))
    return Check(spec=spec, loader=lambda: function)  # type: ignore[arg-type,return-value]


def _good(ctx: CheckContext) -> Verdict:
    return passed("fine")


def _raises(ctx: CheckContext) -> Verdict:
    raise RuntimeError("boom")


def _hangs(ctx: CheckContext) -> Verdict:
    RELEASE.wait(30)
    return passed("too late")


def _garbage(ctx: CheckContext) -> Verdict:
    return "pass"  # type: ignore[return-value]


def _denied(ctx: CheckContext) -> Verdict:
    raise SourceDenied("/etc/secret", "permission denied")


def test_crash_hang_and_garbage_leave_other_results_intact() -> None:
    ctx = CheckContext(RecordedHost(MINIMAL))
    checks = [_check("a-good", _good), _check("b-raises", _raises), _check("c-hangs", _hangs),
              _check("d-garbage", _garbage), _check("e-denied", _denied),
              _check("f-good", _good)]
    try:
        results = run_checks(checks, ctx, RunOptions(timeout=0.5, jobs=2))
    finally:
        RELEASE.set()
    by_id = {r.spec.id: r for r in results}
    assert [r.spec.id for r in results] == [c.spec.id for c in checks]
    assert by_id["a-good"].status is Status.PASS
    assert by_id["f-good"].status is Status.PASS
    assert by_id["b-raises"].status is Status.ERROR
    assert "boom" in by_id["b-raises"].message
    assert by_id["c-hangs"].status is Status.UNKNOWN
    assert by_id["c-hangs"].reason is Reason.TIMED_OUT
    assert by_id["d-garbage"].status is Status.ERROR
    assert by_id["e-denied"].status is Status.UNKNOWN
    assert by_id["e-denied"].reason is Reason.NEEDS_ADMIN


def test_shared_facts_are_computed_once() -> None:
    ctx = CheckContext(RecordedHost(MINIMAL))
    calls = []

    def collector(context: CheckContext) -> int:
        calls.append(1)
        return 42

    def uses_fact(context: CheckContext) -> Verdict:
        return passed(str(context.fact(collector)))

    checks = [_check(f"c{i}", uses_fact) for i in range(6)]
    results = run_checks(checks, ctx, RunOptions(jobs=6))
    assert all(r.message == "42" for r in results)
    assert len(calls) == 1

"""Runs checks concurrently, each isolated and time-limited.

A check that raises becomes `error`; one that reads a missing or denied source without handling
it becomes `unknown`; one that hangs past its limit becomes `unknown` (timed out) while the rest
of the run goes on. Workers are daemon threads, so a hung check can never keep the process alive.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from secaudit.context import CheckContext
from secaudit.errors import SourceDenied, SourceError, SourceNotUnderstood
from secaudit.l10n import _
from secaudit.model import PLATFORM_NAMES, CheckSpec, Reason, Result, Status, Verdict
from secaudit.registry import Check

ProgressCallback = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How to run: the per-check time limit and how many checks run at once."""

    timeout: float = 10.0
    jobs: int = 8


def skipped_result(spec: CheckSpec) -> Result:
    """The result of a check the user excluded with --skip."""
    return Result(spec, Status.SKIPPED, _("Skipped at your request."), reason=Reason.EXCLUDED)


def not_for_platform(spec: CheckSpec, platform: str) -> Result:
    """The result of a check that does not exist for this platform."""
    return Result(spec, Status.NOT_APPLICABLE, _("This check does not apply to {platform}.",
                    platform=PLATFORM_NAMES.get(platform, platform)),
                  reason=Reason.UNSUPPORTED)


def run_one(check: Check, ctx: CheckContext) -> Result:
    """Run one check in the calling thread, turning every failure into a result."""
    started = time.perf_counter()
    try:
        verdict = check.function()(ctx)
        if not isinstance(verdict, Verdict) or not isinstance(verdict.status, Status):
            return _timed(check.spec, started, Verdict(
                Status.ERROR,
                # Translators: {kind} is a Python type name such as "NoneType".
                _("The check returned {kind} instead of a verdict.",
                  kind=type(verdict).__name__),
                reason=Reason.CRASHED,
            ))
        if verdict.status in (Status.SKIPPED, Status.ERROR):
            verdict = Verdict(Status.ERROR,
                              _("The check returned a status reserved for the runner."),
                              reason=Reason.CRASHED)
    except SourceDenied as exc:
        verdict = Verdict(Status.UNKNOWN, _("Could not read {source}: run as administrator "
                                            "to check this.", source=exc.source),
                          reason=Reason.NEEDS_ADMIN)
    except SourceNotUnderstood as exc:
        # Translators: {detail} is a technical description, left in English.
        verdict = Verdict(Status.UNKNOWN, _("Could not understand {source}: {detail}",
                                            source=exc.source, detail=exc.detail),
                          reason=Reason.NOT_UNDERSTOOD)
    except SourceError as exc:
        verdict = Verdict(Status.UNKNOWN, _("Could not read {source}.", source=exc.source),
                          reason=Reason.SOURCE_MISSING)
    except Exception as exc:  # one failing check never spoils the run
        verdict = Verdict(Status.ERROR, _("The check crashed: {error}",
                                          error=f"{type(exc).__name__}: {exc}"),
                          reason=Reason.CRASHED)
    return _timed(check.spec, started, verdict)


def _timed(spec: CheckSpec, started: float, verdict: Verdict) -> Result:
    duration = int((time.perf_counter() - started) * 1000)
    return Result(spec, verdict.status, verdict.message, verdict.evidence, verdict.reason,
                  duration)


def _timed_out(spec: CheckSpec, limit: float) -> Result:
    return Result(spec, Status.UNKNOWN,
                  _("The check took longer than its limit of {seconds} s and was abandoned.",
                    seconds=f"{limit:g}"),
                  reason=Reason.TIMED_OUT, duration_ms=int(limit * 1000))


def run_checks(
    checks: Sequence[Check],
    ctx: CheckContext,
    options: RunOptions,
    progress: ProgressCallback | None = None,
) -> list[Result]:
    """Run checks concurrently; results come back in the order the checks were given."""
    if not checks:
        return []
    todo: queue.Queue[int] = queue.Queue()
    for index in range(len(checks)):
        todo.put(index)
    done: queue.Queue[tuple[int, Result]] = queue.Queue()
    started_at: dict[int, float] = {}
    lock = threading.Lock()

    def worker() -> None:
        while True:
            try:
                index = todo.get_nowait()
            except queue.Empty:
                return
            with lock:
                started_at[index] = time.monotonic()
            done.put((index, run_one(checks[index], ctx)))

    def start_worker() -> None:
        threading.Thread(target=worker, name="secaudit-check", daemon=True).start()

    for _worker in range(max(1, min(options.jobs, len(checks)))):
        start_worker()

    results: dict[int, Result] = {}
    while len(results) < len(checks):
        try:
            index, result = done.get(timeout=0.05)
            if index not in results:
                results[index] = result
                if progress:
                    progress(len(results), len(checks), checks[index].spec.id)
        except queue.Empty:
            pass
        now = time.monotonic()
        with lock:
            overdue = [i for i, t in started_at.items()
                       if i not in results and now - t > options.timeout]
        for index in overdue:
            results[index] = _timed_out(checks[index].spec, options.timeout)
            start_worker()  # the hung worker's place is taken, so the rest keeps its pace
            if progress:
                progress(len(results), len(checks), checks[index].spec.id)
    return [results[i] for i in range(len(checks))]

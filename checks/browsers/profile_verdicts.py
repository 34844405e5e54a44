"""Shared shape of the browser checks: judge each profile, then combine.

Any `fail` gives `fail`, else any `warn` gives `warn`, else any `unknown` gives `unknown`, else
`pass`; the evidence names every profile with its verdict. No profile at all: not applicable.
"""

from __future__ import annotations

from collections.abc import Callable

from secaudit.context import CheckContext
from secaudit.facts.browsers import Profile, browser_profiles
from secaudit.model import (
    Evidence,
    Reason,
    Status,
    Verdict,
    combined_status,
    not_applicable,
)

ProfileJudge = Callable[[Profile], tuple[Status, str]]


def judge_profiles(ctx: CheckContext, judge: ProfileJudge, messages: dict[Status, str]) -> Verdict:
    """Run `judge` on every profile and combine; `messages` gives the overall sentence."""
    profiles = ctx.fact(browser_profiles)
    if not profiles:
        return not_applicable("No Firefox, Chrome, Chromium, Edge or Brave profile was found.")
    evidence = []
    statuses = []
    for profile in profiles:
        if profile.error:
            status, detail = Status.UNKNOWN, profile.error
        else:
            status, detail = judge(profile)
        statuses.append(status)
        evidence.append(Evidence(profile.label, f"{status.value}: {detail}"))
    overall = combined_status(statuses)
    affected = sorted({p.label for p, s in zip(profiles, statuses, strict=True) if s is overall})
    message = messages[overall].format(profiles=", ".join(affected))
    reason = Reason.NOT_UNDERSTOOD if overall is Status.UNKNOWN else None
    return Verdict(overall, message, tuple(evidence), reason)

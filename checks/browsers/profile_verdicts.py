"""Shared shape of the browser checks: judge each profile, then combine.

Any `fail` gives `fail`, else any `warn` gives `warn`, else any `unknown` gives `unknown`, else
`pass`; the evidence names every profile with its verdict. No profile at all: not applicable.
Each check words the overall sentence itself (see `OverallMessage`), in the person's language.
"""

from __future__ import annotations

from collections.abc import Callable

from secaudit.context import CheckContext
from secaudit.facts.browsers import Profile, browser_profiles
from secaudit.l10n import _
from secaudit.model import (
    Evidence,
    Reason,
    Status,
    Verdict,
    combined_status,
    not_applicable,
)

ProfileJudge = Callable[[Profile], tuple[Status, str]]
# The overall sentence for a status, given the labels of the profiles that gave that status
# (`Chrome (Default)`); it translates the whole sentence at once, with `_()` or `n_()`.
OverallMessage = Callable[[Status, list[str]], str]


def judge_profiles(ctx: CheckContext, judge: ProfileJudge, message_for: OverallMessage) -> Verdict:
    """Run `judge` on every profile and combine; `message_for` words the overall sentence."""
    profiles = ctx.fact(browser_profiles)
    if not profiles:
        return not_applicable(_("No Firefox, Chrome, Chromium, Edge or Brave profile was found."))
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
    message = message_for(overall, affected)
    reason = Reason.NOT_UNDERSTOOD if overall is Status.UNKNOWN else None
    return Verdict(overall, message, tuple(evidence), reason)

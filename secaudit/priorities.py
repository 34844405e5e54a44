"""Ranking findings into "your top three actions": a pure function of results and profile.

A finding's score is its severity weight, times how much the person's answers raise that risk
(guides/profile/profile.yaml), times less for a warning than for a failure. A quick fix wins
a tie. Every score carries its reasons, so the JSON report can explain the order.
"""

from __future__ import annotations

from secaudit.l10n import N_, _
from secaudit.model import SEVERITY_WORDS, Priority, Result, Severity, Status
from secaudit.profile import Profile, profile_model

SEVERITY_WEIGHT = {Severity.CRITICAL: 100.0, Severity.HIGH: 70.0, Severity.MEDIUM: 40.0,
                   Severity.LOW: 20.0, Severity.INFO: 5.0}
STATUS_FACTOR = {Status.FAIL: 1.0, Status.WARN: 0.6}
STATUS_REASONS = {Status.FAIL: N_("it needs action"), Status.WARN: N_("it is worth a look")}
EFFORT_ORDER = {"easy": 0, "medium": 1, "hard": 2}
TOP = 3


def score(result: Result, profile: Profile, effort: str) -> Priority | None:
    """The priority of one finding, or None when there is nothing to do about it."""
    factor = STATUS_FACTOR.get(result.status)
    if factor is None:
        return None
    # Translators: {severity} is one of the words critical, high, medium, low, info.
    reasons = [_("{severity} severity", severity=_(SEVERITY_WORDS[result.spec.severity])),
               _(STATUS_REASONS[result.status])]
    value = SEVERITY_WEIGHT[result.spec.severity] * factor
    for question in profile_model().risks:
        effect = question.effects.get(result.spec.id)
        answer = profile.answer(question.id)
        if effect is None or answer == "no":
            continue
        boost = effect.factor if answer == "yes" else 1 + (effect.factor - 1) / 2
        value *= boost
        reasons.append(_(effect.reason) if answer == "yes" else
                       _("{reason} (you were not sure)", reason=_(effect.reason)))
    if effort == "easy":
        reasons.append(_("quick to fix"))
    return Priority(result.spec.id, round(value, 1), tuple(reasons), effort)


def rank(results: list[Result], profile: Profile, efforts: dict[str, str]) -> dict[str, Priority]:
    """Priorities by check id, the top ones numbered 1..3, highest score first."""
    scored = [p for r in results
              if (p := score(r, profile, efforts.get(r.spec.id, "medium"))) is not None]
    scored.sort(key=lambda p: (-p.score, EFFORT_ORDER.get(p.effort, 1), p.check))
    return {p.check: Priority(p.check, p.score, p.reasons, p.effort,
                              index + 1 if index < TOP else None)
            for index, p in enumerate(scored)}

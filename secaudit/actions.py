"""From results and a profile to "your top three actions" and self-reported findings.

Self-reported findings stand for protections secaudit cannot see (two-step verification,
backups kept elsewhere, a phone's password manager): the person's own answer becomes the
status, and the finding is marked `self_reported` everywhere it appears.
"""

from __future__ import annotations

from secaudit.guide_files import find_guide
from secaudit.l10n import N_, _
from secaudit.model import (
    CheckSpec,
    GuideLink,
    Priority,
    Reason,
    Result,
    Severity,
    Status,
    TopAction,
)
from secaudit.priorities import rank
from secaudit.profile import Profile, profile_model

_ANSWER_STATUS = {"yes": Status.PASS, "no": Status.FAIL, "not_sure": Status.UNKNOWN}
_ANSWER_WORDS = {"yes": N_("You said yes."), "no": N_("You said no."),
                 "not_sure": N_("You were not sure.")}


def _guide_link(guide_id: str, lang: str) -> GuideLink:
    """The guide and, for the JSON report, the first page in its references."""
    guide, _fell_back = find_guide(guide_id, lang)
    references = guide.meta.get("references") if guide else None
    url = str(references[0].get("url", "")) if references else ""
    return GuideLink(guide_id, url)


def self_reported_results(profile: Profile, lang: str = "en") -> list[Result]:
    """One finding per self-report question, from the person's answer."""
    results = []
    for item in profile_model().self_report:
        asked = item.id in profile.answers
        answer = profile.answer(item.id)
        spec = CheckSpec(id=item.id, title=_(item.title), why=_(item.question),
                         severity=Severity(item.severity), platforms=("linux", "macos", "windows"),
                         guide=_guide_link(item.guide, lang))
        status = _ANSWER_STATUS[answer]
        # Translators: {answer} is "You said yes." or similar; {question} is the question asked.
        message = _("{answer} {question}", answer=_(_ANSWER_WORDS[answer]),
                    question=_(item.question)) if asked else _(
            "secaudit cannot see this from the computer: answer it with `secaudit profile`. "
            "{question}", question=_(item.question))
        results.append(Result(spec, status, message,
                              reason=Reason.SOURCE_MISSING if status is Status.UNKNOWN else None,
                              self_reported=True))
    return results


def _efforts(results: list[Result], lang: str) -> dict[str, str]:
    efforts = {i.id: i.difficulty for i in profile_model().self_report}
    for result in results:
        if result.spec.id not in efforts:
            guide, _fell_back = find_guide(result.spec.guide.id, lang)
            efforts[result.spec.id] = str(guide.meta.get("difficulty", "medium")) if guide \
                else "medium"
    return efforts


def _action_text(result: Result, lang: str) -> str:
    for item in profile_model().self_report:
        if item.id == result.spec.id:
            return _(item.action)
    guide, _fell_back = find_guide(result.spec.guide.id, lang)
    return guide.title if guide else result.spec.title


def top_actions(results: list[Result], profile: Profile, lang: str = "en"
                ) -> tuple[dict[str, Priority], tuple[TopAction, ...]]:
    """Priorities of every finding, and the top three as actions."""
    priorities = rank(results, profile, _efforts(results, lang))
    by_id = {r.spec.id: r for r in results}
    ranked = sorted((p for p in priorities.values() if p.rank), key=lambda p: p.rank or 0)
    actions = tuple(TopAction(p.rank or 0, p.check, _action_text(by_id[p.check], lang),
                              by_id[p.check].spec.guide, by_id[p.check].self_reported)
                    for p in ranked)
    return priorities, actions

"""One audit: pick the checks, run them on a host, and build a redacted report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from secaudit import __version__
from secaudit.actions import self_reported_results, top_actions
from secaudit.context import CheckContext
from secaudit.facts.os_identity import describe_os
from secaudit.guide_files import localised_url
from secaudit.hosts.base import Host
from secaudit.l10n import _, listed, speaking
from secaudit.model import Report, Result
from secaudit.profile import Profile, default_profile
from secaudit.redact import Redactor
from secaudit.registry import Check, Registry
from secaudit.runner import (
    ProgressCallback,
    RunOptions,
    not_for_platform,
    run_checks,
    skipped_result,
)
from secaudit.timeutil import now_utc


class UnknownCheckError(ValueError):
    """--only or --skip named a check that does not exist."""

    def __init__(self, unknown: Sequence[str], valid: Sequence[str]) -> None:
        self.unknown = list(unknown)
        self.valid = list(valid)
        super().__init__(_("unknown check id: {unknown}. Valid ids: {valid}",
                           unknown=listed(self.unknown), valid=listed(self.valid)))


def select_checks(
    registry: Registry, only: Sequence[str] = (), skip: Sequence[str] = ()
) -> tuple[list[Check], list[Check]]:
    """The checks to run and the ones skipped; unknown ids raise `UnknownCheckError`."""
    unknown = [i for i in [*only, *skip] if registry.get(i) is None]
    if unknown:
        raise UnknownCheckError(unknown, registry.ids())
    wanted = [c for c in registry if not only or c.spec.id in only]
    return ([c for c in wanted if c.spec.id not in skip],
            [c for c in wanted if c.spec.id in skip])


def _for_this_report(result: Result, platform: str, lang: str) -> Result:
    """The result with its title, and its platform's guide page, in the report's language."""
    guide = result.spec.guide.for_platform(platform)
    guide = replace(guide, url=localised_url(guide.url, lang))
    return replace(result, spec=replace(result.spec, title=_(result.spec.title), guide=guide))


def run_audit(
    host: Host,
    registry: Registry,
    *,
    only: Sequence[str] = (),
    skip: Sequence[str] = (),
    options: RunOptions | None = None,
    progress: ProgressCallback | None = None,
    profile: Profile | None = None,
    lang: str = "en",
) -> Report:
    """Audit `host` with the selected checks and return a finished, redacted report.

    The person's answers (`profile`, else the default) add self-reported findings (unless
    `only` narrows the run) and rank the findings into the top three actions. Titles,
    messages and ranking reasons are worded in `lang` (English where a translation is missing).
    """
    with speaking(lang):
        return _audit(host, registry, only, skip, options, progress, profile, lang)


def _audit(host: Host, registry: Registry, only: Sequence[str], skip: Sequence[str],
           options: RunOptions | None, progress: ProgressCallback | None,
           profile: Profile | None, lang: str) -> Report:
    options = options or RunOptions()
    started = now_utc()
    to_run, skipped = select_checks(registry, only, skip)
    runnable = [c for c in to_run if host.platform in c.spec.platforms]
    ctx = CheckContext(host, command_timeout=max(1.0, min(8.0, options.timeout - 0.5)))
    by_id: dict[str, Result] = {}
    for result in run_checks(runnable, ctx, options, progress):
        by_id[result.spec.id] = result
    for check in to_run:
        if check.spec.id not in by_id:
            by_id[check.spec.id] = not_for_platform(check.spec, host.platform)
    for check in skipped:
        by_id[check.spec.id] = skipped_result(check.spec)
    ordered = tuple(_for_this_report(by_id[c.spec.id], host.platform, lang)
                    for c in registry if c.spec.id in by_id)
    redactor = Redactor.for_host(host.info)
    profile = profile or default_profile()
    everything = [*ordered, *([] if only else self_reported_results(profile, lang))]
    priorities, actions = top_actions(everything, profile, lang)
    report = Report(
        tool_version=__version__,
        platform=host.platform,
        os=describe_os(ctx),
        started=started.isoformat(timespec="seconds"),
        finished=now_utc().isoformat(timespec="seconds"),
        results=tuple(redactor.result(r) for r in everything),
        priorities=tuple(priorities.values()),
        top_actions=actions,
        profile=tuple(sorted(profile.answers.items())),
        profile_source="default" if profile.source == "default" else "file",
        language=lang,
    )
    return report

"""browser-https-only: does the browser refuse plain-HTTP connections (or warn first)?

Firefox: `dom.security.https_only_mode` (default false); the `_pbm` variant covers private
windows only. Chromium family: "Always use secure connections" is `https_only_mode_enabled`
(strict) or `https_first_balanced_mode_enabled` (balanced, the default choice of the toggle);
`https_only_mode_auto_enabled` is set by the browser's own heuristics and is not the setting.
The `HttpsOnlyMode` policy overrides both browsers' profiles.
"""

from __future__ import annotations

from secaudit.context import CheckContext
from secaudit.facts.browsers import Profile, chromium_pref
from secaudit.model import Status, Verdict

from .profile_verdicts import judge_profiles

_MESSAGES = {
    Status.PASS: "Every browser profile uses secure (HTTPS) connections only, or warns first.",
    Status.WARN: "{profiles} will open insecure (HTTP) pages without warning: what you type "
                 "there can be read or changed by anyone on the same network.",
    Status.FAIL: "{profiles} will open insecure (HTTP) pages without warning.",
    Status.UNKNOWN: "Could not read the HTTPS settings of {profiles}.",
    Status.NOT_APPLICABLE: "No browser profile was found.",
}
_POLICY_ON = {"force_enabled", "force_balanced_enabled", "enabled"}
_POLICY_OFF = {"disallowed"}


def _policy(profile: Profile) -> tuple[Status, str] | None:
    value = profile.policies.get("HttpsOnlyMode")
    if isinstance(value, str) and value in _POLICY_ON:
        return Status.PASS, f"HTTPS-only set by policy ({value})"
    if isinstance(value, str) and value in _POLICY_OFF:
        return Status.WARN, f"HTTPS-only forbidden by policy ({value})"
    return None


def _chromium(profile: Profile) -> tuple[Status, str]:
    by_policy = _policy(profile)
    if by_policy:
        return by_policy
    if chromium_pref(profile.prefs, "https_only_mode_enabled") is True:
        return Status.PASS, "Always use secure connections: on (warn for all insecure sites)"
    if chromium_pref(profile.prefs, "https_first_balanced_mode_enabled") is True:
        return Status.PASS, "Always use secure connections: on (balanced)"
    if chromium_pref(profile.prefs, "https_only_mode_auto_enabled") is True:
        return Status.WARN, "Always use secure connections: off (only turned on automatically " \
                            "for some sites)"
    return Status.WARN, "Always use secure connections: off"


def _firefox(profile: Profile) -> tuple[Status, str]:
    by_policy = _policy(profile)
    if by_policy:
        return by_policy
    if profile.prefs.get("dom.security.https_only_mode") is True:
        return Status.PASS, "HTTPS-Only Mode in all windows"
    if profile.prefs.get("dom.security.https_only_mode_pbm") is True:
        return Status.WARN, "HTTPS-Only Mode in private windows only"
    return Status.WARN, "HTTPS-Only Mode off"


def check(ctx: CheckContext) -> Verdict:
    """Judge every profile of every installed browser."""
    return judge_profiles(
        ctx, lambda p: _firefox(p) if p.engine == "firefox" else _chromium(p), _MESSAGES)

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
from secaudit.l10n import _, listed, n_
from secaudit.model import Status, Verdict

from .profile_verdicts import judge_profiles


def _overall(status: Status, profiles: list[str]) -> str:
    """The check's sentence for `status`; `profiles` are the labels of the profiles that gave it."""
    if status is Status.PASS:
        return _("Every browser profile uses secure (HTTPS) connections only, or warns first.")
    if status is Status.WARN:
        # Translators: {profiles} lists browser profiles as "Browser (profile folder)", such as
        # "Chrome (Default), Firefox (abcd.default-release)".
        return n_("{profiles} will open insecure (HTTP) pages without warning: what you type "
                  "there can be read or changed by anyone on the same network.",
                  "{profiles} will open insecure (HTTP) pages without warning: what you type "
                  "there can be read or changed by anyone on the same network.",
                  len(profiles), profiles=listed(profiles))
    if status is Status.FAIL:
        # Translators: {profiles} lists browser profiles as "Browser (profile folder)", such as
        # "Chrome (Default), Firefox (abcd.default-release)".
        return n_("{profiles} will open insecure (HTTP) pages without warning.",
                  "{profiles} will open insecure (HTTP) pages without warning.",
                  len(profiles), profiles=listed(profiles))
    if status is Status.UNKNOWN:
        # Translators: {profiles} lists browser profiles as "Browser (profile folder)", such as
        # "Chrome (Default), Firefox (abcd.default-release)".
        return _("Could not read the HTTPS settings of {profiles}.", profiles=listed(profiles))
    return _("No browser profile was found.")

_POLICY_ON = {"force_enabled", "force_balanced_enabled", "enabled"}
_POLICY_OFF = {"disallowed"}


def _policy(profile: Profile) -> tuple[Status, str] | None:
    value = profile.policies.get("HttpsOnlyMode")
    if isinstance(value, str) and value in _POLICY_ON:
        return Status.PASS, f"HTTPS-only set by policy ({value})"
    if isinstance(value, str) and value in _POLICY_OFF:
        return Status.WARN, f"HTTPS-only forbidden by policy ({value})"
    return None


# Chrome 154 (October 2026) may turn "Always use secure connections" on by default through a
# remotely controlled feature flag, which leaves no trace in Preferences.
CHROME_FLAG_DEFAULT_FROM = 154
# Brave keeps "Upgrade connections to HTTPS" as a content setting (brave-core httpsUpgrades):
# 1 allow (disabled), 2 block (strict), 3 ask (standard, the default).
_BRAVE_MODES = {1: "disabled", 2: "strict", 3: "standard"}


def _brave(profile: Profile) -> tuple[Status, str]:
    upgrades = chromium_pref(profile.prefs, "profile.content_settings.exceptions.httpsUpgrades")
    entry = upgrades.get("*,*") if isinstance(upgrades, dict) else None
    setting = entry.get("setting") if isinstance(entry, dict) else None
    mode = _BRAVE_MODES.get(setting, "standard") if isinstance(setting, int) else "standard"
    if mode == "strict":
        return Status.PASS, "Upgrade connections to HTTPS: strict"
    return Status.WARN, f"Upgrade connections to HTTPS: {mode}" + (
        " (default)" if setting is None else "") + ", insecure pages open without warning"


def _major_version(profile: Profile) -> int | None:
    version = chromium_pref(profile.prefs, "extensions.last_chrome_version")
    try:
        return int(str(version).split(".")[0]) if version else None
    except ValueError:
        return None


def _chromium(profile: Profile) -> tuple[Status, str]:
    by_policy = _policy(profile)
    if by_policy:
        return by_policy
    strict = chromium_pref(profile.prefs, "https_only_mode_enabled")
    balanced = chromium_pref(profile.prefs, "https_first_balanced_mode_enabled")
    if strict is True:
        return Status.PASS, "Always use secure connections: on (warn for all insecure sites)"
    if balanced is True:
        return Status.PASS, "Always use secure connections: on (balanced)"
    if profile.browser == "Brave":
        return _brave(profile)
    version = _major_version(profile)
    if profile.browser == "Chrome" and strict is None and balanced is None and \
            version is not None and version >= CHROME_FLAG_DEFAULT_FROM:
        return Status.UNKNOWN, (f"Chrome {version} decides this by itself when you never "
                                "changed it; look in Settings > Privacy and security > Security")
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
        ctx, lambda p: _firefox(p) if p.engine == "firefox" else _chromium(p), _overall)

"""browser-safe-browsing: is phishing and malware protection on in every profile?

Chromium family: `safebrowsing.enabled` (absent = on), `safebrowsing.enhanced`; the policy
`SafeBrowsingProtectionLevel` (0 off, 1 standard, 2 enhanced) or legacy `SafeBrowsingEnabled`
overrides the profile. Edge's protection is Microsoft Defender SmartScreen, a separate setting
(`smartscreen.enabled` in the profile, `SmartScreenEnabled` policy). Firefox:
`browser.safebrowsing.malware.enabled` / `phishing.enabled` (absent = on).
"""

from __future__ import annotations

from typing import Any

from secaudit.context import CheckContext
from secaudit.facts.browsers import Profile, chromium_pref
from secaudit.l10n import _, listed
from secaudit.model import Status, Verdict

from .profile_verdicts import judge_profiles


def _overall(status: Status, profiles: list[str]) -> str:
    """The check's sentence for `status`; `profiles` are the labels of the profiles that gave it."""
    if status is Status.PASS:
        return _("Phishing and malware protection is on in every browser profile.")
    if status is Status.FAIL:
        # Translators: {profiles} lists browser profiles as "Browser (profile folder)", such as
        # "Chrome (Default), Firefox (abcd.default-release)".
        return _("Phishing and malware protection is off in {profiles}: the browser will not "
                 "warn you before you open known phishing pages or malware.",
                 profiles=listed(profiles))
    if status is Status.WARN:
        # Translators: {profiles} lists browser profiles as "Browser (profile folder)", such as
        # "Chrome (Default), Firefox (abcd.default-release)".
        return _("Phishing and malware protection is only partly on in {profiles}.",
                 profiles=listed(profiles))
    if status is Status.UNKNOWN:
        # Translators: {profiles} lists browser profiles as "Browser (profile folder)", such as
        # "Chrome (Default), Firefox (abcd.default-release)".
        return _("Could not read the protection settings of {profiles}.",
                 profiles=listed(profiles))
    return _("No browser profile was found.")



def _policy_flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    return None


def _chromium(profile: Profile, user_smartscreen: bool | None) -> tuple[Status, str]:
    policies = profile.policies
    if profile.browser == "Edge":
        policy = _policy_flag(policies.get("SmartScreenEnabled"))
        if policy is not None:
            return (Status.PASS if policy else Status.FAIL,
                    f"SmartScreen {'on' if policy else 'off'} by policy")
        if user_smartscreen is not None:  # Windows keeps Edge's own switch in the registry
            return (Status.PASS if user_smartscreen else Status.FAIL,
                    f"Microsoft Defender SmartScreen {'on' if user_smartscreen else 'off'}")
        value = chromium_pref(profile.prefs, "smartscreen.enabled")
        if value is False:
            return Status.FAIL, "Microsoft Defender SmartScreen is off"
        return Status.PASS, "Microsoft Defender SmartScreen on" + (
            " (default)" if value is None else "")
    level = policies.get("SafeBrowsingProtectionLevel")
    if isinstance(level, int) and not isinstance(level, bool):
        words = {0: "off", 1: "standard", 2: "enhanced"}
        return (Status.FAIL if level == 0 else Status.PASS,
                f"Safe Browsing {words.get(level, level)} by policy")
    legacy = _policy_flag(policies.get("SafeBrowsingEnabled"))
    if legacy is not None:
        return (Status.PASS if legacy else Status.FAIL,
                f"Safe Browsing {'on' if legacy else 'off'} by policy")
    enabled = chromium_pref(profile.prefs, "safebrowsing.enabled")
    if enabled is False:
        return Status.FAIL, "Safe Browsing: No protection (safebrowsing.enabled = false)"
    if chromium_pref(profile.prefs, "safebrowsing.enhanced") is True:
        return Status.PASS, "Safe Browsing: Enhanced protection"
    return Status.PASS, "Safe Browsing: Standard protection" + (
        " (default)" if enabled is None else "")


def _firefox_locked(profile: Profile, name: str) -> Any:
    prefs = profile.policies.get("Preferences")
    if isinstance(prefs, dict) and isinstance(prefs.get(name), dict):
        return prefs[name].get("Value")
    return None


def _firefox(profile: Profile) -> tuple[Status, str]:
    off = []
    for kind in ("malware", "phishing"):
        name = f"browser.safebrowsing.{kind}.enabled"
        locked = _firefox_locked(profile, name)
        value = locked if locked is not None else profile.prefs.get(name, True)
        if value is False:
            off.append(kind + (" (by policy)" if locked is not None else ""))
    if off:
        return (Status.FAIL, "Deceptive content and dangerous software protection off "
                f"({', '.join(off)})")
    downloads = profile.prefs.get("browser.safebrowsing.downloads.enabled", True)
    if downloads is False:
        return Status.WARN, "dangerous download protection off"
    return Status.PASS, "Block dangerous and deceptive content on"


EDGE_SMARTSCREEN_KEY = r"HKCU\Software\Microsoft\Edge\SmartScreenEnabled"


def _edge_smartscreen(ctx: CheckContext) -> bool | None:
    """Edge's SmartScreen switch on Windows: the key's default value, 1 on, 0 off."""
    if ctx.platform != "windows":
        return None
    values = ctx.host.registry_values(EDGE_SMARTSCREEN_KEY) or {}
    return _policy_flag(values.get(""))


def check(ctx: CheckContext) -> Verdict:
    """Judge every profile of every installed browser."""
    smartscreen = _edge_smartscreen(ctx)
    return judge_profiles(
        ctx, lambda p: _firefox(p) if p.engine == "firefox" else _chromium(p, smartscreen),
        _overall)

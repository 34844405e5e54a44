"""Browser extensions per profile: name, where they came from, and whether they see every site.

Chromium records each extension's install `location` (the Manifest::Location enum): 1 from the
store, 2/3/6 put there by other software ("external"), 4 and 8 unpacked (developer), 7/9 by
policy, 5/10 browser components (left out). Firefox's extensions.json says `location`
(`app-profile` user-installed; `app-system-*`/`app-global` sideloaded; `app-builtin`,
`app-system-defaults`, `app-system-addons` shipped with Firefox; `app-temporary` loaded by a
developer) and `signedState` (2 and 3 signed by Mozilla).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from secaudit.context import CheckContext
from secaudit.facts.browsers import Profile, browser_profiles, chromium_pref

ALL_SITES = {"<all_urls>", "*://*/*", "http://*/*", "https://*/*", "*://*/", "http://*/",
             "https://*/"}
_CHROMIUM_SOURCES = {1: "store", 2: "sideloaded", 3: "sideloaded", 4: "unpacked",
                     6: "sideloaded", 7: "policy", 8: "unpacked", 9: "policy"}
_CHROMIUM_BUILTIN = {5, 10}
_FIREFOX_BUILTIN = {"app-builtin", "app-system-defaults", "app-system-addons"}
_FIREFOX_SIDELOADED = {"app-system-share", "app-system-local", "app-system-user", "app-global"}


@dataclass(frozen=True, slots=True)
class Extension:
    """One user-visible extension in one profile."""

    profile: str  # profile label, e.g. "Chrome (Default)"
    browser: str
    ident: str
    name: str
    source: str  # store, unpacked, sideloaded, policy, unsigned
    all_sites: bool
    enabled: bool


@dataclass(frozen=True, slots=True)
class ProfileExtensions:
    """A profile's extensions, whether developer mode is on, and any reading problem."""

    profile: Profile
    extensions: tuple[Extension, ...]
    developer_mode: bool = False
    error: str = ""


def _hosts(permissions: Any) -> set[str]:
    if not isinstance(permissions, dict):
        return set()
    hosts: set[str] = set()
    for key in ("explicit_host", "scriptable_host", "origins", "host_permissions"):
        value = permissions.get(key)
        if isinstance(value, list):
            hosts.update(str(v) for v in value)
    return hosts


def _extension_folder(ctx: CheckContext, profile: Profile, ident: str,
                      entry: dict[str, Any]) -> str | None:
    """Unpacked extensions record an absolute `path`; store ones live in Extensions/<id>/<ver>."""
    path = str(entry.get("path", ""))
    if entry.get("location") in (4, 8) and path:
        return path
    versions = ctx.list_dir(ctx.join(profile.path, "Extensions", ident))
    return ctx.join(profile.path, "Extensions", ident, versions[-1]) if versions else None


def _localised_name(ctx: CheckContext, folder: str, manifest: dict[str, Any]) -> str:
    """Resolve `__MSG_appName__` names through the extension's default locale."""
    name = str(manifest.get("name", ""))
    message = re.fullmatch(r"__MSG_(\w+)__", name)
    if not message:
        return name
    locale = str(manifest.get("default_locale", "en"))
    strings = ctx.read_text(ctx.join(folder, "_locales", locale, "messages.json"))
    try:
        table = {k.lower(): v for k, v in json.loads(strings or "{}").items()}
        return str(table.get(message.group(1).lower(), {}).get("message", name))
    except (ValueError, AttributeError):
        return name


def _manifest(ctx: CheckContext, profile: Profile, ident: str, entry: dict[str, Any]
              ) -> dict[str, Any]:
    """The extension's manifest: kept in Preferences by older builds, else read from disk."""
    if isinstance(entry.get("manifest"), dict):
        return dict(entry["manifest"])
    folder = _extension_folder(ctx, profile, ident, entry)
    text = ctx.read_text(ctx.join(folder, "manifest.json")) if folder else None
    try:
        manifest = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(manifest, dict):
        return {}
    if folder:
        manifest["name"] = _localised_name(ctx, folder, manifest)
    return manifest


def _chromium(ctx: CheckContext, profile: Profile) -> ProfileExtensions:
    settings = chromium_pref(profile.prefs, "extensions.settings")
    found = []
    for ident, entry in (settings or {}).items():
        if not isinstance(entry, dict):
            continue
        location = entry.get("location")
        if location in _CHROMIUM_BUILTIN or location is None:
            continue
        manifest = _manifest(ctx, profile, ident, entry)
        hosts = _hosts(entry.get("granted_permissions")) | _hosts(entry.get("active_permissions"))
        hosts |= {str(h) for h in manifest.get("host_permissions", []) or []}
        hosts |= {str(p) for p in manifest.get("permissions", []) or [] if "/" in str(p)}
        for script in manifest.get("content_scripts", []) or []:
            if isinstance(script, dict):
                hosts |= {str(m) for m in script.get("matches", []) or []}
        enabled = entry.get("state", 1) == 1 and not entry.get("disable_reasons")
        found.append(Extension(
            profile.label, profile.browser, ident, str(manifest.get("name") or ident),
            _CHROMIUM_SOURCES.get(location if isinstance(location, int) else -1, "sideloaded"),
            bool(hosts & ALL_SITES), enabled))
    developer = chromium_pref(profile.prefs, "extensions.ui.developer_mode") is True
    return ProfileExtensions(profile, tuple(found), developer)


def _firefox(ctx: CheckContext, profile: Profile) -> ProfileExtensions:
    text = ctx.read_text(ctx.join(profile.path, "extensions.json"))
    if text is None:
        return ProfileExtensions(profile, ())
    try:
        addons = json.loads(text).get("addons", [])
    except (ValueError, AttributeError):
        return ProfileExtensions(profile, (), error="extensions.json not understood")
    found = []
    for addon in addons if isinstance(addons, list) else []:
        if not isinstance(addon, dict) or addon.get("type") != "extension":
            continue
        location = str(addon.get("location", ""))
        if location in _FIREFOX_BUILTIN:
            continue
        if location == "app-temporary":
            source = "unpacked"
        elif location in _FIREFOX_SIDELOADED or addon.get("foreignInstall"):
            source = "sideloaded"
        elif isinstance(addon.get("signedState"), int) and addon["signedState"] <= 0:
            source = "unsigned"
        else:
            source = "store"
        name = (addon.get("defaultLocale") or {}).get("name") or addon.get("id", "?")
        enabled = bool(addon.get("active", True)) and not addon.get("userDisabled")
        hosts = _hosts(addon.get("userPermissions"))
        found.append(Extension(profile.label, "Firefox", str(addon.get("id")), str(name),
                               source, bool(hosts & ALL_SITES), enabled))
    return ProfileExtensions(profile, tuple(found))


def profile_extensions(ctx: CheckContext) -> list[ProfileExtensions]:
    """Extensions of every browser profile (profiles that could not be read carry an error)."""
    result = []
    for profile in ctx.fact(browser_profiles):
        if profile.error:
            result.append(ProfileExtensions(profile, (), error=profile.error))
        elif profile.engine == "firefox":
            result.append(_firefox(ctx, profile))
        else:
            result.append(_chromium(ctx, profile))
    return result

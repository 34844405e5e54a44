"""Browser profiles (Firefox and the Chromium family), found and parsed once per run.

Chromium keeps only non-default values in `Preferences`, so an absent key means the default;
newer builds keep extension settings in `Secure Preferences`, which is merged in. Firefox's
`prefs.js` is overridden by `user.js` at start-up. Enterprise policies (registry on Windows,
JSON files on Linux, managed plists on macOS) override both and are read per browser.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from secaudit.context import CheckContext
from secaudit.errors import SourceError, SourceMissing
from secaudit.facts.os_identity import read_plist

# (browser name, policy name on Windows / macOS domain / Linux policy folder, per-platform
# user-data folders relative to home). Snap and Flatpak builds keep data under their own trees.
CHROMIUM_BROWSERS: tuple[tuple[str, dict[str, list[tuple[str, ...]]]], ...] = (
    ("Chrome", {
        "linux": [(".config", "google-chrome"), (".var", "app", "com.google.Chrome", "config",
                                                 "google-chrome")],
        "macos": [("Library", "Application Support", "Google", "Chrome")],
        "windows": [("AppData", "Local", "Google", "Chrome", "User Data")],
    }),
    ("Chromium", {
        "linux": [(".config", "chromium"), ("snap", "chromium", "common", "chromium"),
                  (".var", "app", "org.chromium.Chromium", "config", "chromium")],
        "macos": [("Library", "Application Support", "Chromium")],
        "windows": [("AppData", "Local", "Chromium", "User Data")],
    }),
    ("Edge", {
        "linux": [(".config", "microsoft-edge")],
        "macos": [("Library", "Application Support", "Microsoft Edge")],
        "windows": [("AppData", "Local", "Microsoft", "Edge", "User Data")],
    }),
    ("Brave", {
        "linux": [(".config", "BraveSoftware", "Brave-Browser"),
                  (".var", "app", "com.brave.Browser", "config", "BraveSoftware",
                   "Brave-Browser"),
                  ("snap", "brave", "current", ".config", "BraveSoftware", "Brave-Browser")],
        "macos": [("Library", "Application Support", "BraveSoftware", "Brave-Browser")],
        "windows": [("AppData", "Local", "BraveSoftware", "Brave-Browser", "User Data")],
    }),
)
FIREFOX_ROOTS: dict[str, list[tuple[str, ...]]] = {
    "linux": [(".mozilla", "firefox"), (".config", "mozilla", "firefox"),
              ("snap", "firefox", "common", ".mozilla", "firefox"),
              (".var", "app", "org.mozilla.firefox", ".mozilla", "firefox")],
    "macos": [("Library", "Application Support", "Firefox")],
    "windows": [("AppData", "Roaming", "Mozilla", "Firefox")],
}
CHROMIUM_POLICY = {
    "Chrome": {"windows": r"SOFTWARE\Policies\Google\Chrome", "macos": "com.google.Chrome",
               "linux": "/etc/opt/chrome/policies/managed"},
    "Chromium": {"windows": r"SOFTWARE\Policies\Chromium", "macos": "org.chromium.Chromium",
                 "linux": "/etc/chromium/policies/managed"},
    "Edge": {"windows": r"SOFTWARE\Policies\Microsoft\Edge", "macos": "com.microsoft.Edge",
             "linux": "/etc/opt/edge/policies/managed"},
    "Brave": {"windows": r"SOFTWARE\Policies\BraveSoftware\Brave",
              "macos": "com.brave.Browser", "linux": "/etc/brave/policies/managed"},
}
_USER_PREF = re.compile(r'^\s*user_pref\(\s*"((?:[^"\\]|\\.)*)"\s*,\s*(.+?)\s*\)\s*;', re.M)


@dataclass(slots=True)
class Profile:
    """One browser profile and what could be read of it."""

    browser: str  # Firefox, Chrome, Chromium, Edge, Brave
    engine: str  # firefox | chromium
    name: str  # profile folder name (Default, Profile 1, abcd.default-release)
    path: str
    prefs: dict[str, Any] = field(default_factory=dict)
    policies: dict[str, Any] = field(default_factory=dict)
    error: str = ""  # why the profile's settings could not be read

    @property
    def label(self) -> str:
        """`Chrome (Default)`: how the profile is named in evidence."""
        return f"{self.browser} ({self.name})"


def chromium_pref(prefs: dict[str, Any], dotted: str) -> Any:
    """A value from Chromium's nested Preferences by dotted path, or None when absent."""
    node: Any = prefs
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def parse_prefs_js(text: str) -> dict[str, Any]:
    """Firefox `user_pref("name", value);` lines into a dict (strings, ints, bools)."""
    values: dict[str, Any] = {}
    for match in _USER_PREF.finditer(text):
        name, raw = match.group(1), match.group(2)
        try:
            values[name] = json.loads(raw)
        except ValueError:
            values[name] = raw
    return values


def _load_json(ctx: CheckContext, path: str) -> dict[str, Any] | None:
    text = ctx.read_text(path)
    if text is None:
        return None
    data = json.loads(text)  # ValueError propagates: the caller marks the profile unreadable
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return data


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _chromium_profiles(ctx: CheckContext, browser: str, root: str) -> list[Profile]:
    names = [n for n in ctx.list_dir(root) if n == "Default" or n.startswith("Profile ")]
    profiles = []
    for name in names:
        path = ctx.join(root, name)
        profile = Profile(browser, "chromium", name, path)
        try:
            prefs = _load_json(ctx, ctx.join(path, "Preferences"))
            secure = _load_json(ctx, ctx.join(path, "Secure Preferences"))
        except (ValueError, SourceError) as exc:
            profile.error = f"settings file not readable ({str(exc)[:60]})"
            profiles.append(profile)
            continue
        if prefs is None and secure is None:
            continue  # a folder without settings is not a profile
        profile.prefs = _merge(prefs or {}, secure or {})
        profiles.append(profile)
    return profiles


def _firefox_profiles(ctx: CheckContext, root: str) -> list[Profile]:
    folders: list[str] = []
    ini = ctx.read_text(ctx.join(root, "profiles.ini"))
    if ini:
        for match in re.finditer(r"^Path=(.+?)\s*$", ini, re.MULTILINE):
            relative = match.group(1).strip()
            folders.append(ctx.join(root, *re.split(r"[\\/]", relative)))
    profiles_dir = ctx.join(root, "Profiles") if ctx.platform != "linux" else root
    for name in ctx.list_dir(profiles_dir):
        candidate = ctx.join(profiles_dir, name)
        if candidate not in folders and ctx.host.exists(ctx.join(candidate, "prefs.js")):
            folders.append(candidate)
    profiles = []
    for folder in folders:
        try:
            prefs_text = ctx.host.read_text(ctx.join(folder, "prefs.js"))
        except SourceMissing:
            continue  # Firefox creates empty "default" profiles that are never used
        except SourceError as exc:
            profile = Profile("Firefox", "firefox", ctx.host.basename(folder), folder)
            profile.error = f"prefs.js not readable ({exc.detail})"
            profiles.append(profile)
            continue
        profile = Profile("Firefox", "firefox", ctx.host.basename(folder), folder)
        profile.prefs = parse_prefs_js(prefs_text)
        user_js = ctx.read_text(ctx.join(folder, "user.js"))
        if user_js:
            profile.prefs.update(parse_prefs_js(user_js))
        profiles.append(profile)
    return profiles


def _chromium_policies(ctx: CheckContext, browser: str) -> dict[str, Any]:
    where = CHROMIUM_POLICY[browser].get(ctx.platform, "")
    policies: dict[str, Any] = {}
    if ctx.platform == "windows":
        for hive in ("HKCU", "HKLM"):  # machine policy wins over user policy
            policies.update(ctx.host.registry_values(f"{hive}\\{where}") or {})
    elif ctx.platform == "macos":
        with contextlib.suppress(SourceError):
            policies.update(read_plist(ctx, f"/Library/Managed Preferences/{where}.plist") or {})
    else:
        for name in ctx.list_dir(where):
            if name.endswith(".json"):
                try:
                    policies.update(_load_json(ctx, f"{where}/{name}") or {})
                except (ValueError, SourceError):
                    continue
    return policies


def _firefox_policies(ctx: CheckContext) -> dict[str, Any]:
    if ctx.platform == "windows":
        values = ctx.host.registry_values(r"HKLM\SOFTWARE\Policies\Mozilla\Firefox") or {}
        return dict(values)
    paths = ["/etc/firefox/policies/policies.json", "/usr/lib/firefox/distribution/policies.json"]
    if ctx.platform == "macos":
        paths = ["/Applications/Firefox.app/Contents/Resources/distribution/policies.json"]
    for path in paths:
        try:
            data = _load_json(ctx, path)
        except (ValueError, SourceError):
            continue
        if data and isinstance(data.get("policies"), dict):
            return dict(data["policies"])
    return {}


def browser_profiles(ctx: CheckContext) -> list[Profile]:
    """Every profile of every installed browser, policies attached."""
    found: list[Profile] = []
    for browser, roots in CHROMIUM_BROWSERS:
        profiles = []
        for parts in roots.get(ctx.platform, []):
            profiles += _chromium_profiles(ctx, browser, ctx.in_home(*parts))
        if profiles:
            policies = _chromium_policies(ctx, browser)
            for profile in profiles:
                profile.policies = policies
            found += profiles
    firefox = []
    for parts in FIREFOX_ROOTS.get(ctx.platform, []):
        firefox += _firefox_profiles(ctx, ctx.in_home(*parts))
    if firefox:
        policies = _firefox_policies(ctx)
        for profile in firefox:
            profile.policies = policies
        found += firefox
    return found

"""password-manager: is a password manager installed (desktop app or browser extension)?

Recognised by stable identifiers from data/password-managers.yaml (desktop ids, Flatpak and
Snap names, macOS bundle ids, Windows DisplayName prefixes, native-messaging host names) and
by the allow-listed extensions marked `password_manager`. None found is `warn`, not `fail`:
one may be in use on another device, or as a website.
"""

from __future__ import annotations

from typing import Any

from secaudit.context import CheckContext
from secaudit.datafiles import load_data
from secaudit.facts.apps import installed_apps
from secaudit.facts.extensions import profile_extensions
from secaudit.l10n import _, listed
from secaudit.model import Evidence, Reason, Verdict, passed, unknown, warned

LINUX_NATIVE_HOSTS = (
    (".mozilla", "native-messaging-hosts"),
    (".config", "google-chrome", "NativeMessagingHosts"),
    (".config", "chromium", "NativeMessagingHosts"),
    (".config", "microsoft-edge", "NativeMessagingHosts"),
    (".config", "BraveSoftware", "Brave-Browser", "NativeMessagingHosts"),
)
MACOS_NATIVE_HOSTS = tuple(
    ("Library", "Application Support", *browser, "NativeMessagingHosts") for browser in (
        ("Google", "Chrome"), ("Chromium",), ("Microsoft Edge",),
        ("BraveSoftware", "Brave-Browser"), ("Mozilla",))
)
WINDOWS_NATIVE_HOSTS = (r"HKCU\Software\Google\Chrome\NativeMessagingHosts",
                        r"HKCU\Software\Microsoft\Edge\NativeMessagingHosts",
                        r"HKCU\Software\Mozilla\NativeMessagingHosts")


def _catalogue() -> list[dict[str, Any]]:
    data: Any = load_data("secaudit.checks.apps", "password-managers.yaml")
    return [m for m in data.get("password_managers", []) if isinstance(m, dict)]


def _app_matches(ctx: CheckContext, manager: dict[str, Any]) -> list[Evidence]:
    apps = ctx.fact(installed_apps)
    spec = manager.get(ctx.platform) or {}
    found = []
    if ctx.platform == "windows":
        prefixes = [p.lower() for p in spec.get("display_name_prefixes", []) or []]
        found = [Evidence(a.source, a.name) for a in apps.apps
                 if any(a.name.lower().startswith(p) for p in prefixes)]
    else:
        wanted = {str(i).lower() for key in ("flatpak", "snap", "bundle_ids")
                  for i in spec.get(key) or []}
        wanted |= {str(i).lower().removesuffix(".desktop") for i in spec.get("desktop_ids") or []}
        found = [Evidence(a.source, a.ident) for a in apps.apps if a.ident.lower() in wanted]
    return found[:1]


def _native_hosts(ctx: CheckContext) -> set[str]:
    names: set[str] = set()
    if ctx.platform == "windows":
        for key in WINDOWS_NATIVE_HOSTS:
            names.update(n.lower() for n in ctx.host.registry_subkeys(key))
        return names
    folders = LINUX_NATIVE_HOSTS if ctx.platform == "linux" else MACOS_NATIVE_HOSTS
    for parts in folders:
        names.update(n.lower().removesuffix(".json") for n in ctx.list_dir(ctx.in_home(*parts)))
    return names


def _extension_names(ctx: CheckContext) -> list[Evidence]:
    data: Any = load_data("secaudit.checks.browsers", "trusted-extensions.yaml")
    ids: dict[str, str] = {}
    for item in data.get("extensions", []):
        if item.get("password_manager"):
            for key in ("chrome", "edge", "firefox", "other_chromium", "other_firefox"):
                ids.update({str(i): str(item["name"]) for i in item.get(key) or []})
    found = []
    for profile in ctx.fact(profile_extensions):
        for extension in profile.extensions:
            if extension.ident in ids and extension.enabled:
                found.append(Evidence(profile.profile.label, ids[extension.ident]))
    return found


def check(ctx: CheckContext) -> Verdict:
    """Look for desktop apps, their browser bridges, and password-manager extensions."""
    evidence: list[Evidence] = []
    names: list[str] = []
    hosts = _native_hosts(ctx)
    for manager in _catalogue():
        matches = _app_matches(ctx, manager)
        bridges = [h for h in manager.get("native_messaging_hosts") or [] if h.lower() in hosts]
        if bridges and not matches:
            matches = [Evidence("native messaging host", bridges[0])]
        if matches:
            names.append(str(manager["name"]))
            evidence.extend(matches)
    extensions = _extension_names(ctx)
    for item in extensions:
        if item.detail not in names:
            names.append(item.detail)
    evidence.extend(extensions)
    if names:
        # Translators: {names} lists password managers (apps and browser extensions) by their
        # own names, such as "Bitwarden, Bitwarden Password Manager".
        return passed(_("Password manager found: {names}.", names=listed(dict.fromkeys(names))),
                      *evidence)
    apps = ctx.fact(installed_apps)
    profiles = ctx.fact(profile_extensions)
    if not apps.sources_read and all(p.error for p in profiles):
        return unknown(Reason.SOURCE_MISSING, _("Could not list installed applications or "
                       "browser extensions, so a password manager could not be looked for."))
    read = ", ".join(apps.sources_read[:4]) or "browser profiles only"
    return warned(_("No password manager was found on this computer. If you use one on another "
                    "device, that may be fine; otherwise, install one."),
                  Evidence("looked in", read))

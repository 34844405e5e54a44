"""Installed applications, collected once per run for every check that asks.

Linux: desktop entries (system, user, Flatpak, Snap) plus `flatpak list` and `snap list`.
macOS: app bundles in /Applications and ~/Applications, identified by CFBundleIdentifier.
Windows: the Uninstall keys (machine, 32-bit and per-user, where Bitwarden and 1Password 8
register), identified by DisplayName.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from secaudit.context import CheckContext
from secaudit.errors import SourceError
from secaudit.facts.os_identity import read_plist

LINUX_DESKTOP_DIRS = (
    "/usr/share/applications",
    "/usr/local/share/applications",
    "/var/lib/flatpak/exports/share/applications",
    "/var/lib/snapd/desktop/applications",
)
LINUX_USER_DESKTOP_DIRS = (
    (".local", "share", "applications"),
    (".local", "share", "flatpak", "exports", "share", "applications"),
)
UNINSTALL_KEYS = (
    r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall",
    r"HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall",
    r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall",
)


@dataclass(frozen=True, slots=True)
class App:
    """One installed application: a display name, a stable identifier, where it was seen."""

    name: str
    ident: str
    source: str


@dataclass(slots=True)
class InstalledApps:
    """Everything found, and whether any source could be read at all."""

    apps: list[App] = field(default_factory=list)
    sources_read: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """Display names of every application found."""
        return [a.name for a in self.apps]


def installed_apps(ctx: CheckContext) -> InstalledApps:
    """Collect installed applications for the host's platform."""
    found = InstalledApps()
    if ctx.platform == "linux":
        _linux(ctx, found)
    elif ctx.platform == "macos":
        _macos(ctx, found)
    elif ctx.platform == "windows":
        _windows(ctx, found)
    return found


def _linux(ctx: CheckContext, found: InstalledApps) -> None:
    folders = list(LINUX_DESKTOP_DIRS) + [ctx.in_home(*p) for p in LINUX_USER_DESKTOP_DIRS]
    for folder in folders:
        entries = ctx.list_dir(folder)
        if entries:
            found.sources_read.append(folder)
        for entry in entries:
            if entry.endswith(".desktop"):
                ident = entry.removesuffix(".desktop")
                found.apps.append(App(ident, ident, folder))
    flatpak = ctx.run("flatpak", "list", "--app", "--columns=application")
    if flatpak.ok:
        found.sources_read.append("flatpak list")
        for line in flatpak.stdout.splitlines():
            if line.strip():
                found.apps.append(App(line.strip(), line.strip(), "flatpak list"))
    snap = ctx.run("snap", "list")
    if snap.ok:
        found.sources_read.append("snap list")
        for line in snap.stdout.splitlines()[1:]:  # first line is the header
            if line.split():
                name = line.split()[0]
                found.apps.append(App(name, name, "snap list"))


def _macos(ctx: CheckContext, found: InstalledApps) -> None:
    for folder in ("/Applications", ctx.in_home("Applications")):
        entries = ctx.list_dir(folder)
        if entries:
            found.sources_read.append(folder)
        for entry in entries:
            if not entry.endswith(".app"):
                continue
            bundle = ctx.join(folder, entry)
            try:
                info = read_plist(ctx, ctx.join(bundle, "Contents", "Info.plist")) or {}
            except SourceError:
                info = {}
            ident = str(info.get("CFBundleIdentifier", "")) or entry
            found.apps.append(App(entry.removesuffix(".app"), ident, folder))


def _windows(ctx: CheckContext, found: InstalledApps) -> None:
    for root in UNINSTALL_KEYS:
        subkeys = ctx.host.registry_subkeys(root)
        if subkeys:
            found.sources_read.append(root)
        for sub in subkeys:
            values = ctx.host.registry_values(f"{root}\\{sub}") or {}
            name = values.get("DisplayName")
            if isinstance(name, str) and name.strip():
                found.apps.append(App(name.strip(), sub, root))

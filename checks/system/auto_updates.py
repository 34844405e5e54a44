"""auto-updates: are security updates installed automatically?

Linux: unattended-upgrades (Debian family), dnf-automatic with apply_updates (Fedora family),
or the desktop's updater (GNOME Software, KDE Discover) downloading and installing updates.
macOS: com.apple.SoftwareUpdate, managed profile first; an absent key is the system default.
Windows updates itself unless a policy, a pause or a disabled service stops it.
"""

from __future__ import annotations

import re
from typing import Any

from secaudit.context import CheckContext
from secaudit.facts.os_identity import linux_family, os_release, read_plist
from secaudit.facts.systemd import unit_enabled
from secaudit.l10n import N_, _, listed, n_
from secaudit.model import Evidence, Reason, Verdict, failed, passed, unknown, warned
from secaudit.timeutil import parse_iso


def check(ctx: CheckContext) -> Verdict:
    """Judge with the host platform's own sources."""
    return ctx.by_platform(linux=_linux, macos=_macos, windows=_windows)


# -- Linux ------------------------------------------------------------------------------------

def _apt_periodic(ctx: CheckContext, evidence: list[Evidence]) -> bool | None:
    done = ctx.run("apt-config", "dump")
    if not done.ok:
        return None
    values = dict(re.findall(r'^APT::Periodic::([\w-]+)\s+"([^"]*)";', done.stdout, re.M))
    unattended = values.get("Unattended-Upgrade", "0")
    evidence.append(Evidence("apt-config dump", f"Unattended-Upgrade={unattended}, "
                             f"Update-Package-Lists={values.get('Update-Package-Lists', '0')}"))
    if unattended in ("0", ""):
        return False
    if not ctx.host.exists("/usr/bin/unattended-upgrade"):
        evidence.append(Evidence("/usr/bin/unattended-upgrade", "not installed"))
        return False
    timer = unit_enabled(ctx, "apt-daily-upgrade.timer")
    if timer is False:
        evidence.append(Evidence("systemctl is-enabled apt-daily-upgrade.timer", "disabled"))
        return False
    return True


def _dnf_automatic(ctx: CheckContext, evidence: list[Evidence]) -> bool | None:
    answers = {unit: unit_enabled(ctx, unit) for unit in
               ("dnf-automatic-install.timer", "dnf-automatic.timer", "dnf5-automatic.timer")}
    if all(v is None for v in answers.values()):
        return None
    if answers["dnf-automatic-install.timer"]:
        evidence.append(Evidence("systemctl is-enabled dnf-automatic-install.timer", "enabled"))
        return True
    for unit in ("dnf-automatic.timer", "dnf5-automatic.timer"):
        if answers[unit]:
            conf = ctx.read_text("/etc/dnf/automatic.conf") or ""
            apply = re.search(r"^\s*apply_updates\s*=\s*(\S+)", conf, re.M)
            value = apply.group(1).lower() if apply else "no"
            evidence.append(Evidence(f"{unit} + /etc/dnf/automatic.conf", f"apply_updates={value}"))
            return value in ("yes", "true", "1")
    evidence.append(Evidence("systemctl is-enabled dnf-automatic*", "no timer enabled"))
    return False


def _desktop_updater(ctx: CheckContext, evidence: list[Evidence]) -> bool | None:
    gnome = ctx.run("gsettings", "get", "org.gnome.software", "download-updates")
    if gnome.ok and gnome.stdout.strip() in ("true", "false"):
        evidence.append(Evidence("gsettings org.gnome.software download-updates",
                                 gnome.stdout.strip()))
        if gnome.stdout.strip() == "true":
            return True
    kde = ctx.read_text(ctx.in_home(".config", "PlasmaDiscoverUpdates"))
    if kde is not None:
        unattended = re.search(r"^\s*UseUnattendedUpdates\s*=\s*(\w+)", kde, re.M)
        value = unattended.group(1).lower() if unattended else "false"
        evidence.append(Evidence("~/.config/PlasmaDiscoverUpdates",
                                 f"UseUnattendedUpdates={value}"))
        return value == "true"
    return False if gnome.ok else None


def _linux(ctx: CheckContext) -> Verdict:
    found = os_release(ctx)
    family = linux_family(found[0]) if found else "other"
    evidence: list[Evidence] = []
    system = _apt_periodic(ctx, evidence) if family == "debian" else (
        _dnf_automatic(ctx, evidence) if family == "fedora" else None)
    if system:
        return passed(_("Security updates are installed automatically."), *evidence)
    desktop = _desktop_updater(ctx, evidence)
    if desktop:
        return passed(_("Your desktop's software updater downloads updates automatically and "
                        "installs them when you restart."), *evidence)
    if system is None and desktop is None:
        return unknown(Reason.SOURCE_MISSING, _("Could not tell whether updates are installed "
                       "automatically on this distribution."), *evidence)
    return failed(_("Updates are not installed automatically: security fixes wait until you "
                    "install them yourself."), *evidence)


# -- macOS ------------------------------------------------------------------------------------

_MAC_DEFAULTS = {"AutomaticCheckEnabled": True, "AutomaticDownload": True,
                 "CriticalUpdateInstall": True, "ConfigDataInstall": True,
                 "AutomaticallyInstallMacOSUpdates": False}
# One whole message for each set of settings that can be off, so translators see each sentence
# as it is shown. The setting names are those of System Settings > General > Software Update >
# Automatic Updates; a translation should use the names macOS shows in that language.
# "Install Security Responses and system files" switches two keys at once:
# CriticalUpdateInstall (security responses) and ConfigDataInstall (system data files).
_MAC_SECURITY_KEYS = ("CriticalUpdateInstall", "ConfigDataInstall")
# Keyed by (Check for updates is off, Install Security Responses and system files is off).
_MAC_OFF = {
    # Translators: "Check for updates" is a macOS setting, named as macOS shows it.
    (True, False): N_("Automatic security updates are off: turn on Check for updates."),
    # Translators: "Install Security Responses and system files" is a macOS setting, named as
    # macOS shows it.
    (False, True): N_("Automatic security updates are off: turn on Install Security Responses "
                      "and system files."),
    # Translators: "Check for updates" and "Install Security Responses and system files" are
    # macOS settings, named as macOS shows them.
    (True, True): N_("Automatic security updates are off: turn on Check for updates and "
                     "Install Security Responses and system files."),
}
_MAC_PARTIAL = {
    # Translators: "Download new updates when available" is a macOS setting, named as macOS
    # shows it.
    ("AutomaticDownload",): N_("The Mac checks for updates but does not install them by itself: "
                               "turn on Download new updates when available."),
    # Translators: "Install macOS updates" is a macOS setting, named as macOS shows it.
    ("AutomaticallyInstallMacOSUpdates",): N_("The Mac checks for updates but does not install "
                                              "them by itself: turn on Install macOS updates."),
    # Translators: "Download new updates when available" and "Install macOS updates" are macOS
    # settings, named as macOS shows them.
    ("AutomaticDownload", "AutomaticallyInstallMacOSUpdates"): N_(
        "The Mac checks for updates but does not install them by itself: turn on Download new "
        "updates when available and Install macOS updates."),
}


def _macos(ctx: CheckContext) -> Verdict:
    managed = read_plist(ctx, "/Library/Managed Preferences/com.apple.SoftwareUpdate.plist")
    local = read_plist(ctx, "/Library/Preferences/com.apple.SoftwareUpdate.plist")
    if managed is None and local is None:
        return unknown(Reason.SOURCE_MISSING, _("Could not read the Software Update settings "
                       "(com.apple.SoftwareUpdate.plist)."))
    effective: dict[str, Any] = {}
    evidence = []
    for key, default in _MAC_DEFAULTS.items():
        if managed and isinstance(managed.get(key), bool):
            effective[key], source = managed[key], "managed profile"
        elif local and isinstance(local.get(key), bool):
            effective[key], source = local[key], "com.apple.SoftwareUpdate.plist"
        else:
            effective[key], source = default, "system default"
        evidence.append(Evidence(source, f"{key}={effective[key]}"))
    off = (not effective["AutomaticCheckEnabled"],
           not all(effective[k] for k in _MAC_SECURITY_KEYS))
    if any(off):
        return failed(_(_MAC_OFF[off]), *evidence)
    partial = tuple(k for k in ("AutomaticDownload", "AutomaticallyInstallMacOSUpdates")
                    if not effective[k])
    if partial:
        return warned(_(_MAC_PARTIAL[partial]), *evidence)
    return passed(_("The Mac downloads and installs updates automatically."), *evidence)


# -- Windows ----------------------------------------------------------------------------------

AU_POLICY = r"HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU"
UX_SETTINGS = r"HKLM\SOFTWARE\Microsoft\WindowsUpdate\UX\Settings"
SERVICES = r"HKLM\SYSTEM\CurrentControlSet\Services"


def _windows(ctx: CheckContext) -> Verdict:
    evidence = []
    policy = ctx.host.registry_values(AU_POLICY) or {}
    services = {name: (ctx.host.registry_values(f"{SERVICES}\\{name}") or {}).get("Start")
                for name in ("wuauserv", "UsoSvc")}
    for name, start in services.items():
        if start is not None:
            evidence.append(Evidence(f"service {name}", f"Start={start}"))
    if policy:
        evidence.append(Evidence("WindowsUpdate\\AU policy", ", ".join(
            f"{k}={v}" for k, v in sorted(policy.items()))))
    disabled = [n for n, s in services.items() if s == 4]
    if policy.get("NoAutoUpdate") == 1:
        return failed(_("Windows does not install updates automatically: a policy switches them "
                        "off."), *evidence)
    if disabled:
        # Translators: {services} lists Windows service names, such as "wuauserv, UsoSvc".
        return failed(n_("Windows does not install updates automatically: the {services} service "
                         "is disabled.",
                         "Windows does not install updates automatically: the {services} "
                         "services are disabled.", len(disabled), services=listed(disabled)),
                      *evidence)
    if policy.get("AUOptions") == 2:
        return warned(_("Windows only notifies you about updates (a policy stops it from "
                        "downloading them)."), *evidence)
    pause = (ctx.host.registry_values(UX_SETTINGS) or {}).get("PauseUpdatesExpiryTime")
    until = parse_iso(pause) if isinstance(pause, str) else None
    if until and until > ctx.host.now():
        evidence.append(Evidence("WindowsUpdate UX settings", f"paused until {until.date()}"))
        # Translators: {date} is the day the pause ends (2026-04-08); "Settings > Windows Update"
        # is the path as Windows shows it.
        return warned(_("Updates are paused until {date}. Resume them in Settings > Windows "
                        "Update.", date=until.date()), *evidence)
    if all(s is None for s in services.values()):
        return unknown(Reason.SOURCE_MISSING, _("Could not read the Windows Update service "
                       "settings."), *evidence)
    return passed(_("Windows installs updates automatically."), *evidence)



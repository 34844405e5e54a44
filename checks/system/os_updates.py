"""os-updates: are there security updates the system knows about but has not installed?

Judged only from what the system already knows (package caches, the OS's update records,
the installed build number): nothing is refreshed over the network. On Windows the installed
build.UBR is compared with the shipped table of monthly cumulative updates; since UBR only grows
within a build, a machine still at the newest known UBR has provably missed every Patch Tuesday
since that table was made.
"""

from __future__ import annotations

import re
from datetime import datetime

from secaudit.context import CheckContext
from secaudit.facts.os_identity import linux_family, os_release, read_plist, windows_current_version
from secaudit.l10n import _, listed, n_
from secaudit.model import Evidence, Reason, Verdict, failed, passed, unknown, warned
from secaudit.timeutil import days_between, parse_day, parse_iso

from .releases import patch_tuesdays, windows_support_end, windows_updates

FRESH_DAYS = 7  # package lists older than this may hide newer updates
MACOS_FRESH_DAYS = 14
WINDOWS_GRACE_DAYS = 7  # updates roll out over days; missing one younger than this is normal
WINDOWS_FAIL_DAYS = 30
SECURITY_WORDS = re.compile(r"\b(macOS|Security|Background Security|Rapid Security)\b", re.I)
REBOOT_KEY = (r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update"
              r"\RebootRequired")


def check(ctx: CheckContext) -> Verdict:
    """Judge with the host platform's own sources."""
    return ctx.by_platform(linux=_linux, macos=_macos, windows=_windows)


# -- Linux ------------------------------------------------------------------------------------

def _linux(ctx: CheckContext) -> Verdict:
    found = os_release(ctx)
    family = linux_family(found[0]) if found else ""
    if family == "debian" or (not found and ctx.run("apt-get", "--version").found):
        return _apt(ctx)
    if family == "fedora":
        return _dnf(ctx)
    name = found[0].get("PRETTY_NAME") if found else None
    if name is None:
        return unknown(Reason.UNSUPPORTED, _("secaudit cannot read pending updates on this "
                       "distribution yet; use your distribution's update tool."))
    # Translators: {distribution} is a Linux distribution and version, such as "Deepin 20.4".
    return unknown(Reason.UNSUPPORTED, _("secaudit cannot read pending updates on {distribution} "
                   "yet; use your distribution's update tool.", distribution=name))


def _apt_lists_age(ctx: CheckContext) -> tuple[float | None, Evidence]:
    now = ctx.host.now()
    for path in ("/var/lib/apt/periodic/update-success-stamp", "/var/lib/apt/lists"):
        when = ctx.host.mtime(path)
        if when is not None and when <= now:
            age = days_between(when, now)
            return age, Evidence(path, f"package lists refreshed {age:.0f} day(s) ago")
    return None, Evidence("/var/lib/apt/lists", "time of the last refresh is not known")


def _reboot_pending(ctx: CheckContext) -> Evidence | None:
    for path in ("/var/run/reboot-required", "/run/reboot-required"):
        if ctx.host.exists(path):
            return Evidence(path, "a restart is needed to finish installing updates")
    return None


def _last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[-1] if lines else ""


def _apt(ctx: CheckContext) -> Verdict:
    done = ctx.run("apt-get", "-s", "-o", "Debug::NoLocking=1", "upgrade")
    source = "apt-get -s upgrade"
    if not done.found:
        return unknown(Reason.TOOL_MISSING, _("apt-get is not installed, so pending updates "
                       "cannot be listed."))
    if done.returncode != 0 or "Reading package lists" not in done.stdout:
        return unknown(Reason.NOT_UNDERSTOOD, _("apt-get could not simulate an upgrade."),
                       Evidence(source, _last_line(done.stderr) or done.describe()))
    installs = re.findall(r"^Inst (\S+) (?:\[[^\]]*\] )?\((\S+) (.*?)\)", done.stdout, re.M)
    held = re.search(r"(\d+) not upgraded", done.stdout)
    security = [name for name, _version, origin in installs if "-security" in origin]
    age, age_evidence = _apt_lists_age(ctx)
    evidence = [Evidence(source, f"{len(installs)} to install, {len(security)} from security "
                         f"archives" + (f", {held.group(1)} held back" if held else "")),
                age_evidence]
    reboot = _reboot_pending(ctx)
    if reboot:
        evidence.append(reboot)
    if security:
        return failed(_security_waiting(security, 8), *evidence)
    if installs:
        return warned(n_("{count} update is waiting to be installed.",
                         "{count} updates are waiting to be installed.", len(installs)), *evidence)
    if age is None:
        return unknown(Reason.SOURCE_MISSING, _("No updates are pending, but secaudit cannot "
                       "tell when the system last checked for new ones."), *evidence)
    if age > FRESH_DAYS:
        return warned(n_("The system has not checked for updates for {count} day, so newer "
                         "security fixes may be missing. Open your software updater.",
                         "The system has not checked for updates for {count} days, so newer "
                         "security fixes may be missing. Open your software updater.",
                         round(age)), *evidence)
    if reboot:
        return warned(_("Updates are installed but need a restart to take effect."), *evidence)
    if round(age) <= 0:
        return passed(_("No pending updates; the package lists were refreshed today."),
                      *evidence)
    return passed(n_("No pending updates; the package lists were refreshed {count} day ago.",
                     "No pending updates; the package lists were refreshed {count} days ago.",
                     round(age)), *evidence)


def _package_list(names: list[str], limit: int) -> str:
    """The first `limit` package names as a list, with " ..." when some were left out."""
    return listed(names[:limit]) + (" ..." if len(names) > limit else "")


def _security_waiting(packages: list[str], limit: int) -> str:
    # Translators: {packages} lists package names, such as "openssl, sudo, curl"; it ends in
    # " ..." when the list was cut short.
    return n_("{count} security update is waiting to be installed: {packages}.",
              "{count} security updates are waiting to be installed: {packages}.",
              len(packages), packages=_package_list(packages, limit))


def _dnf(ctx: CheckContext) -> Verdict:
    done = ctx.run("dnf", "-q", "-C", "check-update")
    source = "dnf -q -C check-update"
    if not done.found:
        return unknown(Reason.TOOL_MISSING, _("dnf is not installed, so pending updates cannot "
                       "be listed."))
    if done.returncode == 0:
        return passed(_("No pending updates in dnf's cache."), Evidence(source, "exit 0: none"))
    if done.returncode != 100:
        last = (done.output.strip().splitlines() or [done.describe()])[-1]
        # Translators: "Software" is the GNOME Software application, named as the desktop shows it.
        return unknown(Reason.NOT_UNDERSTOOD, _("dnf could not list updates from its cache "
                       "(open Software to check for updates)."), Evidence(source, last))
    packages = [line.split()[0] for line in done.stdout.splitlines()
                if len(line.split()) == 3 and "." in line.split()[0]
                and not line.startswith(("Obsoleting", "Last metadata", "Security:"))]
    evidence = [Evidence(source, f"exit 100: {len(packages)} update(s)")]
    security = _dnf_security(ctx)
    if security:
        evidence.append(Evidence("dnf -q -C updateinfo list --security",
                                 f"{len(security)} security advisory package(s)"))
        return failed(_security_waiting(security, 6), *evidence)
    names = [p.rsplit(".", 1)[0] for p in packages]
    # Translators: {packages} lists package names, such as "firefox, kernel"; it ends in " ..."
    # when the list was cut short.
    return warned(n_("{count} update is waiting to be installed ({packages}).",
                     "{count} updates are waiting to be installed ({packages}).",
                     len(packages), packages=_package_list(names, 6)), *evidence)


def _dnf_security(ctx: CheckContext) -> list[str]:
    """Packages named in security advisories, when dnf's cache has the advisories."""
    done = ctx.run("dnf", "-q", "-C", "updateinfo", "list", "--security")
    if not done.ok:
        return []
    return [line.split()[-1] for line in done.stdout.splitlines()
            if len(line.split()) >= 3 and "sec" in line.split()[1].lower()]


# -- macOS ------------------------------------------------------------------------------------

def _update_title(update: dict[str, object]) -> str:
    name = str(update.get("Display Name", update.get("Identifier", "?")))
    version = str(update.get("Display Version", ""))
    return name if not version or version in name else f"{name} {version}"


def _macos(ctx: CheckContext) -> Verdict:
    plist = read_plist(ctx, "/Library/Preferences/com.apple.SoftwareUpdate.plist")
    listing = ctx.run("softwareupdate", "--list", "--no-scan")
    titles: list[str] = []
    evidence: list[Evidence] = []
    if plist is not None:
        recommended = plist.get("RecommendedUpdates") or []
        titles = [_update_title(u) for u in recommended if isinstance(u, dict)]
        evidence.append(Evidence("com.apple.SoftwareUpdate.plist",
                                 f"{len(titles)} recommended update(s)"))
    elif listing.ok:
        titles = re.findall(r"^\s*Title: ([^,]+)", listing.output, re.M)
        evidence.append(Evidence("softwareupdate --list --no-scan", f"{len(titles)} update(s)"))
    else:
        return unknown(Reason.SOURCE_MISSING, _("Could not read macOS's list of available "
                       "updates."),
                       Evidence("softwareupdate --list --no-scan", listing.describe()))
    last = plist.get("LastSuccessfulDate") if plist else None
    checked = last if isinstance(last, datetime) else parse_iso(last)
    if checked is not None and checked.tzinfo is None:
        checked = checked.replace(tzinfo=ctx.host.now().tzinfo)
    if checked:
        evidence.append(Evidence("com.apple.SoftwareUpdate.plist",
                                 f"LastSuccessfulDate={checked.date()}"))
    if titles:
        evidence.append(Evidence("pending updates", ", ".join(titles)))
    urgent = [t for t in titles if SECURITY_WORDS.search(t)]
    if urgent:
        # Translators: {updates} lists updates as macOS names them, such as "macOS Tahoe 26.2";
        # "System Settings > General > Software Update" is the path as macOS shows it.
        return failed(_("macOS security updates are waiting: {updates}. Open System Settings > "
                        "General > Software Update.", updates=listed(urgent)), *evidence)
    if titles:
        # Translators: {updates} lists updates as macOS names them, such as "Safari 26.6".
        return warned(_("Updates are waiting: {updates}.", updates=listed(titles)), *evidence)
    if checked is None:
        return unknown(Reason.SOURCE_MISSING, _("No updates are listed, but secaudit cannot tell "
                       "when the Mac last checked for them."), *evidence)
    age = days_between(checked, ctx.host.now())
    if age > MACOS_FRESH_DAYS:
        return warned(n_("The Mac has not checked for updates for {count} day.",
                         "The Mac has not checked for updates for {count} days.", round(age)),
                      *evidence)
    if round(age) <= 0:
        return passed(_("No pending updates; the Mac checked today."), *evidence)
    return passed(n_("No pending updates; the Mac checked {count} day ago.",
                     "No pending updates; the Mac checked {count} days ago.", round(age)),
                  *evidence)


# -- Windows ----------------------------------------------------------------------------------

def _windows(ctx: CheckContext) -> Verdict:
    values = windows_current_version(ctx)
    if not values or values.get("CurrentBuild") is None or values.get("UBR") is None:
        return unknown(Reason.SOURCE_MISSING, _("Could not read the installed Windows build "
                       "(CurrentBuild and UBR)."))
    build, ubr = str(values["CurrentBuild"]), int(str(values["UBR"]))
    evidence = [Evidence(r"HKLM\...\Windows NT\CurrentVersion", f"build {build}.{ubr}")]
    table = windows_updates()
    releases = table.get("builds", {}).get(build)
    if not releases:
        # Translators: {build} is a Windows build number, such as "26100".
        return unknown(Reason.DATA_STALE, _("Windows build {build} is not in secaudit's update "
                       "table (update secaudit).", build=build), *evidence)
    today = ctx.host.now().date()
    missed = sorted(d for r in releases if int(r["ubr"]) > ubr
                    if (d := parse_day(r["released"])) is not None)
    newest = max(releases, key=lambda r: int(r["ubr"]))
    if ubr <= int(newest["ubr"]):
        # Any update after the table would have raised UBR above the newest known one.
        through = parse_day(table.get("data_through")) or parse_day(newest["released"])
        end = windows_support_end(build, str(values.get("EditionID", "")))[0]
        limit = min(today, end) if end else today
        missed += patch_tuesdays(through, limit) if through else []
    missed_days = sorted(missed)
    if missed_days:
        oldest = missed_days[0]
        late = (today - oldest).days
        evidence.append(Evidence("secaudit update table",
                                 f"{len(missed_days)} monthly update(s) since {oldest} "
                                 "not installed"))
        if late > WINDOWS_FAIL_DAYS:
            # Translators: {date} is the release day of the oldest missing update (2025-09-09);
            # "Settings > Windows Update" is the path as Windows shows it.
            return failed(n_("Windows is missing {count} monthly security update, from {date}. "
                             "Open Settings > Windows Update.",
                             "Windows is missing {count} monthly security updates, the oldest "
                             "from {date}. Open Settings > Windows Update.",
                             len(missed_days), date=oldest), *evidence)
        if late > WINDOWS_GRACE_DAYS:
            # Translators: {date} is the release day of the update (2025-09-09).
            return warned(_("Windows has not installed the security update of {date} yet.",
                            date=oldest), *evidence)
    if ctx.host.registry_values(REBOOT_KEY) is not None:
        evidence.append(Evidence("WindowsUpdate RebootRequired", "present"))
        return warned(_("Updates are installed but need a restart to take effect."), *evidence)
    # Translators: {build} is the installed Windows build and revision, such as "26100.8037".
    return passed(_("Windows {build} has the monthly security updates secaudit knows of.",
                    build=f"{build}.{ubr}"), *evidence)

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
    name = found[0].get("PRETTY_NAME", "this distribution") if found else "this distribution"
    return unknown(Reason.UNSUPPORTED, f"secaudit cannot read pending updates on {name} yet; "
                   "use your distribution's update tool.")


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
        return unknown(Reason.TOOL_MISSING, "apt-get is not installed, so pending updates "
                       "cannot be listed.")
    if done.returncode != 0 or "Reading package lists" not in done.stdout:
        return unknown(Reason.NOT_UNDERSTOOD, "apt-get could not simulate an upgrade.",
                       Evidence(source, _last_line(done.stderr) or done.describe()))
    installs = re.findall(r"^Inst (\S+) (?:\[[^\]]*\] )?\((\S+) (.*?)\)", done.stdout, re.M)
    held = re.search(r"(\d+) not upgraded", done.stdout)
    security = [name for name, _, origin in installs if "-security" in origin]
    age, age_evidence = _apt_lists_age(ctx)
    evidence = [Evidence(source, f"{len(installs)} to install, {len(security)} from security "
                         f"archives" + (f", {held.group(1)} held back" if held else "")),
                age_evidence]
    reboot = _reboot_pending(ctx)
    if reboot:
        evidence.append(reboot)
    if security:
        listed = ", ".join(security[:8]) + (" ..." if len(security) > 8 else "")
        return failed(f"{len(security)} security update(s) are waiting to be installed: "
                      f"{listed}.", *evidence)
    if installs:
        return warned(f"{len(installs)} update(s) are waiting to be installed.", *evidence)
    if age is None:
        return unknown(Reason.SOURCE_MISSING, "No updates are pending, but secaudit cannot tell "
                       "when the system last checked for new ones.", *evidence)
    if age > FRESH_DAYS:
        return warned(f"The system has not checked for updates for {age:.0f} days, so newer "
                      "security fixes may be missing. Open your software updater.", *evidence)
    if reboot:
        return warned("Updates are installed but need a restart to take effect.", *evidence)
    return passed("No pending updates; the package lists were refreshed "
                  f"{age:.0f} day(s) ago.", *evidence)


def _dnf(ctx: CheckContext) -> Verdict:
    done = ctx.run("dnf", "-q", "-C", "check-update")
    source = "dnf -q -C check-update"
    if not done.found:
        return unknown(Reason.TOOL_MISSING, "dnf is not installed, so pending updates cannot be "
                       "listed.")
    if done.returncode == 0:
        return passed("No pending updates in dnf's cache.", Evidence(source, "exit 0: none"))
    if done.returncode != 100:
        last = (done.output.strip().splitlines() or [done.describe()])[-1]
        return unknown(Reason.NOT_UNDERSTOOD, "dnf could not list updates from its cache "
                       "(open Software to check for updates).", Evidence(source, last))
    packages = [line.split()[0] for line in done.stdout.splitlines()
                if len(line.split()) == 3 and "." in line.split()[0]
                and not line.startswith(("Obsoleting", "Last metadata", "Security:"))]
    evidence = [Evidence(source, f"exit 100: {len(packages)} update(s)")]
    security = _dnf_security(ctx)
    if security:
        evidence.append(Evidence("dnf -q -C updateinfo list --security",
                                 f"{len(security)} security advisory package(s)"))
        listed = ", ".join(security[:6]) + (" ..." if len(security) > 6 else "")
        return failed(f"{len(security)} security update(s) are waiting to be installed: "
                      f"{listed}.", *evidence)
    listed = ", ".join(p.rsplit(".", 1)[0] for p in packages[:6])
    return warned(f"{len(packages)} update(s) are waiting to be installed ({listed}"
                  f"{' ...' if len(packages) > 6 else ''}).", *evidence)


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
    listed = ctx.run("softwareupdate", "--list", "--no-scan")
    titles: list[str] = []
    evidence: list[Evidence] = []
    if plist is not None:
        recommended = plist.get("RecommendedUpdates") or []
        titles = [_update_title(u) for u in recommended if isinstance(u, dict)]
        evidence.append(Evidence("com.apple.SoftwareUpdate.plist",
                                 f"{len(titles)} recommended update(s)"))
    elif listed.ok:
        titles = re.findall(r"^\s*Title: ([^,]+)", listed.output, re.M)
        evidence.append(Evidence("softwareupdate --list --no-scan", f"{len(titles)} update(s)"))
    else:
        return unknown(Reason.SOURCE_MISSING, "Could not read macOS's list of available updates.",
                       Evidence("softwareupdate --list --no-scan", listed.describe()))
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
        return failed(f"macOS security updates are waiting: {', '.join(urgent)}. Open System "
                      "Settings > General > Software Update.", *evidence)
    if titles:
        return warned(f"Updates are waiting: {', '.join(titles)}.", *evidence)
    if checked is None:
        return unknown(Reason.SOURCE_MISSING, "No updates are listed, but secaudit cannot tell "
                       "when the Mac last checked for them.", *evidence)
    age = days_between(checked, ctx.host.now())
    if age > MACOS_FRESH_DAYS:
        return warned(f"The Mac has not checked for updates for {age:.0f} days.", *evidence)
    return passed(f"No pending updates; the Mac checked {max(age, 0):.0f} day(s) ago.", *evidence)


# -- Windows ----------------------------------------------------------------------------------

def _windows(ctx: CheckContext) -> Verdict:
    values = windows_current_version(ctx)
    if not values or values.get("CurrentBuild") is None or values.get("UBR") is None:
        return unknown(Reason.SOURCE_MISSING, "Could not read the installed Windows build "
                       "(CurrentBuild and UBR).")
    build, ubr = str(values["CurrentBuild"]), int(str(values["UBR"]))
    evidence = [Evidence(r"HKLM\...\Windows NT\CurrentVersion", f"build {build}.{ubr}")]
    table = windows_updates()
    releases = table.get("builds", {}).get(build)
    if not releases:
        return unknown(Reason.DATA_STALE, f"Windows build {build} is not in secaudit's update "
                       "table (update secaudit).", *evidence)
    today = ctx.host.now().date()
    missed = sorted(d for r in releases if int(r["ubr"]) > ubr
                    if (d := parse_day(r["released"])) is not None)
    newest = max(releases, key=lambda r: int(r["ubr"]))
    if ubr <= int(newest["ubr"]):
        # Any update after the table would have raised UBR above the newest known one.
        through = parse_day(table.get("data_through")) or parse_day(newest["released"])
        end, _ = windows_support_end(build, str(values.get("EditionID", "")))
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
            return failed(f"Windows is missing {len(missed_days)} monthly security update(s), the "
                          f"oldest from {oldest}. Open Settings > Windows Update.", *evidence)
        if late > WINDOWS_GRACE_DAYS:
            return warned(f"Windows has not installed the security update of {oldest} yet.",
                          *evidence)
    if ctx.host.registry_values(REBOOT_KEY) is not None:
        evidence.append(Evidence("WindowsUpdate RebootRequired", "present"))
        return warned("Updates are installed but need a restart to take effect.", *evidence)
    return passed(f"Windows {build}.{ubr} has the monthly security updates secaudit knows of.",
                  *evidence)

"""os-supported: does this OS release still get security updates?

Dates come from data/end-of-life.yaml (with their sources); on Linux the OS's own
`SUPPORT_END` (os-release) and the distro-info CSVs win when present, being newer than any table
we ship. Apple publishes no dates: the three newest macOS majors are treated as supported, and
one that a newer autumn release has probably pushed out is a warning, not a pass.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from secaudit.context import CheckContext
from secaudit.facts.os_identity import (
    linux_family,
    macos_version,
    os_release,
    windows_current_version,
    windows_product_name,
)
from secaudit.l10n import _, n_
from secaudit.model import Evidence, Reason, Verdict, failed, passed, unknown, warned
from secaudit.timeutil import parse_day

from .releases import end_of_life, windows_support_end

SOON_DAYS = 60


def check(ctx: CheckContext) -> Verdict:
    """Judge with the host platform's own sources."""
    return ctx.by_platform(linux=_linux, macos=_macos, windows=_windows)


def _judge(name: str, today: date, end: date | None, evidence: list[Evidence],
           extended: tuple[str, date | None] | None = None) -> Verdict:
    if end is None:
        # Translators: {system} is an operating-system release, such as "Ubuntu 22.04.5 LTS".
        return passed(_("{system} is supported (no end date announced).", system=name),
                      *evidence)
    if today >= end:
        if extended and extended[1] and today < extended[1]:
            # Translators: {system} is an operating-system release, such as "Ubuntu 20.04.6 LTS";
            # {extension} is the paid or volunteer extended support, such as "Ubuntu Pro (ESM)" or
            # "Debian LTS"; {end_date} and {extension_end} are days such as 2030-04-23.
            return warned(_("{system} reached its end of standard support on {end_date}; it gets "
                            "security fixes only through {extension} (until {extension_end}). "
                            "Plan an upgrade.", system=name, end_date=end,
                            extension=extended[0], extension_end=extended[1]), *evidence)
        # Translators: {system} is an operating-system release, such as "Ubuntu 23.10";
        # {end_date} is a day such as 2024-07-11.
        return failed(_("{system} no longer gets security updates (support ended {end_date}). "
                        "Upgrade to a supported version.", system=name, end_date=end), *evidence)
    if (end - today).days <= SOON_DAYS:
        # Translators: {system} is an operating-system release, such as "Fedora Linux 43";
        # {end_date} is a day such as 2026-12-02.
        return warned(n_("{system} stops getting security updates on {end_date}, in {count} day. "
                         "Plan an upgrade now.",
                         "{system} stops getting security updates on {end_date}, in {count} "
                         "days. Plan an upgrade now.", (end - today).days, system=name,
                         end_date=end), *evidence)
    # Translators: {system} is an operating-system release, such as "Ubuntu 22.04.5 LTS";
    # {end_date} is a day such as 2027-06-01.
    return passed(_("{system} gets security updates until {end_date}.", system=name,
                    end_date=end), *evidence)


# -- Linux ------------------------------------------------------------------------------------

def _distro_info(ctx: CheckContext, distro: str, version: str) -> dict[str, str] | None:
    text = ctx.read_text(f"/usr/share/distro-info/{distro}.csv")
    if not text:
        return None
    for row in csv.DictReader(io.StringIO(text)):
        number = (row.get("version") or "").split()[0] if row.get("version") else ""
        if number == version or (number.split(".")[0] == version and distro == "debian"):
            return row
    return None


def _linux(ctx: CheckContext) -> Verdict:
    today = ctx.host.now().date()
    found = os_release(ctx)
    if found is None:
        return unknown(Reason.SOURCE_MISSING, _("Could not tell which Linux distribution this "
                       "is (no os-release file)."))
    release, path = found
    name = release.get("PRETTY_NAME") or release.get("NAME", "Linux")
    distro = release.get("ID", "").lower()
    version = release.get("VERSION_ID", "")
    evidence = [Evidence(path, f"ID={distro}, VERSION_ID={version or '(none)'}")]
    support_end = parse_day(release.get("SUPPORT_END"))
    if support_end:
        evidence.append(Evidence(path, f"SUPPORT_END={release['SUPPORT_END']}"))
        return _judge(name, today, support_end, evidence)
    if distro in ("arch", "endeavouros", "manjaro", "opensuse-tumbleweed", "gentoo", "void") \
            or release.get("BUILD_ID") == "rolling":
        # Translators: {system} is a Linux distribution, such as "Arch Linux".
        return passed(_("{system} is a rolling release: it stays supported as long as you "
                        "install updates.", system=name), *evidence)
    table_key = distro if distro in ("ubuntu", "debian", "fedora") else ""
    if not table_key and release.get("UBUNTU_CODENAME"):
        return _ubuntu_base(ctx, today, release, name, evidence)
    if not table_key:
        family = linux_family(release)
        if family == "other":
            # Translators: {system} is a Linux distribution, such as "Deepin 20.4".
            return unknown(Reason.UNSUPPORTED, _("secaudit has no end-of-life dates for {system} "
                           "(other family) yet.", system=name), *evidence)
        # Translators: {system} is a Linux distribution, such as "Manjaro Linux"; {family} is
        # the distribution it derives from, always one of: debian, fedora, arch, suse.
        return unknown(Reason.UNSUPPORTED, _("secaudit has no end-of-life dates for {system} "
                       "({family} family) yet.", system=name, family=family), *evidence)
    major = version.split(".")[0] if table_key == "debian" else version
    return _from_tables(ctx, today, table_key, major, name, evidence)


def _ubuntu_base(ctx: CheckContext, today: date, release: dict[str, str], name: str,
                 evidence: list[Evidence]) -> Verdict:
    codename = release["UBUNTU_CODENAME"]
    for version, entry in end_of_life().get("ubuntu", {}).items():
        if isinstance(entry, dict) and entry.get("codename") == codename:
            evidence.append(Evidence("os-release", f"based on Ubuntu {version} ({codename})"))
            return _from_tables(ctx, today, "ubuntu", version, name, evidence)
    # Translators: {system} is a Linux distribution, such as "Linux Mint 22"; {codename} is an
    # Ubuntu release's code name, such as "noble".
    return unknown(Reason.UNSUPPORTED, _("{system} is based on Ubuntu {codename}, which secaudit "
                   "does not know.", system=name, codename=codename), *evidence)


def _from_tables(ctx: CheckContext, today: date, distro: str, version: str, name: str,
                 evidence: list[Evidence]) -> Verdict:
    if not version:
        # Translators: {system} is a Linux distribution, such as "Debian GNU/Linux".
        return unknown(Reason.NOT_UNDERSTOOD, _("{system} does not say its version.",
                                                system=name), *evidence)
    row = _distro_info(ctx, distro, version) if distro in ("ubuntu", "debian") else None
    entry: dict[str, Any] = end_of_life().get(distro, {}).get(version) or {}
    if row and row.get("eol"):
        evidence.append(Evidence(f"/usr/share/distro-info/{distro}.csv", f"eol={row['eol']}"))
        end = parse_day(row["eol"])
        if end and distro == "debian":  # distro-info gives the last supported day
            end = date.fromordinal(end.toordinal() + 1)
        ext_day = parse_day(row.get("eol-esm") or row.get("eol-lts") or "")
        label = "Ubuntu Pro (ESM)" if distro == "ubuntu" else "Debian LTS"
        return _judge(name, today, end, evidence, (label, ext_day))
    if not entry:
        # Translators: {system} is a Linux distribution and version, such as "Ubuntu 28.04 LTS".
        return unknown(Reason.DATA_STALE, _("secaudit has no dates for {system}; it may be newer "
                       "than secaudit's table (update secaudit).", system=name), *evidence)
    evidence.append(Evidence("secaudit end-of-life table", f"support_end={entry.get('support_end')}"
                             f" ({entry.get('source', 'no source')})"))
    extended = (str(entry.get("extended_name", "")), parse_day(entry.get("extended_end")))
    return _judge(name, today, parse_day(entry.get("support_end")), evidence, extended)


# -- macOS ------------------------------------------------------------------------------------

def _macos(ctx: CheckContext) -> Verdict:
    today = ctx.host.now().date()
    version = macos_version(ctx)
    if version is None:
        return unknown(Reason.SOURCE_MISSING, _("Could not read the macOS version "
                       "(SystemVersion.plist)."))
    evidence = [Evidence("SystemVersion.plist", f"ProductVersion={version[0]}")]
    try:
        major = int(version[0].split(".")[0])
    except ValueError:
        return unknown(Reason.NOT_UNDERSTOOD, _("The macOS version was not understood."),
                       *evidence)
    if major == 10:
        # Translators: {version} is a macOS version number, such as "10.15.7".
        return failed(_("macOS {version} no longer gets security updates. Upgrade macOS, or see "
                        "the guide if this Mac cannot be upgraded.", version=version[0]),
                      *evidence)
    table = {int(k): v for k, v in end_of_life().get("macos", {}).items()}
    newest = max(table)
    if major > newest:
        # Translators: {version} is a macOS version number, such as "27.0".
        return passed(_("macOS {version} is newer than secaudit's table: it is supported.",
                        version=version[0]), *evidence)
    entry = table.get(major, {})
    name = f"macOS {entry.get('name', '')} {version[0]}".replace("  ", " ")
    end = parse_day(entry.get("support_end"))
    if end and today >= end:
        # Translators: {system} is a macOS release, such as "macOS Monterey 12.7.6"; {date} is
        # the day of its last security update, such as 2024-07-29.
        return failed(_("{system} no longer gets security updates (last update {date}). "
                        "Upgrade macOS.", system=name,
                        date=entry.get("last_update_date", end)), *evidence)
    supported = sorted((k for k in table if not parse_day(table[k].get("support_end"))),
                       reverse=True)[:3]
    if major not in supported:
        # Translators: {system} is a macOS release, such as "macOS Ventura 13.7.8".
        return failed(_("{system} is older than the three newest macOS versions, which are the "
                        "only ones Apple keeps fixing. Upgrade macOS.", system=name), *evidence)
    released = parse_day(table[newest].get("released"))
    autumns = sum(1 for year in range(released.year + 1, today.year + 1)
                  if released < date(year, 10, 1) <= today) if released else 0
    if autumns and major in supported[-autumns:]:
        # Translators: {system} is a macOS release, such as "macOS Sonoma 14.8.7".
        return warned(_("{system} has probably stopped getting security updates: Apple releases "
                        "a new macOS every year (around September) and then stops fixing the "
                        "oldest of three. "
                        "Upgrade macOS if you can.", system=name), *evidence)
    # Translators: {system} is a macOS release, such as "macOS Sequoia 15.7.3".
    return passed(_("{system} is one of the three newest macOS versions, which get security "
                    "updates.", system=name), *evidence)


# -- Windows ----------------------------------------------------------------------------------

def _windows(ctx: CheckContext) -> Verdict:
    today = ctx.host.now().date()
    values = windows_current_version(ctx)
    if not values or not values.get("CurrentBuild"):
        wmi = ctx.host.wmi(r"root\CIMV2", "Win32_OperatingSystem") or []
        if wmi and wmi[0].get("BuildNumber"):
            values = {"CurrentBuild": str(wmi[0]["BuildNumber"]),
                      "ProductName": str(wmi[0].get("Caption", "Windows")),
                      "EditionID": ""}
        else:
            return unknown(Reason.SOURCE_MISSING, _("Could not read the Windows version."))
    build = str(values.get("CurrentBuild"))
    edition = str(values.get("EditionID", ""))
    evidence = [Evidence(r"HKLM\...\Windows NT\CurrentVersion",
                         f"CurrentBuild={build}, EditionID={edition or '?'}, "
                         f"DisplayVersion={values.get('DisplayVersion', '?')}")]
    end, entry = windows_support_end(build, edition)
    if entry is None:
        # Translators: {build} is a Windows build number, such as "26100".
        return unknown(Reason.DATA_STALE, _("Windows build {build} is not in secaudit's table "
                       "(update secaudit).", build=build), *evidence)
    name = f"{windows_product_name(values)} {entry.get('version', '')}".strip()
    esu_end = parse_day(entry.get("esu_consumer_end"))
    if end is not None and today >= end and esu_end and today < esu_end:
        # Enrolment in Extended Security Updates cannot be seen from the machine.
        # Translators: {system} is a Windows release, such as "Windows 10 Pro 22H2"; {end_date}
        # and {esu_end} are days such as 2025-10-15; "Extended Security Updates" is Microsoft's
        # paid programme, named as Microsoft names it in your language.
        return failed(_("{system} no longer gets security updates (support ended {end_date}). "
                        "Upgrade to a supported version. Only computers enrolled in Extended "
                        "Security Updates still get fixes, until {esu_end}.", system=name,
                        end_date=end, esu_end=esu_end), *evidence)
    return _judge(name, today, end, evidence)

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
        return passed(f"{name} is supported (no end date announced).", *evidence)
    if today >= end:
        if extended and extended[1] and today < extended[1]:
            return warned(f"{name} reached its end of standard support on {end}; it gets "
                          f"security fixes only through {extended[0]} (until {extended[1]}). "
                          "Plan an upgrade.", *evidence)
        return failed(f"{name} no longer gets security updates (support ended {end}). "
                      "Upgrade to a supported version.", *evidence)
    if (end - today).days <= SOON_DAYS:
        return warned(f"{name} stops getting security updates on {end}, in "
                      f"{(end - today).days} days. Plan an upgrade now.", *evidence)
    return passed(f"{name} gets security updates until {end}.", *evidence)


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
        return unknown(Reason.SOURCE_MISSING, "Could not tell which Linux distribution this is "
                       "(no os-release file).")
    release, path = found
    name = release.get("PRETTY_NAME") or release.get("NAME", "This Linux")
    distro = release.get("ID", "").lower()
    version = release.get("VERSION_ID", "")
    evidence = [Evidence(path, f"ID={distro}, VERSION_ID={version or '(none)'}")]
    support_end = parse_day(release.get("SUPPORT_END"))
    if support_end:
        evidence.append(Evidence(path, f"SUPPORT_END={release['SUPPORT_END']}"))
        return _judge(name, today, support_end, evidence)
    if distro in ("arch", "endeavouros", "manjaro", "opensuse-tumbleweed", "gentoo", "void") \
            or release.get("BUILD_ID") == "rolling":
        return passed(f"{name} is a rolling release: it stays supported as long as you install "
                      "updates.", *evidence)
    table_key = distro if distro in ("ubuntu", "debian", "fedora") else ""
    if not table_key and release.get("UBUNTU_CODENAME"):
        return _ubuntu_base(ctx, today, release, name, evidence)
    if not table_key:
        family = linux_family(release)
        return unknown(Reason.UNSUPPORTED, f"secaudit has no end-of-life dates for {name} "
                       f"({family} family) yet.", *evidence)
    major = version.split(".")[0] if table_key == "debian" else version
    return _from_tables(ctx, today, table_key, major, name, evidence)


def _ubuntu_base(ctx: CheckContext, today: date, release: dict[str, str], name: str,
                 evidence: list[Evidence]) -> Verdict:
    codename = release["UBUNTU_CODENAME"]
    for version, entry in end_of_life().get("ubuntu", {}).items():
        if isinstance(entry, dict) and entry.get("codename") == codename:
            evidence.append(Evidence("os-release", f"based on Ubuntu {version} ({codename})"))
            return _from_tables(ctx, today, "ubuntu", version, name, evidence)
    return unknown(Reason.UNSUPPORTED, f"{name} is based on Ubuntu {codename}, which secaudit "
                   "does not know.", *evidence)


def _from_tables(ctx: CheckContext, today: date, distro: str, version: str, name: str,
                 evidence: list[Evidence]) -> Verdict:
    if not version:
        return unknown(Reason.NOT_UNDERSTOOD, f"{name} does not say its version.", *evidence)
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
        return unknown(Reason.DATA_STALE, f"secaudit has no dates for {name}; it may be newer "
                       "than secaudit's table (update secaudit).", *evidence)
    evidence.append(Evidence("secaudit end-of-life table", f"support_end={entry.get('support_end')}"
                             f" ({entry.get('source', 'no source')})"))
    extended = (str(entry.get("extended_name", "")), parse_day(entry.get("extended_end")))
    return _judge(name, today, parse_day(entry.get("support_end")), evidence, extended)


# -- macOS ------------------------------------------------------------------------------------

def _macos(ctx: CheckContext) -> Verdict:
    today = ctx.host.now().date()
    version = macos_version(ctx)
    if version is None:
        return unknown(Reason.SOURCE_MISSING, "Could not read the macOS version "
                       "(SystemVersion.plist).")
    evidence = [Evidence("SystemVersion.plist", f"ProductVersion={version[0]}")]
    try:
        major = int(version[0].split(".")[0])
    except ValueError:
        return unknown(Reason.NOT_UNDERSTOOD, "The macOS version was not understood.", *evidence)
    if major == 10:
        return failed(f"macOS {version[0]} no longer gets security updates. Upgrade macOS, or "
                      "see the guide if this Mac cannot be upgraded.", *evidence)
    table = {int(k): v for k, v in end_of_life().get("macos", {}).items()}
    newest = max(table)
    if major > newest:
        return passed(f"macOS {version[0]} is newer than secaudit's table: it is supported.",
                      *evidence)
    entry = table.get(major, {})
    name = f"macOS {entry.get('name', '')} {version[0]}".replace("  ", " ")
    end = parse_day(entry.get("support_end"))
    if end and today >= end:
        return failed(f"{name} no longer gets security updates (last update "
                      f"{entry.get('last_update_date', end)}). Upgrade macOS.", *evidence)
    supported = sorted((k for k in table if not parse_day(table[k].get("support_end"))),
                       reverse=True)[:3]
    if major not in supported:
        return failed(f"{name} is older than the three newest macOS versions, which are the "
                      "only ones Apple keeps fixing. Upgrade macOS.", *evidence)
    released = parse_day(table[newest].get("released"))
    autumns = sum(1 for year in range(released.year + 1, today.year + 1)
                  if released < date(year, 10, 1) <= today) if released else 0
    if autumns and major in supported[-autumns:]:
        return warned(f"{name} has probably stopped getting security updates: Apple releases "
                      "a new macOS every autumn and then stops fixing the oldest of three. "
                      "Upgrade macOS if you can.", *evidence)
    return passed(f"{name} is one of the three newest macOS versions, which get security "
                  "updates.", *evidence)


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
            return unknown(Reason.SOURCE_MISSING, "Could not read the Windows version.")
    build = str(values.get("CurrentBuild"))
    edition = str(values.get("EditionID", ""))
    evidence = [Evidence(r"HKLM\...\Windows NT\CurrentVersion",
                         f"CurrentBuild={build}, EditionID={edition or '?'}, "
                         f"DisplayVersion={values.get('DisplayVersion', '?')}")]
    end, entry = windows_support_end(build, edition)
    if entry is None:
        return unknown(Reason.DATA_STALE, f"Windows build {build} is not in secaudit's table "
                       "(update secaudit).", *evidence)
    name = f"{windows_product_name(values)} {entry.get('version', '')}".strip()
    verdict = _judge(name, today, end, evidence)
    esu_end = parse_day(entry.get("esu_consumer_end"))
    if verdict.status.value == "fail" and esu_end and today < esu_end:
        # Enrolment in Extended Security Updates cannot be seen from the machine.
        return failed(f"{verdict.message} Only computers enrolled in Extended Security Updates "
                      f"still get fixes, until {esu_end}.", *evidence)
    return verdict

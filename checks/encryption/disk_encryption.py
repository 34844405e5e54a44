"""disk-encryption: is the system disk fully encrypted?"""

from __future__ import annotations

import re

from secaudit.context import CheckContext
from secaudit.facts.apps import installed_apps
from secaudit.l10n import _
from secaudit.model import (
    Evidence,
    Reason,
    Verdict,
    assert_never,
    failed,
    passed,
    unknown,
    warned,
)

from . import bitlocker
from .linux_volumes import (
    DeviceVerdict,
    Mount,
    SysfsWalker,
    lsblk_root_verdict,
    mount_of,
    parse_mountinfo,
)

LSBLK = ("lsblk", "-J", "-o", "NAME,KNAME,TYPE,FSTYPE,MOUNTPOINT,PKNAME")


def check(ctx: CheckContext) -> Verdict:
    """Judge with the host platform's own sources."""
    return ctx.by_platform(linux=_linux, macos=_macos, windows=_windows)


# -- Linux ------------------------------------------------------------------------------------

def _linux(ctx: CheckContext) -> Verdict:
    text = ctx.read_text("/proc/self/mountinfo")
    mounts = parse_mountinfo(text) if text else []
    root = mount_of(mounts, "/")
    if root is None:
        return _linux_from_lsblk(ctx, Evidence("/proc/self/mountinfo", "not available"))
    evidence = [Evidence("/proc/self/mountinfo", f"/ is {root.fstype} on {root.source}")]
    if root.fstype == "zfs":
        return _zfs(ctx, root.source, evidence)
    if root.fstype in ("overlay", "tmpfs", "squashfs", "ramfs", "9p", "virtiofs"):
        return unknown(Reason.UNSUPPORTED,
                       # Translators: {filesystem} is a filesystem type, such as overlay or tmpfs.
                       _("The system runs from {filesystem} (a live system, container or "
                         "virtual machine share); secaudit cannot judge its disk.",
                         filesystem=root.fstype),
                       *evidence)
    walker = SysfsWalker(ctx)
    if not walker.available():
        return _linux_from_lsblk(ctx, *evidence)
    device = walker.kernel_name(root.source, root.dev)
    if device is None:
        return _linux_from_lsblk(ctx, *evidence, Evidence("/sys/block", f"{root.source} not found"))
    verdict = walker.walk(device)
    evidence.append(Evidence("/sys/block", verdict.chain))
    return _judge_linux(ctx, verdict, mounts, walker, evidence)


def _linux_from_lsblk(ctx: CheckContext, *evidence: Evidence) -> Verdict:
    done = ctx.run(*LSBLK)
    if not done.ok:
        return unknown(Reason.SOURCE_MISSING if done.found else Reason.TOOL_MISSING,
                       _("Could not find which device holds the system: neither /proc, /sys "
                         "nor lsblk answered."), *evidence, Evidence("lsblk", done.describe()))
    verdict = lsblk_root_verdict(done.stdout)
    if verdict is None:
        return unknown(Reason.NOT_UNDERSTOOD, _("lsblk's answer did not show the system disk."),
                       *evidence, Evidence("lsblk", "no device mounted at /"))
    return _judge_linux(ctx, verdict, [], None, [*evidence, Evidence("lsblk", verdict.chain)])


def _judge_linux(ctx: CheckContext, root: DeviceVerdict, mounts: list[Mount],
                 walker: SysfsWalker | None, evidence: list[Evidence]) -> Verdict:
    if root.encrypted is None:
        return unknown(Reason.NOT_UNDERSTOOD, _("Could not tell whether the device holding the "
                                                "system is encrypted."), *evidence)
    if root.encrypted:
        swap = _unencrypted_swap(ctx, walker) if walker else []
        if swap:
            return warned(_("The system disk is encrypted, but swap space is not: parts of "
                            "what was in memory (even passwords) can be left readable on the "
                            "disk."), *evidence, *swap)
        # Translators: {method} is the encryption method, such as LUKS2 or BitLocker.
        return passed(_("The system disk is encrypted ({method}).", method=root.backend),
                      *evidence)
    home = _home_only_encryption(ctx, mounts, walker)
    if home:
        return warned(_("Only your home folder is encrypted, not the whole disk: the rest of "
                        "the system (temporary files, swap, logs) can still reveal your data."),
                      *evidence, home)
    return failed(_("The system disk is not encrypted: anyone who takes this computer can read "
                    "your files."), *evidence)


def _unencrypted_swap(ctx: CheckContext, walker: SysfsWalker | None) -> list[Evidence]:
    text = ctx.read_text("/proc/swaps")
    if not text or walker is None:
        return []
    found = []
    for line in text.splitlines()[1:]:
        fields = line.split()
        if len(fields) < 2 or fields[1] != "partition" or "zram" in fields[0]:
            continue  # swap files live on the (encrypted) root; zram is memory
        device = walker.kernel_name(fields[0], "")
        if device is not None and walker.walk(device).encrypted is False:
            found.append(Evidence("/proc/swaps", f"{fields[0]} is not encrypted"))
    return found


def _home_only_encryption(ctx: CheckContext, mounts: list[Mount], walker: SysfsWalker | None
                          ) -> Evidence | None:
    user = ctx.host.info.user.name
    for mount in mounts:
        if mount.fstype == "ecryptfs":
            return Evidence("/proc/self/mountinfo", f"eCryptfs mounted at {mount.mountpoint}")
    if user and ctx.host.exists(f"/home/.ecryptfs/{user}"):
        return Evidence(f"/home/.ecryptfs/{user}", "eCryptfs home folder")
    if ctx.host.exists("/.fscrypt") or ctx.host.exists("/home/.fscrypt"):
        return Evidence("/.fscrypt", "fscrypt metadata present")
    home = mount_of(mounts, ctx.home) or mount_of(mounts, "/home")
    if home and walker:
        device = walker.kernel_name(home.source, home.dev)
        if device and walker.walk(device).encrypted:
            return Evidence("/proc/self/mountinfo", f"{home.mountpoint} is on encrypted {device}")
    return None


def _zfs(ctx: CheckContext, dataset: str, evidence: list[Evidence]) -> Verdict:
    done = ctx.run("zfs", "get", "-H", "-o", "value", "encryption", dataset)
    answer = done.stdout.strip()
    evidence.append(Evidence(f"zfs get encryption {dataset}", answer or done.describe()))
    if not done.ok or not answer:
        return unknown(Reason.TOOL_MISSING if not done.found else Reason.NOT_UNDERSTOOD,
                       _("The system is on ZFS, and zfs did not say whether it is encrypted."),
                       *evidence)
    if answer == "off":
        return failed(_("The system disk (ZFS) is not encrypted: anyone who takes this computer "
                        "can read your files."), *evidence)
    # Translators: {cipher} is the cipher ZFS reports, such as aes-256-gcm (or just "on").
    return passed(_("The system disk uses ZFS native encryption ({cipher}).", cipher=answer),
                  *evidence)


# -- macOS ------------------------------------------------------------------------------------

def _macos(ctx: CheckContext) -> Verdict:
    done = ctx.run("fdesetup", "status")
    source = "fdesetup status"
    if not done.found or done.timed_out:
        return unknown(Reason.TOOL_MISSING, _("fdesetup did not run, so FileVault's state is "
                                              "unknown."), Evidence(source, done.describe()))
    text = done.output.strip()
    first = text.splitlines()[0] if text else ""
    evidence = Evidence(source, " / ".join(line.strip() for line in text.splitlines()[:3]))
    state = re.match(r"^FileVault is (On|Off)\b", first)
    if state is None:
        return unknown(Reason.NOT_UNDERSTOOD, _("fdesetup's answer was not understood."),
                       evidence)
    progress = re.search(r"(Encryption|Decryption) in progress", text)
    if progress and progress.group(1) == "Decryption":
        return failed(_("FileVault is being switched off (decryption in progress): soon anyone "
                        "who takes this computer can read your files."), evidence)
    if progress:
        return warned(_("FileVault is encrypting the disk; keep the Mac plugged in until it "
                        "finishes."), evidence)
    if state.group(1) == "On":
        return passed(_("FileVault is on: the disk is encrypted."), evidence)
    if "Deferred enablement" in text or "will be enabled" in text:
        return warned(_("FileVault is off but scheduled to turn on at your next log out or "
                        "restart."), evidence)
    return failed(_("FileVault is off: anyone who takes this computer can read your files."),
                  evidence)


# -- Windows ----------------------------------------------------------------------------------

def _windows(ctx: CheckContext) -> Verdict:
    states, silent = bitlocker.readings(ctx)
    if not states:
        return _windows_without_state(ctx, silent)
    chosen = states[0]
    evidence = [Evidence(s.source, s.detail) for s in states] + silent
    others = {s.state for s in states[1:]} - {chosen.state}
    if others:
        evidence.append(Evidence("sources disagree", f"trusted {chosen.source} ({chosen.state}) "
                                 f"over {', '.join(sorted(others))}"))
    match chosen.state:
        case "on":
            return passed(_("BitLocker protects the system drive (C:)."), *evidence)
        case "suspended":
            return warned(_("BitLocker is suspended on C: (the disk is encrypted but the key is "
                            "stored unprotected). It usually resumes after a restart."),
                          *evidence)
        case "encrypting":
            return warned(_("BitLocker is still encrypting C:; leave the computer on until it "
                            "finishes."), *evidence)
        case "decrypting":
            return failed(_("BitLocker is being switched off on drive C:, so soon anyone who "
                            "takes this computer will be able to read your files."), *evidence)
        case "off":
            third_party = _third_party_encryption(ctx)
            if third_party:
                return unknown(Reason.UNSUPPORTED,
                               # Translators: {program} is the name of an installed encryption
                               # program, such as VeraCrypt.
                               _("BitLocker is off, and {program} is installed: secaudit cannot "
                                 "see whether {program} encrypts the system disk.",
                                 program=third_party),
                               *evidence)
            return failed(_("The system drive (C:) is not encrypted: anyone who takes this "
                            "computer can read your files."), *evidence)
        case _:
            assert_never(chosen.state)  # type: ignore[arg-type]


def _windows_without_state(ctx: CheckContext, silent: list[Evidence]) -> Verdict:
    admin = ctx.host.info.user.admin
    if admin:
        return unknown(Reason.NOT_UNDERSTOOD, _("Could not read BitLocker's state."), *silent)
    return unknown(Reason.NEEDS_ADMIN, _("Could not read BitLocker's state: run secaudit as "
                                         "administrator to check this."), *silent)


def _third_party_encryption(ctx: CheckContext) -> str | None:
    for app in ctx.fact(installed_apps).names:
        if app.lower().startswith(("veracrypt", "truecrypt")):
            return app
    return None

"""Rules that recorded hosts alone do not pin down: dates, versions, parsing edge cases."""

from __future__ import annotations

import json
import plistlib
from datetime import date
from pathlib import Path

import pytest
import yaml

from secaudit.audit import run_audit
from secaudit.checks.encryption.linux_volumes import lsblk_root_verdict, parse_mountinfo
from secaudit.checks.system.releases import patch_tuesdays, windows_updates
from secaudit.hosts import local
from secaudit.hosts.base import HostInfo, UserInfo
from secaudit.hosts.recorded import RecordedHost
from secaudit.model import OSInfo, Status
from secaudit.redact import Redactor
from secaudit.registry import load_builtin_registry

REGISTRY = load_builtin_registry()


def make_host(folder: Path, platform: str, collected_at: str, files: dict[str, bytes] | None = None,
              registry: dict[str, dict[str, object]] | None = None) -> RecordedHost:
    folder.mkdir(parents=True, exist_ok=True)
    home = {"linux": "/home/ana", "macos": "/Users/ana", "windows": "C:\\Users\\ana"}[platform]
    (folder / "host.yaml").write_text(yaml.safe_dump(
        {"platform": platform, "collected_at": collected_at,
         "user": {"name": "ana", "home": home, "admin": False}}))
    for path, content in (files or {}).items():
        target = folder / "files" / path.lstrip("/").replace(":", "")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    if registry is not None:
        (folder / "registry.yaml").write_text(yaml.safe_dump(registry))
    return RecordedHost(folder)


def status_of(host: RecordedHost, check_id: str) -> tuple[Status, str]:
    result = run_audit(host, REGISTRY, only=[check_id]).results[0]
    return result.status, result.message


def test_patch_tuesdays_are_second_tuesdays() -> None:
    assert patch_tuesdays(date(2026, 7, 14), date(2026, 11, 22)) == [
        date(2026, 8, 11), date(2026, 9, 8), date(2026, 10, 13), date(2026, 11, 10)]
    assert patch_tuesdays(date(2026, 7, 14), date(2026, 7, 31)) == []


def _windows(tmp_path: Path, collected: str, build: str, ubr: int) -> RecordedHost:
    return make_host(tmp_path / f"w{ubr}", "windows", collected, registry={
        r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion": {
            "CurrentBuild": build, "UBR": ubr, "EditionID": "Professional"}})


def test_windows_at_newest_known_update_months_later_has_missed_updates(tmp_path: Path) -> None:
    newest = max(windows_updates()["builds"]["26200"], key=lambda r: int(r["ubr"]))
    status, message = status_of(
        _windows(tmp_path, "2026-11-15T10:00:00Z", "26200", int(newest["ubr"])), "os-updates")
    assert status is Status.FAIL, message  # UBR only grows: later updates would have raised it


def test_windows_newer_than_the_table_passes(tmp_path: Path) -> None:
    newest = max(windows_updates()["builds"]["26200"], key=lambda r: int(r["ubr"]))
    released = str(newest["released"])
    status, message = status_of(
        _windows(tmp_path, f"{released}T12:00:00Z", "26200", int(newest["ubr"]) + 5), "os-updates")
    assert status is Status.PASS, message


def _mac(tmp_path: Path, collected: str, version: str) -> RecordedHost:
    plist = plistlib.dumps({"ProductVersion": version, "ProductBuildVersion": "23H000"})
    return make_host(tmp_path / collected[:7], "macos", collected, files={
        "/System/Library/CoreServices/SystemVersion.plist": plist})


def test_third_newest_macos_is_probably_unsupported_after_the_next_autumn(tmp_path: Path) -> None:
    assert status_of(_mac(tmp_path, "2026-08-01T00:00:00Z", "14.8.7"), "os-supported")[0] \
        is Status.PASS
    assert status_of(_mac(tmp_path, "2026-11-15T00:00:00Z", "14.8.7"), "os-supported")[0] \
        is Status.WARN
    assert status_of(_mac(tmp_path, "2026-11-15T00:00:00Z", "26.1"), "os-supported")[0] \
        is Status.PASS
    assert status_of(_mac(tmp_path, "2026-11-15T00:00:00Z", "12.7.6"), "os-supported")[0] \
        is Status.FAIL


def test_chrome_154_without_an_explicit_choice_is_unknown_not_warn(tmp_path: Path) -> None:
    def chrome(version: str) -> RecordedHost:
        prefs = {"extensions": {"last_chrome_version": version, "settings": {}}}
        return make_host(tmp_path / version, "linux", "2026-11-15T00:00:00Z", files={
            "/home/ana/.config/google-chrome/Default/Preferences": json.dumps(prefs).encode()})
    assert status_of(chrome("156.0.8078.73"), "browser-https-only")[0] is Status.UNKNOWN
    assert status_of(chrome("140.0.7339.80"), "browser-https-only")[0] is Status.WARN


def test_mountinfo_unescapes_and_later_mounts_win() -> None:
    text = ("22 1 253:1 / / rw - ext4 /dev/mapper/old rw\n"
            "25 1 253:2 / / rw shared:1 - btrfs /dev/mapper/luks-x rw\n"
            "30 25 0:40 / /media/my\\040disk rw - vfat /dev/sdb1 rw\n")
    mounts = parse_mountinfo(text)
    assert [m for m in mounts if m.mountpoint == "/"][-1].source == "/dev/mapper/luks-x"
    assert mounts[2].mountpoint == "/media/my disk"


@pytest.mark.parametrize("key", ["mountpoint", "mountpoints"])
def test_lsblk_both_layouts(key: str) -> None:
    def mounted(point: str) -> object:
        return [point] if key == "mountpoints" else point

    luks = {"blockdevices": [{"name": "nvme0n1", "type": "disk", "children": [
        {"name": "nvme0n1p3", "type": "part", "fstype": "crypto_LUKS", "children": [
            {"name": "root", "type": "crypt", "fstype": "ext4", key: mounted("/")}]}]}]}
    plain = {"blockdevices": [{"name": "sda", "type": "disk", "children": [
        {"name": "sda2", "type": "part", "fstype": "ext4", key: mounted("/")}]}]}
    verity = {"blockdevices": [{"name": "sda", "type": "disk", "children": [
        {"name": "sda3", "type": "part", "fstype": "", "children": [
            {"name": "root", "type": "crypt", key: mounted("/")}]}]}]}
    assert lsblk_root_verdict(json.dumps(luks)).encrypted is True  # type: ignore[union-attr]
    assert lsblk_root_verdict(json.dumps(plain)).encrypted is False  # type: ignore[union-attr]
    assert lsblk_root_verdict(json.dumps(verity)).encrypted is None  # type: ignore[union-attr]
    assert lsblk_root_verdict("not json") is None


def test_redaction_removes_home_user_and_host_names() -> None:
    info = HostInfo("linux", OSInfo(), UserInfo("alice", "/home/alice"), hostname="alices-laptop")
    redactor = Redactor.for_host(info)
    text = redactor.text("/home/alice/.mozilla (alice@alices-laptop) alice's; malice")
    assert text == "~/.mozilla (<user>@<host>) <user>'s; malice"


def test_under_sudo_the_invoking_user_is_audited(monkeypatch: pytest.MonkeyPatch) -> None:
    import pwd

    fields = list(pwd.getpwuid(0))
    fields[0], fields[5] = "ana", "/home/ana"
    entry = pwd.struct_passwd(fields)
    monkeypatch.setattr(local.os, "geteuid", lambda: 0)
    monkeypatch.setenv("SUDO_USER", "ana")
    monkeypatch.setattr(pwd, "getpwnam", lambda name: entry)
    user = local._audited_user("linux")
    assert (user.name, user.home, user.admin) == ("ana", "/home/ana", True)

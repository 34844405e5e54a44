"""Which operating system and release the host runs, read from the OS's own files and registry."""

from __future__ import annotations

import plistlib
import shlex
from typing import Any

from secaudit.context import CheckContext
from secaudit.errors import SourceNotUnderstood
from secaudit.model import OSInfo

CURRENT_VERSION_KEY = r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"
SYSTEM_VERSION_PLIST = "/System/Library/CoreServices/SystemVersion.plist"
OS_RELEASE_PATHS = ("/etc/os-release", "/usr/lib/os-release")


def parse_os_release(text: str) -> dict[str, str]:
    """Parse os-release: KEY=value lines, values quoted or not (both occur in the wild)."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, raw = line.partition("=")
        try:
            parts = shlex.split(raw, posix=True)
        except ValueError:
            parts = [raw.strip("\"'")]
        values[key.strip()] = parts[0] if parts else ""
    return values


def os_release(ctx: CheckContext) -> tuple[dict[str, str], str] | None:
    """The parsed os-release and the path it came from, or None when neither file exists."""
    for path in OS_RELEASE_PATHS:
        text = ctx.read_text(path)
        if text is not None:
            return parse_os_release(text), path
    return None


def linux_family(release: dict[str, str]) -> str:
    """`debian`, `fedora`, `arch`, `suse` or `other`, from ID and ID_LIKE."""
    ids = {release.get("ID", "").lower(), *release.get("ID_LIKE", "").lower().split()}
    if ids & {"debian", "ubuntu"}:
        return "debian"
    if ids & {"fedora", "rhel", "centos"}:
        return "fedora"
    if ids & {"arch", "archlinux"}:
        return "arch"
    if any(i.startswith(("suse", "opensuse")) for i in ids):
        return "suse"
    return "other"


def read_plist(ctx: CheckContext, path: str) -> dict[str, Any] | None:
    """A plist (binary or XML) as a dict, None when absent; unparsable raises NotUnderstood."""
    data = ctx.read_bytes(path)
    if data is None:
        return None
    try:
        value = plistlib.loads(data)
    except Exception as exc:  # plistlib raises several types for malformed input
        raise SourceNotUnderstood(path, f"not a valid property list ({exc})") from None
    if not isinstance(value, dict):
        raise SourceNotUnderstood(path, "the property list is not a dictionary")
    return value


def macos_version(ctx: CheckContext) -> tuple[str, str] | None:
    """(ProductVersion, ProductBuildVersion) from SystemVersion.plist."""
    plist = read_plist(ctx, SYSTEM_VERSION_PLIST)
    if not plist or not plist.get("ProductVersion"):
        return None
    return str(plist["ProductVersion"]), str(plist.get("ProductBuildVersion", ""))


def windows_current_version(ctx: CheckContext) -> dict[str, Any] | None:
    """The CurrentVersion registry key's values, or None when it cannot be read."""
    values = ctx.host.registry_values(CURRENT_VERSION_KEY)
    return dict(values) if values else None


def windows_product_name(values: dict[str, Any]) -> str:
    """`Windows 11 Pro`: ProductName still says "Windows 10" on 11, so decide by build."""
    name = str(values.get("ProductName", "Windows"))
    try:
        build = int(str(values.get("CurrentBuild", "0")))
    except ValueError:
        build = 0
    if build >= 22000 and name.startswith("Windows 10"):
        name = "Windows 11" + name[len("Windows 10"):]
    return name


def describe_os(ctx: CheckContext) -> OSInfo:
    """The OS in human terms for the report header (`Ubuntu 24.04.1 LTS`)."""
    fallback = ctx.host.info.os
    try:
        if ctx.platform == "linux":
            found = os_release(ctx)
            if found:
                release = found[0]
                return OSInfo(release.get("NAME", "Linux"), release.get("VERSION_ID", ""),
                              release.get("BUILD_ID", ""))
        elif ctx.platform == "macos":
            version = macos_version(ctx)
            if version:
                return OSInfo("macOS", version[0], version[1])
        elif ctx.platform == "windows":
            values = windows_current_version(ctx)
            if values:
                build = str(values.get("CurrentBuild", ""))
                if values.get("UBR") is not None:
                    build += f".{values['UBR']}"
                return OSInfo(windows_product_name(values), str(values.get("DisplayVersion", "")),
                              build)
    except Exception:  # noqa: S110 - the header falls back to what the host said about itself
        pass
    return fallback

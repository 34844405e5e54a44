"""Linux: is the root filesystem (and swap, and home) on an encrypted device?

Primary source is sysfs, readable without root: `/sys/block/dm-N/dm/uuid` starts `CRYPT-LUKS2-`
for a LUKS2 mapping (cryptsetup's own naming), `LVM-` for a logical volume, and `slaves/` names
the devices underneath, so LVM on LUKS is a walk down two levels. `CRYPT-VERITY` and
`CRYPT-INTEGRITY` use the same prefix but are not encryption. lsblk is the fallback when sysfs
was not available (it derives its `crypt` type from the same uuid prefix).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from secaudit.context import CheckContext

ENCRYPTING_UUID_PREFIXES = {
    "CRYPT-LUKS1": "LUKS1", "CRYPT-LUKS2": "LUKS2", "CRYPT-PLAIN": "dm-crypt (plain)",
    "CRYPT-TCRYPT": "TrueCrypt/VeraCrypt", "CRYPT-BITLK": "BitLocker",
}
NOT_ENCRYPTING_PREFIXES = ("CRYPT-VERITY", "CRYPT-INTEGRITY")


@dataclass(frozen=True, slots=True)
class Mount:
    """One line of /proc/self/mountinfo that matters here."""

    mountpoint: str
    fstype: str
    source: str
    dev: str  # major:minor


@dataclass(frozen=True, slots=True)
class DeviceVerdict:
    """What the walk concluded for one device: encrypted (True/False) or unknown (None)."""

    encrypted: bool | None
    backend: str  # LUKS2, ZFS native encryption, ...
    chain: str  # e.g. "dm-1 (LVM ubuntu--vg-root) <- dm-0 (LUKS2) <- nvme0n1p3"


def _unescape(field: str) -> str:
    # mountinfo escapes space, tab, newline and backslash as octal (\040 ...).
    return (field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n")
            .replace("\\134", "\\"))


def parse_mountinfo(text: str) -> list[Mount]:
    """Parse mountinfo; lines that do not have the documented shape are skipped."""
    mounts: list[Mount] = []
    for line in text.splitlines():
        left, sep, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if not sep or len(fields) < 5 or len(tail) < 2:
            continue
        mounts.append(Mount(_unescape(fields[4]), tail[0], _unescape(tail[1]), fields[2]))
    return mounts


def mount_of(mounts: list[Mount], mountpoint: str) -> Mount | None:
    """The mount visible at `mountpoint`: the last one listed wins (over-mounts)."""
    found = [m for m in mounts if m.mountpoint == mountpoint]
    return found[-1] if found else None


class SysfsWalker:
    """Walks device-mapper stacks through /sys/block."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self.dm_names = self._dm_names()

    def available(self) -> bool:
        """True when /sys/block was readable at all."""
        return bool(self.ctx.list_dir("/sys/block"))

    def _dm_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for device in self.ctx.list_dir("/sys/block"):
            if device.startswith("dm-"):
                name = self.ctx.read_text(f"/sys/block/{device}/dm/name")
                if name is not None:
                    names[name.strip()] = device
        return names

    def kernel_name(self, source: str, dev: str) -> str | None:
        """`/dev/mapper/x` or `/dev/dm-0` or `/dev/sda2` -> `dm-0` / `sda2`."""
        if source.startswith("/dev/mapper/"):
            return self.dm_names.get(source.removeprefix("/dev/mapper/"))
        if source.startswith("/dev/") and "/" not in source.removeprefix("/dev/"):
            return source.removeprefix("/dev/")
        if source.startswith("/dev/") and source.count("/") == 3:  # /dev/vg/lv
            vg, lv = source.split("/")[2:]
            mapped = f"{vg.replace('-', '--')}-{lv.replace('-', '--')}"
            return self.dm_names.get(mapped)
        for device in self.ctx.list_dir("/sys/block"):  # fall back to major:minor
            number = self.ctx.read_text(f"/sys/block/{device}/dev")
            if number is not None and number.strip() == dev:
                return device
        return None

    def walk(self, device: str, depth: int = 0) -> DeviceVerdict:
        """Is `device` encrypted, or built only on encrypted devices?"""
        if not device.startswith("dm-"):
            return DeviceVerdict(False, "", device)
        if depth > 8:
            return DeviceVerdict(None, "", f"{device} (stack too deep)")
        uuid = self.ctx.read_text(f"/sys/block/{device}/dm/uuid")
        if uuid is None:
            return DeviceVerdict(None, "", f"{device} (type not readable)")
        uuid = uuid.strip()
        for prefix, backend in ENCRYPTING_UUID_PREFIXES.items():
            if uuid.startswith(prefix + "-"):
                return DeviceVerdict(True, backend, f"{device} ({backend})")
        slaves = self.ctx.list_dir(f"/sys/block/{device}/slaves")
        label = "LVM" if uuid.startswith("LVM-") else (uuid.split("-")[0] or "device-mapper")
        if uuid.startswith(NOT_ENCRYPTING_PREFIXES):
            label = uuid.split("-")[1].lower()
        if not slaves:
            return DeviceVerdict(None, "", f"{device} ({label}, nothing underneath visible)")
        below = [self.walk(s, depth + 1) for s in slaves]
        chain = f"{device} ({label}) <- " + " + ".join(b.chain for b in below)
        if all(b.encrypted for b in below):
            return DeviceVerdict(True, below[0].backend, chain)
        if any(b.encrypted is False for b in below):
            return DeviceVerdict(False, "", chain)
        return DeviceVerdict(None, "", chain)


def lsblk_root_verdict(output: str) -> DeviceVerdict | None:
    """From `lsblk -J -o NAME,KNAME,TYPE,FSTYPE,MOUNTPOINT,PKNAME`: is `/` on a LUKS mapping?

    Accepts the tree layout (children) and both `mountpoint` and `mountpoints` keys. A `crypt`
    type counts only when the device under it is `crypto_LUKS` (lsblk calls verity `crypt` too).
    """
    try:
        data = json.loads(output)
    except ValueError:
        return None
    devices = data.get("blockdevices") if isinstance(data, dict) else None
    if not isinstance(devices, list):
        return None

    def mountpoints(node: dict[str, object]) -> list[str]:
        points = node.get("mountpoints")
        if isinstance(points, list):
            return [str(p) for p in points if p]
        single = node.get("mountpoint")
        return [str(single)] if single else []

    def search(nodes: list[object], path: list[dict[str, object]]) -> DeviceVerdict | None:
        for node in nodes:
            if not isinstance(node, dict):
                continue
            here = [*path, node]
            if "/" in mountpoints(node):
                chain = " <- ".join(f"{n.get('name')} ({n.get('type')})" for n in reversed(here))
                for index, item in enumerate(here):
                    if item.get("type") == "crypt" and index > 0 and \
                            here[index - 1].get("fstype") == "crypto_LUKS":
                        return DeviceVerdict(True, "LUKS", chain)
                if any(item.get("type") == "crypt" for item in here):
                    return DeviceVerdict(None, "", chain + " (crypt type not confirmed)")
                return DeviceVerdict(False, "", chain)
            children = node.get("children")
            if isinstance(children, list):
                found = search(children, here)
                if found:
                    return found
        return None

    return search(devices, [])

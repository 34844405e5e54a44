"""Windows: BitLocker / Device Encryption state of the system drive, from three sources.

Authority, highest first: WMI `Win32_EncryptableVolume` and `manage-bde` (both need admin,
both effective state), then the Explorer shell property (no admin; community-documented
values). A source that cannot be read gives way to the next; sources that answer and
disagree are settled by authority, and the disagreement is kept as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from secaudit.context import CheckContext
from secaudit.model import Evidence

SHELL_PROPERTY_SCRIPT = (
    "(New-Object -ComObject Shell.Application).NameSpace('C:').Self"
    ".ExtendedProperty('System.Volume.BitLockerProtection')"
)
WMI_NAMESPACE = r"root\CIMV2\Security\MicrosoftVolumeEncryption"
SYSTEM_DRIVE = "C:"


@dataclass(frozen=True, slots=True)
class BitLockerState:
    """One source's reading, in secaudit's terms."""

    state: str  # on, off, encrypting, decrypting, suspended, paused
    source: str
    detail: str


# Explorer's System.Volume.BitLockerProtection (community mapping; see platform-sources §1).
_SHELL_STATES = {"1": "on", "2": "off", "3": "encrypting", "4": "decrypting", "5": "suspended",
                 "6": "on"}
# Win32_EncryptableVolume.ConversionStatus (documented by Microsoft).
_CONVERSION = {0: "off", 1: "encrypted", 2: "encrypting", 3: "decrypting", 4: "paused",
               5: "paused-decrypting"}


def from_wmi(ctx: CheckContext) -> BitLockerState | None:
    """The system volume's state from WMI, or None when the class was not readable."""
    volumes = ctx.host.wmi(WMI_NAMESPACE, "Win32_EncryptableVolume")
    if volumes is None:
        return None
    for volume in volumes:
        if str(volume.get("DriveLetter", "")).upper() != SYSTEM_DRIVE:
            continue
        conversion = _CONVERSION.get(_as_int(volume.get("ConversionStatus")), "")
        protection = _as_int(volume.get("ProtectionStatus"))
        detail = (f"ConversionStatus={volume.get('ConversionStatus')}, "
                  f"ProtectionStatus={volume.get('ProtectionStatus')}")
        source = "WMI Win32_EncryptableVolume C:"
        if conversion == "encrypted":
            state = "on" if protection == 1 else "suspended"
        elif conversion in ("off", "encrypting", "decrypting"):
            state = conversion
        elif conversion.startswith("paused"):
            state = "decrypting" if conversion == "paused-decrypting" else "encrypting"
        else:
            return None
        return BitLockerState(state, source, detail)
    return None


def from_manage_bde(ctx: CheckContext) -> BitLockerState | None:
    """The state from `manage-bde -status C:` (English output only; it is localised)."""
    done = ctx.run("manage-bde", "-status", SYSTEM_DRIVE)
    if not done.ok:
        return None
    conversion = _field(done.stdout, "Conversion Status")
    protection = _field(done.stdout, "Protection Status")
    if conversion is None or protection is None:
        return None  # another language, or another layout: let another source answer
    detail = f"Conversion Status: {conversion}; Protection Status: {protection}"
    lowered, protected = conversion.lower(), protection.lower().startswith("protection on")
    if lowered.startswith(("fully encrypted", "used space only encrypted")):
        state = "on" if protected else "suspended"
    elif lowered.startswith("fully decrypted"):
        state = "off"
    elif "encryption" in lowered:  # Encryption in Progress / Encryption Paused
        state = "encrypting"
    elif "decryption" in lowered:
        state = "decrypting"
    else:
        return None
    return BitLockerState(state, "manage-bde -status C:", detail)


def from_shell(ctx: CheckContext) -> BitLockerState | None:
    """The state from Explorer's shell property (works without admin)."""
    done = ctx.run("powershell", "-NoProfile", "-NonInteractive", "-Command",
                   SHELL_PROPERTY_SCRIPT)
    if not done.ok:
        return None
    value = done.stdout.strip()
    state = _SHELL_STATES.get(value)
    if state is None:
        return None
    return BitLockerState(state, "Explorer System.Volume.BitLockerProtection", f"value {value}")


def readings(ctx: CheckContext) -> tuple[list[BitLockerState], list[Evidence]]:
    """Every source's reading, most authoritative first, plus evidence of sources that failed."""
    states: list[BitLockerState] = []
    silent: list[Evidence] = []
    wmi = from_wmi(ctx)
    if wmi:
        states.append(wmi)
    else:
        silent.append(Evidence("WMI Win32_EncryptableVolume", "not readable (needs admin)"))
    bde = from_manage_bde(ctx)
    if bde:
        states.append(bde)
    else:
        done = ctx.run("manage-bde", "-status", SYSTEM_DRIVE)
        silent.append(Evidence("manage-bde -status C:", "not understood" if done.ok else
                               ("not installed" if not done.found else
                                f"failed ({done.describe()}; needs admin)")))
    shell = from_shell(ctx)
    if shell:
        states.append(shell)
    else:
        silent.append(Evidence("Explorer System.Volume.BitLockerProtection",
                               "no usable answer"))
    return states, silent


def _field(text: str, label: str) -> str | None:
    match = re.search(rf"^\s*{re.escape(label)}:\s*(.+?)\s*$", text, re.MULTILINE)
    return match.group(1) if match else None


def _as_int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return -1

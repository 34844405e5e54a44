"""Windows Defender Firewall: all three profiles (Domain, Private, Public) must be on.

Per profile, Group Policy (`HKLM\\SOFTWARE\\Policies\\Microsoft\\WindowsFirewall\\<Profile>`)
overrides the local setting (registry `FirewallPolicy\\<Profile>`, or WMI
`MSFT_NetFirewallProfile`, whose `Enabled` is a GpoBoolean: 0 False, 1 True, 2 NotConfigured).
`netsh` output is localised, so it only corroborates, in English.
"""

from __future__ import annotations

import re

from secaudit.context import CheckContext
from secaudit.l10n import N_, _, listed, n_
from secaudit.model import Evidence, Reason, Verdict, failed, passed, unknown, warned

POLICY_ROOT = r"HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall"
LOCAL_ROOT = r"HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy"
# profile shown to people -> (policy key, local key, WMI Name)
PROFILES = {
    "Domain": ("DomainProfile", "DomainProfile", "Domain"),
    "Private": ("PrivateProfile", "StandardProfile", "Private"),
    "Public": ("PublicProfile", "PublicProfile", "Public"),
}


# Translators: the network profiles of Windows Firewall, as Windows Security names them
# ("Domain network", "Private network", "Public network": the word before "network").
PROFILE_WORDS = {"Domain": N_("Domain"), "Private": N_("Private"), "Public": N_("Public")}


def _profiles(names: list[str]) -> str:
    return listed(_(PROFILE_WORDS[n]) if n in PROFILE_WORDS else n for n in names)


def _flag(value: object) -> bool | None:
    try:
        number = int(str(value))
    except ValueError:
        return None
    return {0: False, 1: True}.get(number)


def _netsh_states(ctx: CheckContext) -> dict[str, bool]:
    done = ctx.run("netsh", "advfirewall", "show", "allprofiles", "state")
    if not done.ok:
        return {}
    states: dict[str, bool] = {}
    current = None
    for line in done.stdout.splitlines():
        heading = re.match(r"^(Domain|Private|Public) Profile Settings", line.strip())
        if heading:
            current = heading.group(1)
        state = re.match(r"^State\s+(ON|OFF)\s*$", line.strip())
        if state and current:
            states[current] = state.group(1) == "ON"
    return states


def _third_party(ctx: CheckContext) -> list[str]:
    products = ctx.host.wmi(r"root\SecurityCenter2", "FirewallProduct") or []
    return [str(p.get("displayName")) for p in products
            if p.get("displayName") and "windows" not in str(p.get("displayName")).lower()]


def windows_firewall(ctx: CheckContext) -> Verdict:
    """Judge the three profiles; the evidence names each profile and the source that decided."""
    wmi = {str(p.get("Name")): p for p in ctx.host.wmi(
        r"root\StandardCimv2", "MSFT_NetFirewallProfile") or []}
    netsh = _netsh_states(ctx)
    evidence: list[Evidence] = []
    states: dict[str, bool | None] = {}
    for shown, (policy_key, local_key, wmi_name) in PROFILES.items():
        policy = _flag((ctx.host.registry_values(f"{POLICY_ROOT}\\{policy_key}") or {}).get(
            "EnableFirewall"))
        local = _flag((ctx.host.registry_values(f"{LOCAL_ROOT}\\{local_key}") or {}).get(
            "EnableFirewall"))
        if local is None and wmi_name in wmi:
            local = _flag(wmi[wmi_name].get("Enabled"))
        state: bool | None
        if policy is not None:
            state, source = policy, "Group Policy"
        elif local is not None:
            state, source = local, "local setting"
        else:
            state, source = netsh.get(shown), "netsh"
        states[shown] = state
        word = {True: "on", False: "off", None: "unknown"}[state]
        detail = f"{word} ({source})"
        if policy is not None and local is not None and policy != local:
            detail += f"; local setting says {'on' if local else 'off'}, policy wins"
        evidence.append(Evidence(f"{shown} profile", detail))
    off = [name for name, state in states.items() if state is False]
    missing = [name for name, state in states.items() if state is None]
    others = _third_party(ctx)
    if off:
        if others:
            # Translators: {profiles} lists Windows Firewall profiles (Domain, Private, Public,
            # translated below); {products} lists the names of other security programs that say
            # they provide a firewall, such as "Norton 360".
            return warned(n_("Windows Firewall is off for the {profiles} profile; {products} "
                             "says it provides a firewall: check that it is on.",
                             "Windows Firewall is off for the {profiles} profiles; {products} "
                             "says it provides a firewall: check that it is on.",
                             len(off), profiles=_profiles(off), products=listed(others)),
                          *evidence)
        # Translators: {profiles} lists Windows Firewall profiles (Domain, Private, Public,
        # translated below).
        return failed(n_("Windows Firewall is off for the {profiles} profile: computers on that "
                         "network can reach services on this one.",
                         "Windows Firewall is off for the {profiles} profiles: computers on those "
                         "networks can reach services on this one.",
                         len(off), profiles=_profiles(off)), *evidence)
    if missing:
        # Translators: {profiles} lists Windows Firewall profiles (Domain, Private, Public,
        # translated below).
        return unknown(Reason.SOURCE_MISSING, n_(
            "Could not read the firewall state of the {profiles} profile.",
            "Could not read the firewall state of the {profiles} profiles.",
            len(missing), profiles=_profiles(missing)), *evidence)
    return passed(_("Windows Firewall is on for all three profiles ({profiles}).",
                    profiles=_profiles(["Domain", "Private", "Public"])),
                  *evidence)

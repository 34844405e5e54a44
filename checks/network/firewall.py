"""firewall: is a host firewall filtering incoming connections?

Linux has several front-ends and any one counts (parsing only one is Lynis's longest-running
false alarm). macOS 15 removed com.apple.alf.plist as the firewall's authority, so it is read
only on older releases; an empty answer never counts as "on". Windows needs all three profiles
on, with Group Policy overriding the local setting.
"""

from __future__ import annotations

import json
import re

from secaudit.context import CheckContext
from secaudit.facts.os_identity import macos_version, read_plist
from secaudit.facts.systemd import unit_active
from secaudit.l10n import _, listed, n_
from secaudit.model import Evidence, Reason, Verdict, failed, passed, unknown

from .windows_firewall import windows_firewall


def check(ctx: CheckContext) -> Verdict:
    """Judge with the host platform's own sources."""
    return ctx.by_platform(linux=_linux, macos=_macos, windows=windows_firewall)


# -- Linux ------------------------------------------------------------------------------------

def _conf_value(text: str, key: str) -> str | None:
    match = re.search(rf"^\s*{key}\s*=\s*['\"]?([^'\"\s#]*)", text, re.MULTILINE)
    return match.group(1).lower() if match else None


def _ufw(ctx: CheckContext, evidence: list[Evidence]) -> bool | None:
    status = ctx.run("ufw", "status", "verbose")
    if status.ok and status.stdout.strip():
        active = re.search(r"^Status:\s*(\w+)", status.stdout, re.MULTILINE)
        if active:
            evidence.append(Evidence("ufw status verbose", f"Status: {active.group(1)}"))
            return active.group(1) == "active"
    conf = ctx.read_text("/etc/ufw/ufw.conf")
    if conf is None:
        return None
    enabled = _conf_value(conf, "ENABLED")
    evidence.append(Evidence("/etc/ufw/ufw.conf", f"ENABLED={enabled}"))
    if enabled != "yes":
        return False
    running = unit_active(ctx, "ufw")
    if running is False:
        evidence.append(Evidence("systemctl is-active ufw", "inactive"))
        return False
    return True


def _firewalld(ctx: CheckContext, evidence: list[Evidence]) -> bool | None:
    done = ctx.run("firewall-cmd", "--state")
    if not done.found:
        return None
    answer = done.output.strip().splitlines()[0] if done.output.strip() else done.describe()
    evidence.append(Evidence("firewall-cmd --state", answer))
    if done.returncode == 0 and answer == "running":
        zone = ctx.run("firewall-cmd", "--get-default-zone")
        if zone.ok and zone.stdout.strip() == "trusted":
            evidence.append(Evidence("firewall-cmd --get-default-zone", "trusted (allows all)"))
            return False
        return True
    return False if done.returncode in (252, 251) or answer == "not running" else None


def _nft_filters(ruleset: str) -> bool | None:
    """True when an input-hook chain drops by policy or has drop/reject rules."""
    try:
        items = json.loads(ruleset).get("nftables", [])
    except (ValueError, AttributeError):
        return None
    inputs = {(c["chain"].get("family"), c["chain"].get("table"), c["chain"].get("name"))
              for c in items if isinstance(c, dict) and "chain" in c
              and c["chain"].get("hook") == "input"}
    for item in items:
        chain = item.get("chain") if isinstance(item, dict) else None
        if chain and chain.get("hook") == "input" and chain.get("policy") == "drop":
            return True
        rule = item.get("rule") if isinstance(item, dict) else None
        if rule and (rule.get("family"), rule.get("table"), rule.get("chain")) in inputs:
            text = json.dumps(rule.get("expr", []))
            if '"drop"' in text or '"reject"' in text or '"jump"' in text:
                return True
    return False


def _nftables(ctx: CheckContext, evidence: list[Evidence]) -> bool | None:
    done = ctx.run("nft", "-j", "list", "ruleset")
    if done.ok:
        filtering = _nft_filters(done.stdout)
        if filtering is not None:
            evidence.append(Evidence("nft -j list ruleset",
                                     "filters incoming traffic" if filtering else
                                     "no rule filters incoming traffic"))
            return filtering
    active = unit_active(ctx, "nftables")
    if active:
        evidence.append(Evidence("systemctl is-active nftables",
                                 "active (its rules need root to read)"))
        return None  # the service loads *a* ruleset; Debian's default one accepts everything
    return None


def _iptables(ctx: CheckContext, evidence: list[Evidence]) -> bool | None:
    done = ctx.run("iptables", "-S")
    if not done.ok:
        return None
    rules = done.stdout
    drops = re.search(r"^-P INPUT (DROP|REJECT)", rules, re.MULTILINE) or re.search(
        r"^-A INPUT .*-j (DROP|REJECT|ufw-|f2b-)", rules, re.MULTILINE)
    evidence.append(Evidence("iptables -S", "INPUT is filtered" if drops else
                             "INPUT accepts everything"))
    return bool(drops)


def _linux(ctx: CheckContext) -> Verdict:
    evidence: list[Evidence] = []
    answers = {
        "ufw": _ufw(ctx, evidence),
        "firewalld": _firewalld(ctx, evidence),
        "nftables": _nftables(ctx, evidence),
        "iptables": _iptables(ctx, evidence),
    }
    active = [name for name, on in answers.items() if on]
    if active:
        # Translators: {firewalls} lists Linux firewall programs, such as "ufw, iptables".
        return passed(_("A firewall is active ({firewalls}).", firewalls=listed(active)),
                      *evidence)
    if all(v is None for v in answers.values()):
        return unknown(Reason.NEEDS_ADMIN if not ctx.host.info.user.admin else
                       Reason.SOURCE_MISSING, _("No firewall front-end answered (ufw, firewalld, "
                       "nftables, iptables); run as administrator (sudo) to check this."),
                       *evidence)
    unread = [name for name, on in answers.items() if on is None]
    if unread and not ctx.host.info.user.admin:
        # Translators: {firewalls} lists Linux firewall programs, such as "nftables, iptables".
        return failed(n_("No firewall was found switched on: other computers on the same network "
                         "may reach services on this one. ({firewalls} can only be checked as "
                         "administrator: run secaudit with sudo to check it too.)",
                         "No firewall was found switched on: other computers on the same network "
                         "may reach services on this one. ({firewalls} can only be checked as "
                         "administrator: run secaudit with sudo to check them too.)",
                         len(unread), firewalls=listed(unread)),
                      *evidence)
    return failed(_("No firewall is switched on: other computers on the same network can reach "
                    "services on this one."), *evidence)


# -- macOS ------------------------------------------------------------------------------------

_PROFILER_STATES = {
    "spfirewall_globalstate_limit_connections": True,
    "spfirewall_globalstate_block_all": True,
    "spfirewall_globalstate_allow_all": False,
}


def _macos_profiler(ctx: CheckContext) -> tuple[bool | None, Evidence | None]:
    done = ctx.run("system_profiler", "-json", "SPFirewallDataType")
    if not done.ok:
        return None, None
    try:
        entries = json.loads(done.stdout).get("SPFirewallDataType", [])
    except (ValueError, AttributeError):
        return None, Evidence("system_profiler SPFirewallDataType", "not understood")
    for entry in entries if isinstance(entries, list) else []:
        state = entry.get("spfirewall_globalstate") if isinstance(entry, dict) else None
        if state in _PROFILER_STATES:
            return _PROFILER_STATES[state], Evidence("system_profiler SPFirewallDataType", state)
    return None, Evidence("system_profiler SPFirewallDataType", "no firewall state in the answer")


def _macos_socketfilterfw(ctx: CheckContext) -> tuple[bool | None, Evidence | None]:
    done = ctx.run("/usr/libexec/ApplicationFirewall/socketfilterfw", "--getglobalstate")
    if not done.found:
        return None, None
    text = done.output.strip()
    match = re.search(r"Firewall is (enabled|disabled)", text) or re.search(
        r"State\s*=\s*([012])", text)
    if not match:
        return None, Evidence("socketfilterfw --getglobalstate", text or done.describe())
    value = match.group(1)
    return value in ("enabled", "1", "2"), Evidence("socketfilterfw --getglobalstate", text)


def _macos(ctx: CheckContext) -> Verdict:
    evidence: list[Evidence] = []
    policy = read_plist(ctx, "/Library/Managed Preferences/com.apple.security.firewall.plist")
    if policy and isinstance(policy.get("EnableFirewall"), bool):
        evidence.append(Evidence("managed profile com.apple.security.firewall",
                                 f"EnableFirewall={policy['EnableFirewall']}"))
    readings = []
    for reader in (_macos_profiler, _macos_socketfilterfw):
        state, item = reader(ctx)
        if item:
            evidence.append(item)
        if state is not None:
            readings.append(state)
    if not readings:
        version = macos_version(ctx)
        if version and int(version[0].split(".")[0]) < 15:
            alf = read_plist(ctx, "/Library/Preferences/com.apple.alf.plist") or {}
            if isinstance(alf.get("globalstate"), int):
                readings.append(alf["globalstate"] in (1, 2))
                evidence.append(Evidence("com.apple.alf.plist",
                                         f"globalstate={alf['globalstate']}"))
    if policy and isinstance(policy.get("EnableFirewall"), bool) and readings and \
            readings[0] != policy["EnableFirewall"]:
        evidence.append(Evidence("sources disagree", "the effective state differs from the "
                                 "managed profile; trusting the effective state"))
    if not readings:
        return unknown(Reason.NOT_UNDERSTOOD, _("Could not read the macOS firewall's state."),
                       *evidence)
    if len(set(readings)) > 1:
        evidence.append(Evidence("sources disagree", "trusting system_profiler"))
    if readings[0]:
        return passed(_("The macOS firewall is on."), *evidence)
    return failed(_("The macOS firewall is off: other computers on the same network can reach "
                    "services on this Mac."), *evidence)


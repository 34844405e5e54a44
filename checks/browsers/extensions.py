"""browser-extensions: an inventory of extensions, warning on the risky ones.

Risky: installed from outside the official store (unpacked, sideloaded by other software,
unsigned), developer mode switched on, or able to read and change every site while not on the
short allow-list in data/trusted-extensions.yaml. Disabled extensions are listed, not warned on.
"""

from __future__ import annotations

from typing import Any

from secaudit.context import CheckContext
from secaudit.datafiles import load_data
from secaudit.facts.extensions import Extension, profile_extensions
from secaudit.l10n import _, listed, n_
from secaudit.model import Evidence, Reason, Status, Verdict, combined_status, not_applicable

_BROWSER_KEYS = {"Chrome": "chrome", "Chromium": "chrome", "Brave": "chrome", "Edge": "edge",
                 "Firefox": "firefox"}
_SOURCE_WORDS = {"unpacked": "loaded unpacked (developer install)",
                 "sideloaded": "installed by another program, not from the store",
                 "unsigned": "not signed by Mozilla"}


def trusted_ids() -> dict[str, set[str]]:
    """Browser key (chrome, edge, firefox) -> extension ids on the allow-list."""
    data: Any = load_data("secaudit.checks.browsers", "trusted-extensions.yaml")
    trusted: dict[str, set[str]] = {"chrome": set(), "edge": set(), "firefox": set()}
    for item in data.get("extensions", []):
        for key, ids in trusted.items():
            ids.update(str(i) for i in item.get(key, []) or [])
    trusted["edge"] |= trusted["chrome"]  # Edge installs from the Chrome Web Store too
    return trusted


def _risk(extension: Extension, trusted: dict[str, set[str]]) -> str | None:
    if not extension.enabled:
        return None
    if extension.source in _SOURCE_WORDS:
        return _SOURCE_WORDS[extension.source]
    allowed = trusted.get(_BROWSER_KEYS.get(extension.browser, "chrome"), set())
    if extension.all_sites and extension.ident not in allowed and extension.source != "policy":
        return "can read and change all your data on every website"
    return None


def check(ctx: CheckContext) -> Verdict:
    """List every extension per profile and warn on the risky ones, by name."""
    inventory = ctx.fact(profile_extensions)
    if not inventory:
        return not_applicable(_("No Firefox, Chrome, Chromium, Edge or Brave profile was found."))
    trusted = trusted_ids()
    evidence: list[Evidence] = []
    statuses: list[Status] = []
    risky: list[str] = []
    developer: list[str] = []
    for item in inventory:
        label = item.profile.label
        if item.error:
            statuses.append(Status.UNKNOWN)
            evidence.append(Evidence(label, f"unknown: {item.error}"))
            continue
        problems = []
        if item.developer_mode:
            problems.append("developer mode is on")
        for extension in item.extensions:
            why = _risk(extension, trusted)
            state = "" if extension.enabled else " (disabled)"
            evidence.append(Evidence(label, f"{extension.name} [{extension.ident}] from "
                                     f"{extension.source}{state}" + (f": {why}" if why else "")))
            if why:
                problems.append(f"{extension.name} ({why})")
                # Translators: one item of a list of extensions to review: an extension's name
                # and the browser profile it is in, such as "Coupon Helper in Chrome (Default)".
                risky.append(_("{extension} in {profile}", extension=extension.name,
                               profile=label))
        if not item.extensions:
            evidence.append(Evidence(label, "no extensions"))
        statuses.append(Status.WARN if problems else Status.PASS)
        if item.developer_mode:
            evidence.append(Evidence(label, "developer mode is on"))
            developer.append(label)
    overall = combined_status(statuses)
    if overall is Status.WARN:
        if not risky:
            # Translators: {profiles} lists browser profiles, such as "Chrome (Default)".
            return Verdict(Status.WARN, _("Developer mode is on in {profiles}: extensions can "
                                          "be added there without the store's review. Switch it "
                                          "off unless you write extensions yourself.",
                                          profiles=listed(developer)), tuple(evidence))
        # Translators: {extensions} lists extensions, each with its browser profile, separated
        # by semicolons, such as "Coupon Helper in Chrome (Default); Tab Helper in Edge (Default)".
        return Verdict(Status.WARN, _("Review these extensions: {extensions}.",
                                      extensions=listed(risky, items_have_commas=True)),
                       tuple(evidence))
    if overall is Status.UNKNOWN:
        return Verdict(Status.UNKNOWN, _("Could not read the extensions of some browser "
                                         "profiles."), tuple(evidence), Reason.NOT_UNDERSTOOD)
    count = sum(len(i.extensions) for i in inventory)
    return Verdict(Status.PASS, n_("{count} extension found. None comes from outside the "
                                   "official stores, and only well-known ones can read every "
                                   "website.",
                                   "{count} extensions found. None comes from outside the "
                                   "official stores, and only well-known ones can read every "
                                   "website.", count), tuple(evidence))

"""systemd unit states, read with `systemctl is-enabled` / `is-active` (no root needed)."""

from __future__ import annotations

from secaudit.context import CheckContext


def unit_enabled(ctx: CheckContext, unit: str) -> bool | None:
    """True if enabled (or static/alias), False if disabled/masked/absent, None if unknown."""
    done = ctx.run("systemctl", "is-enabled", unit)
    if not done.found or done.timed_out:
        return None
    state = done.stdout.strip().splitlines()[0].strip() if done.stdout.strip() else ""
    if state in ("enabled", "enabled-runtime", "static", "alias", "indirect", "generated"):
        return True
    if state in ("disabled", "masked", "masked-runtime", "linked", "linked-runtime", "not-found"):
        return False
    if "No such file" in done.stderr or "not found" in done.stderr.lower():
        return False
    return None


def unit_active(ctx: CheckContext, unit: str) -> bool | None:
    """True if active, False if inactive/failed/absent, None if systemctl could not answer."""
    done = ctx.run("systemctl", "is-active", unit)
    if not done.found or done.timed_out:
        return None
    state = done.stdout.strip().splitlines()[0].strip() if done.stdout.strip() else ""
    if state in ("active", "reloading", "activating"):
        return True
    if state in ("inactive", "failed", "deactivating", "unknown"):
        return False
    return None

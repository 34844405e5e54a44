"""The check registry: declared checks, loaded from data and validated once.

Each built-in check is a YAML file of metadata beside a Python module of the same name that
defines `check(ctx) -> Verdict`. Nothing registers itself by being imported: the registry reads
the declarations, and imports a check's module only when that check runs.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from secaudit.errors import RegistryError
from secaudit.hosts.base import PLATFORMS
from secaudit.model import SEVERITY_ORDER, CheckSpec, GuideLink, Severity, Verdict
from secaudit.yamlio import line_of, parse_yaml

if TYPE_CHECKING:
    from importlib.abc import Traversable

CheckFunction = Callable[[Any], Verdict]

BUILTIN_PACKAGE = "secaudit.checks"
_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?$")
_REQUIRED = ("id", "title", "why", "severity", "platforms", "guide")


@dataclass(frozen=True, slots=True)
class Check:
    """A declared check: its metadata and a way to get its function."""

    spec: CheckSpec
    loader: Callable[[], CheckFunction]

    def function(self) -> CheckFunction:
        """Import the check's logic (only when it is about to run)."""
        return self.loader()


def _module_loader(module_name: str, source: str) -> Callable[[], CheckFunction]:
    def load() -> CheckFunction:
        module = importlib.import_module(module_name)
        function = getattr(module, "check", None)
        if not callable(function):
            raise RegistryError(f"{source}: module {module_name} defines no check(ctx) function")
        return function  # type: ignore[no-any-return]

    return load


def parse_spec(data: Any, source: str, module: str = "") -> CheckSpec:
    """Validate one check declaration; every problem names the file, line and field."""
    if not isinstance(data, dict):
        raise RegistryError(f"{source}: a check declaration must be a mapping")
    line = line_of(data)
    place = f"{source}:{line}" if line else source
    missing = [key for key in _REQUIRED if not data.get(key)]
    if missing:
        raise RegistryError(f"{place}: missing {', '.join(missing)}")
    check_id = str(data["id"])
    if not _ID_PATTERN.match(check_id):
        raise RegistryError(f"{place}: id {check_id!r} must be kebab-case (`disk-encryption`, "
                            "or `namespace/name` for packs)")
    try:
        severity = Severity(str(data["severity"]))
    except ValueError:
        allowed = ", ".join(s.value for s in Severity)
        raise RegistryError(f"{place}: severity {data['severity']!r} is not one of {allowed}"
                            ) from None
    platforms = data["platforms"]
    if not isinstance(platforms, list) or not platforms or any(
        p not in PLATFORMS for p in platforms
    ):
        raise RegistryError(f"{place}: platforms must be a list drawn from {', '.join(PLATFORMS)}")
    guide = data["guide"]
    if not isinstance(guide, dict) or not guide.get("id") or not str(
        guide.get("url", "")
    ).startswith("https://"):
        raise RegistryError(f"{place}: guide needs an id and an https:// url")
    urls = guide.get("urls") or {}
    if not isinstance(urls, dict) or any(
        p not in PLATFORMS or not str(u).startswith("https://") for p, u in urls.items()
    ):
        raise RegistryError(f"{place}: guide.urls must map platforms to https:// urls")
    return CheckSpec(
        id=check_id,
        title=str(data["title"]),
        why=str(data["why"]).strip(),
        severity=severity,
        platforms=tuple(platforms),
        guide=GuideLink(id=str(guide["id"]), url=str(guide["url"]),
                        platform_urls=tuple((str(p), str(u)) for p, u in urls.items())),
        first_aid=str(data["first_aid"]) if data.get("first_aid") else None,
        module=module,
        source_file=source,
    )


def _walk_declarations(root: Traversable, package: str) -> Iterable[tuple[Traversable, str]]:
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.is_dir() and not entry.name.startswith(("_", ".")) and entry.name != "data":
            yield from _walk_declarations(entry, f"{package}.{entry.name}")
        elif entry.name.endswith(".yaml") and entry.is_file():
            yield entry, f"{package}.{entry.name.removesuffix('.yaml')}"


class Registry:
    """All known checks, in a stable order, with unique ids."""

    def __init__(self, checks: Iterable[Check] = ()) -> None:
        self._checks: dict[str, Check] = {}
        for check in checks:
            self.add(check)

    def add(self, check: Check) -> None:
        """Add a check; a second check with the same id is an error naming both files."""
        existing = self._checks.get(check.spec.id)
        if existing is not None:
            raise RegistryError(
                f"duplicate check id {check.spec.id!r}: {existing.spec.source_file} and "
                f"{check.spec.source_file}"
            )
        self._checks[check.spec.id] = check

    def __iter__(self) -> Any:
        return iter(self._checks.values())

    def __len__(self) -> int:
        return len(self._checks)

    def ids(self) -> list[str]:
        """Every check id, in registry order."""
        return list(self._checks)

    def get(self, check_id: str) -> Check | None:
        """The check with this id, or None."""
        return self._checks.get(check_id)


def load_builtin_registry() -> Registry:
    """The built-in checks shipped inside the package."""
    checks = []
    root = resources.files(BUILTIN_PACKAGE)
    for entry, module in _walk_declarations(root, BUILTIN_PACKAGE):
        source = f"checks/{module.removeprefix(BUILTIN_PACKAGE + '.').replace('.', '/')}.yaml"
        spec = parse_spec(parse_yaml(entry.read_text(encoding="utf-8"), source), source, module)
        checks.append(Check(spec=spec, loader=_module_loader(module, source)))
    # Most severe first, so listings and reports read in order of importance.
    checks.sort(key=lambda c: (SEVERITY_ORDER[c.spec.severity], c.spec.id))
    return Registry(checks)


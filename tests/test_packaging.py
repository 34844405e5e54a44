"""The wheel carries every package, check declaration, data file and guide of the source tree."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from secaudit.registry import load_builtin_registry

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = None

ROOT = Path(__file__).resolve().parent.parent
MAPPING = {"secaudit": ROOT / "secaudit", "secaudit.checks": ROOT / "checks",
           "secaudit.guides": ROOT / "guides"}


def _source_packages() -> set[str]:
    names = set()
    for prefix, folder in MAPPING.items():
        for init in folder.rglob("__init__.py"):
            relative = init.parent.relative_to(folder).parts
            names.add(".".join((prefix, *relative)) if relative else prefix)
    return names


def test_every_package_is_listed_in_pyproject() -> None:
    if tomllib is None:  # pragma: no cover
        return
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"])
    assert _source_packages() == listed


def test_installed_registry_has_every_declared_check() -> None:
    declared = {p.stem for p in (ROOT / "checks").rglob("*.yaml") if "data" not in p.parts}
    registry = load_builtin_registry()
    assert len(registry) == len(declared)
    for check in registry:
        check.function()  # every declared check's logic is importable


def test_installed_data_files_match_the_source_tree() -> None:
    for folder in (ROOT / "checks").rglob("data"):
        package = "secaudit.checks." + ".".join(folder.parent.relative_to(ROOT / "checks").parts)
        installed = {p.name for p in (resources.files(package) / "data").iterdir()}
        assert {p.name for p in folder.iterdir() if p.suffix in (".yaml", ".md")} <= installed

"""The one way secaudit reads YAML: safe, fast (libyaml when present), with line numbers.

Mappings and lists come back as `LineDict` / `LineList`, which remember the line where they
start, so a malformed recorded host or pack can be reported as `file:line`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from secaudit.errors import BadInputError

try:  # libyaml is several times faster; the pure-Python loader gives the same results.
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class LineDict(dict[Any, Any]):
    """A mapping that knows the line (1-based) where it starts in its file."""

    line: int = 0


class LineList(list[Any]):
    """A list that knows the line (1-based) where it starts in its file."""

    line: int = 0


class _LineLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """SafeLoader that records where each mapping and list starts."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LineList:
    items = LineList(loader.construct_sequence(node, deep=True))
    items.line = node.start_mark.line + 1
    return items


def _construct_timestamp_as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    # Dates stay text: every consumer parses them itself, with one rule (ISO-8601).
    return str(loader.construct_scalar(node))


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


def parse_yaml(text: str, file: str) -> Any:
    """Parse YAML text; a syntax error becomes a `BadInputError` naming file and line."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader derives from SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = f"not valid YAML: {exc.problem or exc}"
        if exc.context and exc.context_mark is not None and exc.context_mark is not mark:
            problem += f" ({exc.context} that starts at line {exc.context_mark.line + 1})"
        raise BadInputError(file, problem, line=line) from None
    except yaml.YAMLError as exc:
        raise BadInputError(file, f"not valid YAML: {exc}") from None


def load_yaml_file(path: Path) -> Any:
    """Read and parse a YAML file; unreadable or malformed files raise `BadInputError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInputError(str(path), f"cannot be read: {exc}") from None
    return parse_yaml(text, str(path))


def line_of(value: object) -> int | None:
    """The line where a parsed mapping or list starts, if known."""
    line = getattr(value, "line", 0)
    return line or None

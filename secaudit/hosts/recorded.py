"""A machine described by a folder: the recorded-host format (docs/recorded-hosts.md).

The format is a contract with other tools, so validation is strict about what the contract
requires and reports every problem as `file:line`.
"""

from __future__ import annotations

import ntpath
import posixpath
from datetime import datetime
from pathlib import Path
from typing import Any

from secaudit.errors import BadInputError, SourceDenied, SourceMissing
from secaudit.hosts.base import PLATFORMS, CommandResult, Host, HostInfo, RegistryValue, UserInfo
from secaudit.model import OSInfo
from secaudit.timeutil import parse_iso
from secaudit.yamlio import line_of, load_yaml_file

PLACEHOLDER = ".keep"  # stands for an otherwise empty folder; invisible to checks


def command_key(argv: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """How recorded commands are matched: argv[0] by base name, case-insensitive, no `.exe`."""
    program = ntpath.basename(posixpath.basename(str(argv[0]))).lower()
    program = program.removesuffix(".exe")
    return (program, *(str(a) for a in argv[1:]))


class RecordedHost(Host):
    """Reads a recorded-host folder exactly as the local host reads the machine."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files = folder / "files"
        meta = self._load_host_yaml()
        self._info: HostInfo = meta[0]
        self._now: datetime = meta[1]
        self._mtimes: dict[str, datetime] = meta[2]
        self._case_insensitive = self._info.platform in ("windows", "macos")
        self._commands = self._load_commands()
        self._registry_names: list[str] = []  # key paths as written, for subkey names
        self._registry = self._load_registry()
        self._wmi = self._load_wmi()

    # -- loading and validation ------------------------------------------------------------

    def _load_host_yaml(self) -> tuple[HostInfo, datetime, dict[str, datetime]]:
        path = self.folder / "host.yaml"
        if not path.is_file():
            raise BadInputError(str(path), "missing: a recorded host needs host.yaml")
        data = load_yaml_file(path)
        if not isinstance(data, dict):
            raise BadInputError(str(path), "must be a mapping (platform, collected_at, ...)")
        platform = data.get("platform")
        if platform not in PLATFORMS:
            raise BadInputError(
                str(path), f"platform is {platform!r}", line=line_of(data), where="platform",
                hint="expected one of: " + ", ".join(PLATFORMS),
            )
        collected = parse_iso(data.get("collected_at"))
        if collected is None:
            raise BadInputError(
                str(path), "collected_at is missing or not an ISO-8601 timestamp",
                line=line_of(data), where="collected_at", hint="e.g. 2026-11-15T10:00:00Z",
            )
        user = data.get("user") or {}
        os_data = data.get("os") or {}
        if not isinstance(user, dict) or not isinstance(os_data, dict):
            raise BadInputError(str(path), "user and os must be mappings", line=line_of(data))
        mtimes: dict[str, datetime] = {}
        for name, value in (data.get("mtimes") or {}).items():
            when = parse_iso(value)
            if when is None:
                raise BadInputError(
                    str(path), f"mtime of {name} is not an ISO-8601 timestamp",
                    line=line_of(data.get("mtimes")), where=f"mtimes[{name!r}]",
                )
            mtimes[self._norm(str(name), platform)] = when
        info = HostInfo(
            platform=platform,
            os=OSInfo(str(os_data.get("name", "")), str(os_data.get("version", "")),
                      str(os_data.get("build", ""))),
            user=UserInfo(str(user.get("name", "")), str(user.get("home", "")),
                          bool(user.get("admin", False))),
            hostname=str(data.get("hostname", "")),
            arch=str(data.get("arch", "")),
        )
        return info, collected, mtimes

    def _load_commands(self) -> dict[tuple[str, ...], CommandResult]:
        path = self.folder / "commands.yaml"
        if not path.is_file():
            return {}
        data = load_yaml_file(path) or []
        if not isinstance(data, list):
            raise BadInputError(str(path), "must be a list of {argv, stdout, stderr, returncode}",
                                line=line_of(data))
        commands: dict[tuple[str, ...], CommandResult] = {}
        for index, entry in enumerate(data):
            where = f"[{index}]"
            if not isinstance(entry, dict):
                raise BadInputError(str(path), "each command must be a mapping",
                                    line=line_of(data), where=where)
            argv = entry.get("argv")
            if not isinstance(argv, list) or not argv or not all(
                isinstance(a, (str, int, float)) for a in argv
            ):
                raise BadInputError(str(path), "argv must be a non-empty list of strings",
                                    line=line_of(entry), where=f"{where}.argv")
            code = entry.get("returncode", 0)
            if not isinstance(code, int) or isinstance(code, bool):
                raise BadInputError(str(path), "returncode must be an integer",
                                    line=line_of(entry), where=f"{where}.returncode")
            key = command_key(argv)
            commands[key] = CommandResult(
                argv=tuple(str(a) for a in argv), returncode=code,
                stdout=str(entry.get("stdout") or ""), stderr=str(entry.get("stderr") or ""),
                timed_out=bool(entry.get("timed_out", False)),
            )
        return commands

    def _load_registry(self) -> dict[str, dict[str, RegistryValue]]:
        path = self.folder / "registry.yaml"
        if not path.is_file():
            return {}
        data = load_yaml_file(path) or {}
        if not isinstance(data, dict):
            raise BadInputError(str(path), "must map key paths to {ValueName: value}")
        registry: dict[str, dict[str, RegistryValue]] = {}
        for key, values in data.items():
            if values is None:
                values = {}
            if not isinstance(values, dict):
                raise BadInputError(str(path), "a key must map to its values (or {})",
                                    line=line_of(data), where=repr(key))
            registry[_registry_norm(str(key)).lower()] = {str(k): v for k, v in values.items()}
            self._registry_names.append(_registry_norm(str(key)))
        return registry

    def _load_wmi(self) -> dict[str, list[dict[str, Any]]]:
        path = self.folder / "wmi.yaml"
        if not path.is_file():
            return {}
        data = load_yaml_file(path) or {}
        if not isinstance(data, dict):
            raise BadInputError(str(path), "must map 'namespace:Class' to a list of instances")
        classes: dict[str, list[dict[str, Any]]] = {}
        for key, instances in data.items():
            if ":" not in str(key):
                raise BadInputError(str(path), f"{key!r} is not 'namespace:Class'",
                                    line=line_of(data))
            if not isinstance(instances, list) or not all(isinstance(i, dict) for i in instances):
                raise BadInputError(str(path), "a class must map to a list of instances",
                                    line=line_of(data), where=repr(key))
            classes[str(key).lower()] = [dict(i) for i in instances]
        return classes

    # -- paths ------------------------------------------------------------------------------

    @staticmethod
    def _norm(path: str, platform: str) -> str:
        """A host path as a relative path under files/: `C:\\Users` -> `C/Users`."""
        if platform == "windows":
            path = path.replace("\\", "/")
            if len(path) >= 2 and path[1] == ":":
                path = path[0].upper() + path[2:]
        return posixpath.normpath(path).lstrip("/")

    def _local(self, path: str) -> Path:
        relative = self._norm(path, self._info.platform)
        exact = self._files / relative
        if exact.exists() or not self._case_insensitive:
            return exact
        return self._find_case_insensitive(relative) or exact

    def _find_case_insensitive(self, relative: str) -> Path | None:
        current = self._files
        for part in relative.split("/"):
            if not current.is_dir():
                return None
            wanted = part.lower()
            match = next((c for c in current.iterdir() if c.name.lower() == wanted), None)
            if match is None:
                return None
            current = match
        return current

    # -- the Host interface -----------------------------------------------------------------

    @property
    def info(self) -> HostInfo:
        return self._info

    def now(self) -> datetime:
        return self._now

    def read_bytes(self, path: str) -> bytes:
        local = self._local(path)
        if not local.is_file() or local.name == PLACEHOLDER:
            raise SourceMissing(path, "no such file")
        try:
            return local.read_bytes()
        except PermissionError:  # pragma: no cover - a recording is readable by design
            raise SourceDenied(path, "permission denied") from None

    def list_dir(self, path: str) -> list[str]:
        local = self._local(path)
        if not local.is_dir():
            raise SourceMissing(path, "no such folder")
        return sorted(p.name for p in local.iterdir() if p.name != PLACEHOLDER)

    def exists(self, path: str) -> bool:
        local = self._local(path)
        return local.exists() and local.name != PLACEHOLDER

    def is_dir(self, path: str) -> bool:
        return self._local(path).is_dir()

    def mtime(self, path: str) -> datetime | None:
        # Only recorded mtimes count: the mirror's own file times are those of the checkout.
        return self._mtimes.get(self._norm(path, self._info.platform))

    def run(self, argv: list[str], timeout: float) -> CommandResult:
        recorded = self._commands.get(command_key(argv))
        if recorded is None:
            return CommandResult(argv=tuple(argv), returncode=127, found=False)
        return recorded

    def registry_values(self, key: str) -> dict[str, RegistryValue] | None:
        values = self._registry.get(_registry_norm(key).lower())
        return None if values is None else dict(values)

    def registry_subkeys(self, key: str) -> list[str]:
        prefix = _registry_norm(key).lower() + "\\"
        names: dict[str, str] = {}
        for written in self._registry_names:
            if written.lower().startswith(prefix):
                name = written[len(prefix):].split("\\", 1)[0]
                names.setdefault(name.lower(), name)
        return sorted(names.values(), key=str.lower)

    def wmi(self, namespace: str, cls: str) -> list[dict[str, Any]] | None:
        instances = self._wmi.get(f"{namespace}:{cls}".lower())
        return None if instances is None else [dict(i) for i in instances]


def _registry_norm(key: str) -> str:
    """A key path with long hive names abbreviated (`HKEY_LOCAL_MACHINE` -> `HKLM`)."""
    key = key.strip().strip("\\")
    for long, short in (("HKEY_LOCAL_MACHINE", "HKLM"), ("HKEY_CURRENT_USER", "HKCU")):
        if key.upper().startswith(long):
            key = short + key[len(long):]
    return key

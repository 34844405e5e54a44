"""This machine, read-only.

Commands run by argv (never a shell), with a time limit, no standard input, and `LC_ALL=C` on
Linux and macOS so their output is in the language the parsers expect. Under sudo, the audited
person is the invoking user (`SUDO_USER`), not root: their home folder and browser profiles.
"""

from __future__ import annotations

import json
import os
import platform as platform_module
import socket
import subprocess
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from secaudit.errors import SourceDenied, SourceMissing
from secaudit.hosts.base import CommandResult, Host, HostInfo, RegistryValue, UserInfo
from secaudit.model import OSInfo
from secaudit.timeutil import now_utc

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import winreg


def current_platform() -> str:
    """This machine's platform in secaudit's words."""
    if sys.platform.startswith("linux"):
        return "linux"
    if sys.platform == "darwin":
        return "macos"
    if sys.platform == "win32":
        return "windows"
    return sys.platform


def _audited_user(platform: str) -> UserInfo:
    """The person whose settings are audited: under sudo, the invoking user."""
    if platform == "windows":
        name = os.environ.get("USERNAME", "")
        home = os.environ.get("USERPROFILE", str(Path.home()))
        return UserInfo(name=name, home=home, admin=_windows_elevated())
    import pwd  # POSIX only

    euid = os.geteuid()
    sudo_user = os.environ.get("SUDO_USER", "")
    if euid == 0 and sudo_user and sudo_user != "root":
        try:
            entry = pwd.getpwnam(sudo_user)
            return UserInfo(name=sudo_user, home=entry.pw_dir, admin=True)
        except KeyError:
            pass
    try:
        entry = pwd.getpwuid(euid)
        return UserInfo(name=entry.pw_name, home=entry.pw_dir, admin=euid == 0)
    except KeyError:
        return UserInfo(name="", home=str(Path.home()), admin=euid == 0)


def _windows_elevated() -> bool:
    if sys.platform != "win32":
        return False
    import ctypes  # pragma: no cover - Windows only

    try:  # pragma: no cover
        return bool(ctypes.windll.shell32.IsUserAnAdmin())
    except (AttributeError, OSError):  # pragma: no cover
        return False


def _os_info(platform: str) -> OSInfo:
    if platform == "linux":
        return OSInfo(name="Linux", version=platform_module.release())
    if platform == "macos":
        return OSInfo(name="macOS", version=platform_module.mac_ver()[0])
    if platform == "windows":
        return OSInfo(name="Windows", version=platform_module.version())
    return OSInfo(name=platform)


class LocalHost(Host):
    """The machine secaudit runs on."""

    def __init__(self) -> None:
        plat = current_platform()
        self._info = HostInfo(
            platform=plat,
            os=_os_info(plat),
            user=_audited_user(plat),
            hostname=socket.gethostname(),
            arch=platform_module.machine(),
        )
        env = dict(os.environ)
        if plat != "windows":
            env.update(LC_ALL="C", LANG="C", LANGUAGE="C")
        self._env = env
        self._wmi_lock = threading.Lock()
        self._wmi_cache: dict[tuple[str, str], list[dict[str, Any]] | None] = {}

    @property
    def info(self) -> HostInfo:
        return self._info

    def now(self) -> datetime:
        return now_utc()

    def read_bytes(self, path: str) -> bytes:
        try:
            with open(path, "rb") as handle:
                return handle.read()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            raise SourceMissing(path, "no such file") from None
        except PermissionError:
            raise SourceDenied(path, "permission denied") from None
        except OSError as exc:  # e.g. EIO on a sysfs attribute
            raise SourceMissing(path, exc.strerror or "cannot be read") from None

    def list_dir(self, path: str) -> list[str]:
        try:
            return sorted(os.listdir(path))
        except (FileNotFoundError, NotADirectoryError):
            raise SourceMissing(path, "no such folder") from None
        except PermissionError:
            raise SourceDenied(path, "permission denied") from None

    def exists(self, path: str) -> bool:
        return os.path.lexists(path)

    def is_dir(self, path: str) -> bool:
        return os.path.isdir(path)

    def mtime(self, path: str) -> datetime | None:
        try:
            return datetime.fromtimestamp(os.stat(path).st_mtime, tz=timezone.utc)
        except OSError:
            return None

    def run(self, argv: list[str], timeout: float) -> CommandResult:
        kwargs: dict[str, Any] = {}
        if sys.platform == "win32":  # pragma: no cover - no console window flashing
            kwargs["creationflags"] = subprocess.CREATE_NO_WINDOW
        try:
            done = subprocess.run(
                argv, capture_output=True, timeout=timeout, env=self._env,
                stdin=subprocess.DEVNULL, check=False, **kwargs,
            )
        except FileNotFoundError:
            return CommandResult(argv=tuple(argv), returncode=127, found=False)
        except PermissionError:
            return CommandResult(argv=tuple(argv), returncode=126, stderr="permission denied")
        except subprocess.TimeoutExpired:
            return CommandResult(argv=tuple(argv), returncode=-9, timed_out=True)
        except OSError as exc:
            return CommandResult(argv=tuple(argv), returncode=126, stderr=str(exc))
        return CommandResult(
            argv=tuple(argv),
            returncode=done.returncode,
            stdout=done.stdout.decode("utf-8", errors="replace"),
            stderr=done.stderr.decode("utf-8", errors="replace"),
        )

    def registry_values(self, key: str) -> dict[str, RegistryValue] | None:
        if sys.platform != "win32":
            return None
        return _read_registry_values(key)  # pragma: no cover - Windows only

    def registry_subkeys(self, key: str) -> list[str]:
        if sys.platform != "win32":
            return []
        return _read_registry_subkeys(key)  # pragma: no cover - Windows only

    def wmi(self, namespace: str, cls: str) -> list[dict[str, Any]] | None:
        if self.platform != "windows":
            return None
        # Each query starts PowerShell (slow): several checks asking for a class share one.
        with self._wmi_lock:
            if (namespace, cls) not in self._wmi_cache:
                self._wmi_cache[(namespace, cls)] = self._query_wmi(namespace, cls)
            return self._wmi_cache[(namespace, cls)]

    def _query_wmi(self, namespace: str, cls: str) -> list[dict[str, Any]] | None:
        script = (
            f"Get-CimInstance -Namespace '{namespace}' -ClassName '{cls}' -ErrorAction Stop"
            " | ConvertTo-Json -Depth 3"
        )
        done = self.run(
            ["powershell", "-NoProfile", "-NonInteractive", "-Command", script], timeout=8
        )
        if not done.ok:
            return None
        return _parse_cim_json(done.stdout)


def _parse_cim_json(text: str) -> list[dict[str, Any]] | None:
    """ConvertTo-Json prints nothing for no instances, an object for one, a list for more."""
    if not text.strip():
        return []
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        return None
    return [{k: v for k, v in item.items() if not k.startswith("Cim")} for item in data
            if isinstance(item, dict)]


if sys.platform == "win32":  # pragma: no cover - Windows only

    _HIVES = {"HKLM": winreg.HKEY_LOCAL_MACHINE, "HKCU": winreg.HKEY_CURRENT_USER,
              "HKEY_LOCAL_MACHINE": winreg.HKEY_LOCAL_MACHINE,
              "HKEY_CURRENT_USER": winreg.HKEY_CURRENT_USER}

    def _open_key(key: str) -> Any:
        hive_name, _, subkey = key.partition("\\")
        hive = _HIVES[hive_name.upper()]
        # 64-bit view, so a 32-bit Python sees the same keys as the OS's own tools.
        return winreg.OpenKey(hive, subkey, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY)

    def _convert(value: Any, kind: int) -> RegistryValue:
        if kind == winreg.REG_BINARY and isinstance(value, bytes):
            return value.hex()
        if kind == winreg.REG_MULTI_SZ:
            return [str(v) for v in value or []]
        if isinstance(value, int):
            return value
        return "" if value is None else str(value)

    def _read_registry_values(key: str) -> dict[str, RegistryValue] | None:
        try:
            handle = _open_key(key)
        except OSError:
            return None
        values: dict[str, RegistryValue] = {}
        with handle:
            index = 0
            while True:
                try:
                    name, value, kind = winreg.EnumValue(handle, index)
                except OSError:
                    break
                values[name] = _convert(value, kind)
                index += 1
        return values

    def _read_registry_subkeys(key: str) -> list[str]:
        try:
            handle = _open_key(key)
        except OSError:
            return []
        names: list[str] = []
        with handle:
            index = 0
            while True:
                try:
                    names.append(winreg.EnumKey(handle, index))
                except OSError:
                    break
                index += 1
        return sorted(names, key=str.lower)

else:

    def _read_registry_values(key: str) -> dict[str, RegistryValue] | None:
        return None

    def _read_registry_subkeys(key: str) -> list[str]:
        return []

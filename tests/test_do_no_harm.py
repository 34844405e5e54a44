"""Do no harm: a real audit of this machine opens no connection and writes only its report.

The audit runs in a child process under a Python audit hook (PEP 578), which sees every socket
operation, file opened for writing, rename, removal and program started by secaudit itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Every program the built-in checks may start. All of them only read; docs/architecture.md
# lists them. A check that starts anything else must be added here, deliberately.
READ_ONLY_PROGRAMS = {
    "apt-config", "apt-get", "dnf", "firewall-cmd", "flatpak", "gsettings", "iptables",
    "lsblk", "nft", "snap", "systemctl", "ufw", "zfs",
    "fdesetup", "softwareupdate", "socketfilterfw", "system_profiler",
    "manage-bde", "netsh", "powershell",
}

HOOKED_RUN = r"""
import json, os, sys
events = []
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
def hook(event, args):
    if event.startswith("socket.") and event not in ("socket.__new__", "socket.gethostname"):
        events.append(["net", event, repr(args)[:120]])
    elif event == "open":
        path, mode, flags = args
        writing = (mode is not None and any(c in mode for c in "wax+")) or (
            mode is None and isinstance(flags, int) and flags & WRITE_FLAGS)
        # An int is an fd already opened by path; the null device is the children's stdin.
        if writing and not isinstance(path, int) and path != os.devnull:
            events.append(["write", str(path)])
    elif event in ("os.rename", "os.replace", "os.remove", "os.unlink", "os.mkdir", "os.rmdir",
                   "os.chmod", "os.truncate", "shutil.rmtree"):
        events.append(["fs", event, str(args[0])])
    elif event == "subprocess.Popen":
        events.append(["exec", os.path.basename(str(args[1][0] if args[1] else args[0]))])
sys.addaudithook(hook)
from secaudit.cli import main
code = main(sys.argv[1:])
sys.stderr.write("\nEVENTS " + json.dumps(events) + "\n")
sys.exit(code)
"""


def _hooked(args: list[str], cwd: Path) -> tuple[int, list[list[str]]]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run([sys.executable, "-c", HOOKED_RUN, *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120, check=False)
    marker = done.stderr.rindex("EVENTS ")
    return done.returncode, json.loads(done.stderr[marker + len("EVENTS "):])


def test_default_run_opens_no_connection_and_starts_only_read_only_programs(
        tmp_path: Path) -> None:
    code, events = _hooked(["run", "--format", "json"], tmp_path)
    assert code in (0, 1)
    assert [e for e in events if e[0] == "net"] == []
    started = {e[1].lower().removesuffix(".exe") for e in events if e[0] == "exec"}
    assert started <= READ_ONLY_PROGRAMS, started - READ_ONLY_PROGRAMS
    assert [e for e in events if e[0] in ("write", "fs")] == []


def test_run_writes_nothing_but_its_output_file(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    target = out / "audit.json"
    code, events = _hooked(["run", "--format", "json", "--output", str(target)], tmp_path)
    assert code in (0, 1)
    touched = {e[-1] for e in events if e[0] in ("write", "fs")}
    assert touched, "the report itself must have been written"
    for path in touched:
        assert Path(path).parent == out, path
        assert Path(path).name == "audit.json" or Path(path).name.startswith(".audit.json."), path
    assert [p.name for p in out.iterdir()] == ["audit.json"]
    assert json.loads(target.read_text())["tool"]["name"] == "secaudit"

"""Print secaudit's speed and memory figures (targets: audit < 1 s, --version < 150 ms, < 60 MB).

Run with the installed secaudit: `python benchmarks/bench_audit.py [--runs N]`. It times, as a
user would start them: a full audit of this machine, a full audit of a large generated recorded
host (many browser profiles, extensions and applications), and `secaudit --version`; then the
peak memory (max RSS) of the secaudit process during a full audit of this machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE_HOST = ROOT / "tests" / "hosts" / "linux" / "ubuntu-2404-luks-lvm-ufw"
SCRIPT = str(Path(sys.executable).parent / "secaudit")


def median_ms(argv: list[str], runs: int) -> float:
    """Median wall time of a command, in milliseconds (one warm-up run first)."""
    subprocess.run(argv, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=False)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def large_host(folder: Path, profiles: int = 30, extensions: int = 40, apps: int = 600) -> Path:
    """A recorded host with many browser profiles, extensions and installed applications."""
    host = folder / "large-host"
    shutil.copytree(BASE_HOST, host)
    home = host / "files" / "home" / "alice"
    chrome = home / ".config" / "google-chrome"
    for index in range(profiles):
        profile = chrome / ("Default" if index == 0 else f"Profile {index}")
        settings = {}
        for number in range(extensions):
            ident = f"{index:02d}{number:02d}".ljust(32, "a")
            settings[ident] = {"location": 1, "state": 1, "from_webstore": True,
                               "active_permissions": {"explicit_host": ["https://example.org/*"]},
                               "manifest": {"name": f"Extension {number}", "version": "1.0"}}
        profile.mkdir(parents=True, exist_ok=True)
        (profile / "Preferences").write_text(json.dumps(
            {"extensions": {"settings": settings}, "safebrowsing": {"enabled": True}}))
    applications = host / "files" / "usr" / "share" / "applications"
    applications.mkdir(parents=True, exist_ok=True)
    for number in range(apps):
        (applications / f"app-{number}.desktop").write_text("[Desktop Entry]\nName=App\n")
    return host


def catalogue_ms() -> float:
    """Time to read the largest catalogue (.po text to gettext lookups), in-process."""
    from secaudit.l10n import catalogue_path, read_catalogue
    from secaudit.po import translations_from_po

    text = read_catalogue("ar") or ""
    times = []
    for _ in range(50):
        start = time.perf_counter()
        translations_from_po(text, catalogue_path("ar"))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def peak_memory_mb() -> float:
    """Max RSS of a Python process running a full audit of this machine."""
    code = ("import resource, sys; from secaudit.cli import main; main(['run', '--format', "
            "'json']); r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; "
            "sys.stderr.write(f'RSS {r}\\n')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    kilobytes = int(done.stderr.rsplit("RSS ", 1)[1].split()[0])
    return kilobytes / (1024 * 1024 if sys.platform == "darwin" else 1024)


def slowest_check() -> str:
    """The check that took longest in one full audit of this machine, with its time."""
    done = subprocess.run([SCRIPT, "run", "--format", "json"], capture_output=True, text=True,
                          check=False)
    results = json.loads(done.stdout)["results"]
    worst = max(results, key=lambda r: r["duration_ms"])
    return f"{worst['check']} ({worst['duration_ms']} ms)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        host = large_host(Path(folder))
        figures = {
            "full audit of this machine (ms, median)": median_ms(
                [SCRIPT, "run", "--format", "json"], args.runs),
            "full audit of a large recorded host (ms, median)": median_ms(
                [SCRIPT, "run", "--format", "json", "--host", str(host)], args.runs),
            "the same in Arabic, --lang ar (ms, median)": median_ms(
                [SCRIPT, "run", "--format", "json", "--host", str(host), "--lang", "ar"],
                args.runs),
            "reading the Arabic catalogue (ms, median of 50)": catalogue_ms(),
            "secaudit --version (ms, median)": median_ms([SCRIPT, "--version"], args.runs * 2),
            "full audit of this machine without os-updates (ms, median)": median_ms(
                [SCRIPT, "run", "--format", "json", "--skip", "os-updates"], args.runs),
            "peak memory of a full audit (MB)": peak_memory_mb(),
        }
    for name, value in figures.items():
        print(f"{name:60} {value:8.1f}")
    print(f"{'slowest check in a full audit of this machine':60} {slowest_check()}")


if __name__ == "__main__":
    main()

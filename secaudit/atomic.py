"""Writing reports safely: all or nothing, readable by the owner only.

The text goes to a temporary file beside the target (created 0600), is flushed to disk, then
renamed over the target. A crash at any point leaves either the old file or the new one,
never half a report, and never a report others on the machine can read.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_private_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` atomically with owner-only permissions."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise

"""One build at a time in a portal's folder.

Two builds at once would write the same staging folder (.cache/docs), the same workers' folders
and the same site/: each would find the other's half-written files. A build holds an operating
system lock on .cache/build.lock (filelock: flock on Linux and macOS, LockFileEx on Windows),
which the system releases when the process ends, however it ends: a killed build never leaves a
stale lock. Beside it, .cache/build.json says who holds it, so that the build that has to wait
can name the other one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import filelock

LOCK = Path(".cache") / "build.lock"
HOLDER = Path(".cache") / "build.json"


class BuildLocked(Exception):
    """Another build holds the lock: the message names it."""


class BuildLock:
    def __init__(self, root: Path, command: str):
        self.root = root
        self.command = command
        self._lock: filelock.BaseFileLock | None = None

    @property
    def held(self) -> bool:
        return self._lock is not None and self._lock.is_locked

    def acquire(self, wait: float = 0) -> None:
        """Take the lock, waiting up to `wait` seconds; BuildLocked when another build keeps it."""
        if self.held:
            return
        (self.root / LOCK).parent.mkdir(parents=True, exist_ok=True)
        lock = filelock.FileLock(self.root / LOCK, thread_local=False)
        try:
            lock.acquire(timeout=wait)
        except filelock.Timeout:
            raise BuildLocked(f"another build is running in this folder ({self._holder()}); "
                              "wait for it to finish, or stop it") from None
        self._lock = lock
        started = dt.datetime.now().astimezone().strftime("%H:%M:%S")
        (self.root / HOLDER).write_text(json.dumps({"command": self.command, "pid": os.getpid(), "since": started}),
                                        encoding="utf-8")

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release(force=True)
            self._lock = None

    def __enter__(self) -> BuildLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()

    def _holder(self) -> str:
        try:
            holder = json.loads((self.root / HOLDER).read_text(encoding="utf-8"))
            return f"{holder['command']}, pid {holder['pid']}, since {holder['since']}"
        except (OSError, ValueError, KeyError, TypeError):
            return "it has not said which"

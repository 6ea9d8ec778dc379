"""Put a newly built site in place of site/: no moment without a site/, no leftovers beside it.

Two renames (site -> site.old, new -> site) leave a moment with no site/ at all, when a web server
reading the folder answers 404. On Linux, renameat2(RENAME_EXCHANGE) swaps the two folders in
one step; elsewhere (or on a file system without it) the two renames remain. The previous site
then lies where the new one was built, and is removed. A file the system will not let us remove
(an immutable file, a folder without write permission) is said in a warning, and the rest of it
is moved under .cache/leftovers/ so that nothing stays next to site/; the next build tries again.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import threading
import time
from pathlib import Path

LEFTOVERS = Path(".cache") / "leftovers"
AT_FDCWD = -100
RENAME_EXCHANGE = 2


def replace_site(site: Path, new: Path, root: Path) -> list[str]:
    """Make `new` the folder `site`; the warnings to show (what could not be removed)."""
    if not site.exists():
        shutil.move(str(new), site)
        return []
    if new.stat().st_dev != site.stat().st_dev:
        # On another file system (site_dir elsewhere) no rename reaches site/: copy the new site
        # beside it first, so that the swap itself is still one step.
        beside = site.with_name(f".{site.name}.new-{os.getpid()}")
        shutil.rmtree(beside, ignore_errors=True)
        shutil.copytree(new, beside, symlinks=True)
        shutil.rmtree(new, ignore_errors=True)
        new = beside
    if not exchange(new, site):
        old = site.with_name(site.name + ".old")
        _remove(old, [])
        site.rename(old)
        shutil.move(str(new), site)
        new = old
    return _remove(new, [], root / LEFTOVERS, shown_as=site.name)


class _Dropped(Exception):
    pass


class SiteCopy:
    """A copy of the site made in a thread, with its files' times, while the generation runs: an
    incremental build starts from it (build/incremental.py). Whether one will is known only after
    the generation, so it can be dropped midway (`drop`)."""

    def __init__(self, site: Path, copy: Path):
        self.copy = copy
        self._stop = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(site,), daemon=True)
        self._thread.start()

    def result(self) -> Path:
        """The copy, once made; the copy's error if it failed."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self.copy

    def drop(self) -> None:
        self._stop.set()
        self._thread.join()
        shutil.rmtree(self.copy, ignore_errors=True)

    def _run(self, site: Path) -> None:
        try:
            shutil.copytree(site, self.copy, symlinks=True, copy_function=self._copy_file)
        except _Dropped:
            pass
        except BaseException as error:  # given to the build by result()
            self._error = error

    def _copy_file(self, source: str, target: str) -> str:
        if self._stop.is_set():
            raise _Dropped
        return shutil.copy2(source, target)


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step; False where the system cannot (then nothing was done)."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EXDEV):  # not supported here: two renames instead
        return False
    raise OSError(code, os.strerror(code), str(second), None, str(first))


def clean_leftovers(root: Path) -> None:
    """What earlier builds could not remove, removed now if the system allows it."""
    _remove(root / LEFTOVERS, [])


def _remove(folder: Path, failures: list[str], leftovers: Path | None = None, shown_as: str = "") -> list[str]:
    if not folder.exists():
        return []

    def failed(_function, path, error_info) -> None:
        failures.append(f"{shown_as}/{Path(path).relative_to(folder).as_posix()}" if shown_as else str(path))
        failures.append(str(error_info[1].strerror if isinstance(error_info[1], OSError) else error_info[1]))

    shutil.rmtree(folder, onerror=failed)
    if not failures or leftovers is None:
        return []
    leftovers.mkdir(parents=True, exist_ok=True)
    kept = leftovers / f"{shown_as or folder.name}-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    folder.rename(kept)
    first, reason = failures[0], failures[1]
    return [f"The previous site could not be removed entirely: {first} ({reason}). What is left of it was moved to "
            f"{kept.relative_to(leftovers.parent.parent).as_posix()}/; remove it by hand (an immutable file: chattr -i)."]

"""Whether input files changed, told by their paths, sizes and modification times (never their
bytes: reading every file would cost what the keys are there to save). The keys that let a
build, a generation or a preview skip work are made of them: incremental.py, generation.Reuse,
the hook's `mkdocs serve`, backends/mkdocs/preview.py."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def stamp(files: Iterable[Path], salt: str = "") -> str:
    """Changes when one of `files` is added, removed or saved, or when `salt` changes; what is
    not a file (a folder, a missing path) counts for nothing."""
    digest = hashlib.sha256(salt.encode())
    for file in files:
        if file.is_file():
            stat = file.stat()
            digest.update(f"{file}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def files_under(*folders: Path, pattern: str = "*") -> list[Path]:
    """Every path under these folders matching `pattern`, in a stable order; a missing folder has none."""
    return [path for folder in folders if folder.is_dir() for path in sorted(folder.rglob(pattern))]

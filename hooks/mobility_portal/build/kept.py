"""Objects kept in .cache/ from one build to the next (generation.Reuse, static-i18n's file
lists): written whole or not at all, so that a build stopped midway leaves the last good one;
read back as None when missing, cut short, or written by another version of the code (the
caller then works it out again)."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any


def keep(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")  # two processes saving the same file never mix their bytes
    with open(temporary, "wb") as stream:
        pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.replace(path)


def kept(path: Path) -> Any | None:
    try:
        with open(path, "rb") as stream:
            return pickle.load(stream)
    except Exception:  # missing, cut short, or of classes that changed since: nothing kept
        return None

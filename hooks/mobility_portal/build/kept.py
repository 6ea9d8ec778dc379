"""Objects kept in .cache/ from one build to the next (generation.Reuse, static-i18n's file
lists): written whole or not at all, so that a build stopped midway leaves the last good one;
read back as None when missing, cut short, written by another version of the code, or kept
under another key (the caller then works it out again). The key is what the value was made
from: the code that made it, or a digest of its inputs."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any


def keep(path: Path, value: Any, key: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")  # two processes saving the same file never mix their bytes
    with open(temporary, "wb") as stream:
        pickle.dump((key, value), stream, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.replace(path)


def kept(path: Path, key: str) -> Any | None:
    try:
        with open(path, "rb") as stream:
            found = pickle.load(stream)
    except Exception:  # missing, cut short, or of classes that changed since: nothing kept
        return None
    return found[1] if isinstance(found, tuple) and len(found) == 2 and found[0] == key else None

"""Errors for the person editing YAML: file, line, key path, what was expected, what was found, a hint.

They are collected, never raised one by one: a build reports every error of every project at
once, then stops.
"""

from __future__ import annotations

import difflib
import errno
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

KeyPath = tuple[str | int, ...]
"""A path into the YAML data: mapping keys and list indices (0-based), like pydantic's `loc`."""


@dataclass(frozen=True, order=True)
class ProjectError:
    file: str
    line: int
    path: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        lines = [f"{where}: {self.path}" if self.path else where, f"    {self.message}"]
        if self.hint:
            lines.append(f"    hint: {self.hint}")
        return "\n".join(lines)


class ProjectErrors(Exception):
    """Raised once, with every error found, when the projects cannot be built."""

    def __init__(self, errors: Sequence[ProjectError]):
        self.errors = sorted(errors)
        super().__init__(format_errors(self.errors))

    def __reduce__(self):  # raised in a worker process, it travels to the parent whole
        return (ProjectErrors, (self.errors,))


def format_errors(errors: Sequence[ProjectError]) -> str:
    files = len({error.file for error in errors})
    noun = "error" if len(errors) == 1 else "errors"
    where = "1 file" if files == 1 else f"{files} files"
    body = "\n\n".join(str(error) for error in errors)
    return f"{len(errors)} {noun} in {where}:\n\n{body}\n"


def did_you_mean(found: Any, choices: Iterable[str]) -> str:
    """A hint naming the closest choice to a typo, or '' when nothing is close."""
    if not isinstance(found, str):
        return ""
    close = difflib.get_close_matches(found, list(choices), n=1, cutoff=0.6)
    if not close:
        # Case slips ("ES" for "es") are common and difflib scores them low.
        close = [choice for choice in choices if choice.lower() == found.lower()]
    return f"did you mean {close[0]!r}?" if close else ""


def describe_path(path: KeyPath, data: Any) -> str:
    """('partners', 2, 'contacts', 0, 'email') -> 'partners[id=lycee-lyon].contacts[1].email'.

    List items are named by their id when they have one, else by their position counted from 1,
    as a person counts them in the file.
    """
    text = ""
    node = data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            item_id = item.get("id") if isinstance(item, dict) else None
            text += f"[id={item_id}]" if isinstance(item_id, str) else f"[{part + 1}]"
            node = item
        else:
            text += f".{part}" if text else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return text


def found(value: Any) -> str:
    """How a wrong value is shown after 'found': short, typed, never the whole mapping."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# What a person can do about the operating system's refusals that a build meets.
OS_ERROR_HINTS = {
    errno.EACCES: "check who may write there",
    errno.EPERM: "check the folder's permissions and attributes (lsattr: an immutable file or folder)",
    errno.EROFS: "the disk is read-only",
    errno.ENOSPC: "free some disk space",
    errno.EDQUOT: "free some space: your disk quota is full",
    errno.EFBIG: "a limit on file sizes is set for this session (ulimit -f)",
    errno.ENOENT: "a folder was removed while the build ran (.cache/ or site/?): build again",
}


def os_error_line(error: OSError) -> str:
    """An operating system error in one line: what, on which path, what to do. No traceback."""
    paths = " -> ".join(str(name) for name in (error.filename, error.filename2) if name)
    reason = error.strerror or str(error)
    hint = OS_ERROR_HINTS.get(error.errno or 0)
    return f"{reason}" + (f": {paths}" if paths else "") + (f" ({hint})" if hint else "")

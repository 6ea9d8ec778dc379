"""Write the docs tree MkDocs builds from, touching only files whose bytes changed.

Unchanged files keep their modification time, so MkDocs (and a watching browser) sees no change
where there is none; files that are no longer generated are removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StagingReport:
    written: int
    removed: int
    unchanged: int


def stage(files: dict[str, bytes], staging_dir: Path) -> StagingReport:
    """Make `staging_dir` hold exactly `files` (relative POSIX path -> bytes)."""
    staging_dir.mkdir(parents=True, exist_ok=True)
    written = unchanged = removed = 0
    for relative, content in files.items():
        target = staging_dir / relative
        if target.is_file() and target.read_bytes() == content:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written += 1
    wanted = set(files)
    for existing in sorted(staging_dir.rglob("*"), reverse=True):
        relative = existing.relative_to(staging_dir).as_posix()
        if existing.is_file() and relative not in wanted:
            existing.unlink()
            removed += 1
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return StagingReport(written, removed, unchanged)

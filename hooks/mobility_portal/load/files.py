"""The files a project refers to (partner logos, gallery photos, the application form, survey
exports): checked like project.yml is, and the copies of them that reach site/ and the PDFs.

They come from partners and cameras, not from us. Each must lie inside its project folder,
outside private/ (learners' personal data) and outside what .gitignore leaves out (private or
local files, and a fresh clone would not have them). What is published is never the file as it
came: an image must decode and is published as a copy we make (load/images.py: raster images
re-encoded without their metadata, SVG without anything that runs or loads).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

import pathspec

from ..errors import KeyPath, ProjectError, did_you_mean
from ..model.fields import points_outside
from .images import Image, ImageError, prepare_image
from .references import values_at
from .yaml_source import YamlSource

PRIVATE = "private"  # projects/<slug>/private/: personal data, never read by the site build
FILE_HINT = "put the file in the project folder: images/ for pictures, files/ for documents"

# A form or a document to download: what schools hand out, each told by its first bytes.
DOCUMENT_TYPES = {
    ".pdf": ("a PDF", b"%PDF-"), ".docx": ("a Word document", b"PK\x03\x04"), ".xlsx": ("an Excel workbook", b"PK\x03\x04"),
    ".odt": ("an OpenDocument text", b"PK\x03\x04"), ".ods": ("an OpenDocument spreadsheet", b"PK\x03\x04"),
    ".doc": ("a Word 97 document", b"\xd0\xcf\x11\xe0"), ".xls": ("an Excel 97 workbook", b"\xd0\xcf\x11\xe0"),
}
# A scanned, several-page application form is 2 to 5 MB: 20 MB leaves room and keeps the site
# quick to download and to deploy (GitHub Pages warns from 50 MB a file).
MAX_DOCUMENT_BYTES = 20_000_000
# The largest survey export we met (500 answers, 40 columns) is under 1 MB.
MAX_DATA_BYTES = 20_000_000


@dataclass(frozen=True)
class FileReference:
    pattern: KeyPath  # where it stands in project.yml; '*' for every item of a list
    kind: Literal["image", "document", "data"]
    published: bool  # copied to site/ (logos, photos, forms), or only read (survey exports)


FILE_REFERENCES = (
    FileReference(("partners", "*", "logo"), "image", published=True),
    FileReference(("funders", "*", "logo"), "image", published=True),
    FileReference(("cover", "file"), "image", published=True),
    FileReference(("dissemination", "gallery", "*", "file"), "image", published=True),
    FileReference(("call", "application", "form"), "document", published=True),
    FileReference(("surveys", "*", "file"), "data", published=False),
    FileReference(("documents", "*", "file"), "document", published=True),
    FileReference(("documents", "*", "files", "*"), "document", published=True),
    FileReference(("news", "*", "picture", "file"), "image", published=True),
    FileReference(("news", "*", "attachments", "*", "file"), "document", published=True),
)


@dataclass(frozen=True)
class PublishedFile:
    """A file of the project as the site and the PDFs get it."""

    web: bytes  # the copy in site/
    printed: bytes | None  # what PDFs embed (images only): a larger copy
    media_type: str


def check_files(source: YamlSource, folder: Path, root: Path,
                cache: Path | None = None) -> tuple[dict[str, PublishedFile], list[ProjectError], list[str]]:
    """Every file reference of a project.yml checked: the published files by their path in the
    project folder, the errors, and warnings (what was taken out of an SVG). `cache` keeps the
    copies of raster images between builds."""
    published: dict[str, PublishedFile] = {}
    errors: list[ProjectError] = []
    warnings: list[str] = []
    ignored = _ignored_by_git(root, folder)
    for reference in FILE_REFERENCES:
        for path, value in values_at(source.data, reference.pattern):
            if not isinstance(value, str) or points_outside(value):
                continue  # the model reports what is not a path inside the folder
            problem = _place_problem(value, folder, ignored)
            if problem:
                errors.append(source.error(path, *problem))
                continue
            shown = f"projects/{folder.name}/{value}"
            file = folder / value
            size = file.stat().st_size
            if reference.kind == "image":
                if value in published:
                    continue
                try:
                    image: Image = prepare_image(file.read_bytes(), value, cache)
                except ImageError as error:
                    errors.append(source.error(path, f"expected {error.expected}, found {error.found}", error.hint))
                    continue
                published[value] = PublishedFile(image.web, image.printed, image.media_type)
                if image.removed:
                    warnings.append(f"{shown}: taken out of the published copy, as an image may not run or load anything: "
                                    f"{image.removed}. Ask whoever sent it why it was there.")
            elif reference.kind == "document":
                if value in published:
                    continue
                problem = _document_problem(file, value, size)
                if problem:
                    errors.append(source.error(path, *problem))
                else:
                    published[value] = PublishedFile(file.read_bytes(), None, DOCUMENT_TYPES[file.suffix.lower()][0])
            elif size > MAX_DATA_BYTES:
                errors.append(source.error(path, f"expected a file under {MAX_DATA_BYTES // 1_000_000} MB, found "
                                                 f"{size / 1_000_000:.1f} MB", "export only the columns the project maps"))
    return published, errors, warnings


def _place_problem(value: str, folder: Path, ignored: Callable[[str], bool]) -> tuple[str, str] | None:
    """Why a path may not be used, or None: outside the folder, private, ignored by git, missing."""
    root = folder.resolve()
    target = (folder / value).resolve()
    if not target.is_relative_to(root):
        return f"expected a file inside the project folder, found {value!r}", FILE_HINT
    inside = target.relative_to(root)
    if inside.parts[:1] == (PRIVATE,) or PurePosixPath(value).parts[:1] == (PRIVATE,):
        return (f"expected a file outside private/, found {value!r}: private/ holds the learners' personal data "
                "and nothing in it is ever published", FILE_HINT)
    if ignored(value):
        return (f"expected a file that git keeps, found {value!r}, which .gitignore leaves out "
                "(private or local files: a fresh clone would not have it either)", FILE_HINT)
    if not target.is_file():
        nearby = [file.relative_to(root).as_posix() for file in _public_files(root)]
        return (f"expected a file at projects/{folder.name}/{value}, found none",
                did_you_mean(value, nearby) or FILE_HINT)
    return None


def _document_problem(file: Path, value: str, size: int) -> tuple[str, str] | None:
    kind = DOCUMENT_TYPES.get(file.suffix.lower())
    if kind is None:
        names = ", ".join(DOCUMENT_TYPES)
        return f"expected a document ({names}), found {value!r}", "save it as PDF: everyone can open and print it"
    if size > MAX_DOCUMENT_BYTES:
        return (f"expected a document under {MAX_DOCUMENT_BYTES // 1_000_000} MB, found {size / 1_000_000:.1f} MB",
                "save it again with smaller images (a PDF's 'reduce size' option)")
    what, magic = kind
    with open(file, "rb") as opened:
        start = opened.read(len(magic))
    if start != magic or (magic == b"PK\x03\x04" and not zipfile.is_zipfile(file)):
        return f"expected {what}, as the name {value!r} says, found other content", "save or export it again from its program"
    return None


def _ignored_by_git(root: Path, folder: Path) -> Callable[[str], bool]:
    """Whether git leaves out a path of the project folder: each .gitignore from the portal's
    folder down to the file's own is read against the path relative to that .gitignore's folder,
    as git reads it (a negation in a deeper file does not undo an ignore: ignored it stays)."""
    specs: dict[Path, pathspec.GitIgnoreSpec | None] = {}

    def spec_of(directory: Path) -> pathspec.GitIgnoreSpec | None:
        if directory not in specs:
            file = directory / ".gitignore"
            specs[directory] = (pathspec.GitIgnoreSpec.from_lines(file.read_text(encoding="utf-8", errors="replace").splitlines())
                                if file.is_file() else None)
        return specs[directory]

    def ignored(value: str) -> bool:
        target = folder / value
        top = root if target.is_relative_to(root) else folder
        for directory in [top, *(top / parent for parent in reversed(target.relative_to(top).parents[:-1]))]:
            spec = spec_of(directory)
            if spec is not None and spec.match_file(target.relative_to(directory).as_posix()):
                return True
        return False

    return ignored


def _public_files(root: Path) -> Iterator[Path]:
    """Files of a project folder that may be suggested: never those under private/."""
    for file in root.rglob("*"):
        if file.is_file() and file.relative_to(root).parts[:1] != (PRIVATE,):
            yield file

"""The leak guard: no participant's name, e-mail or date of birth in any file of site/.

Every file is read, whatever its type or name: pages, search index, sitemap, feeds, calendars,
scripts, SVG, the text and metadata of PDFs and images, the members of zip files (DOCX, XLSX)
and of gzip files, and the files' own names. A name is matched as people really write it, not
as participants.yml spells it: with or without accents (NFD or NFC), in any case, ß as ss, ø as
o, Jörg as Joerg, surname first, middle names left out, with markup or an entity in between
("<strong>Tim</strong> Berger", "Zo&eacute;"). Dates of birth in ISO and numeric forms and as
every site language writes them (Babel). A file that cannot be read (a broken PDF, a zip bomb)
is reported too: what cannot be read cannot be shown to be safe. A false alarm costs a rename; a
leak cannot be undone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gzip
import html
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import unquote

from anyascii import anyascii
from babel.dates import get_month_names
from pypdf.errors import PyPdfError

from ..model.participants import Participant

MAX_UNPACKED = 200_000_000  # bytes read out of one compressed file: a zip bomb stops here, loudly

UNREADABLE = (ValueError, OSError, EOFError, zipfile.BadZipFile, PyPdfError)

# Letters Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "ð": "d", "ı": "i", "ħ": "h"})
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_TAGS = re.compile(r"<[^<>]{0,2000}>")
_ESCAPES = re.compile(r"\\u([0-9a-fA-F]{4})")
_WORDS = re.compile(r"[^\W_]+")
_NOT_LATIN = re.compile(r"[^\x20-\x7e\u00a0-\u024f\u0370-\u03ff\u0400-\u04ff]+")  # Latin, Greek, Cyrillic
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
# Between the words of a name: a space, a hyphen, a comma, an apostrophe, a line break.
_BETWEEN = r"[\W_]{1,3}"


@dataclass(frozen=True)
class Leak:
    file: str
    what: str  # "a participant's name (slug)", "... e-mail ...", "... date of birth ...", or why it cannot be read
    unreadable: bool = False


@dataclass(frozen=True)
class Marker:
    pattern: re.Pattern
    needs: tuple[str, ...]  # words the folded text must hold before the pattern is tried (fast)
    what: str


def fold(text: str) -> str:
    """Text as compared: compatibility forms (NFKC), case folded (ß -> ss), accents dropped."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return _MARKS.sub("", text).translate(_LETTERS)


def markers(participants: Iterable[tuple[str, Participant]], languages: Iterable[str]) -> list[Marker]:
    """What would identify each participant, as patterns over folded text."""
    languages = list(languages)
    found = []
    for slug, person in participants:
        for words in _name_forms(person.name):
            pattern = r"(?<![^\W_])" + _BETWEEN.join(map(re.escape, words)) + r"(?![^\W_])"
            found.append(Marker(re.compile(pattern), tuple(words), f"a participant's name ({slug})"))
        if person.email:
            email = fold(person.email)
            found.append(Marker(re.compile(re.escape(email)), (), f"a participant's e-mail ({slug})"))
        if person.date_of_birth:
            found.append(Marker(re.compile(_date_pattern(person.date_of_birth, languages)), (str(person.date_of_birth.year),),
                                f"a participant's date of birth ({slug})"))
    return found


def _name_forms(name: str) -> set[tuple[str, ...]]:
    """The words of a name in the orders and spellings people write it."""
    forms: set[tuple[str, ...]] = set()
    for spelling in {name, name.translate(_UMLAUTS), anyascii(name)}:
        words = _WORDS.findall(fold(spelling))
        if not words:
            continue
        shapes = {tuple(words)}
        if len(words) >= 3:  # José Antonio Álvarez García: José Álvarez, José García, José Antonio
            shapes |= {(words[0], words[-1]), (words[0], words[1]), (words[0], words[-2])}
        for shape in shapes:
            forms |= {shape, shape[::-1]}  # GARNIER Zoé, as French lists write it
    # Joerg written Jörg: the folded text has "jorg"
    forms |= {tuple(re.sub(r"([aou])e", r"\1", word) for word in form) for form in forms}
    return forms


def _date_pattern(day: dt.date, languages: list[str]) -> str:
    """A date in the orders and words people write it: 2010-04-05, 05/04/2010, 4.5.2010,
    5 April 2010, April 5th, 2010, 5. April 2010, 5 de abril de 2010, 5 avr. 2010, in every site
    language's month names (Babel), over folded text."""
    months = {f"{day.month:02d}", str(day.month)}
    for lang in languages:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                months.add(fold(get_month_names(width, context, locale=lang)[day.month]).rstrip("."))
    d = f"0?{day.day}" if day.day < 10 else str(day.day)
    m = "(?:" + "|".join(sorted(map(re.escape, months), key=len, reverse=True)) + r")\.?"
    y = str(day.year)
    sep = r"(?:[\s./,-]{1,3}(?:de|del|d')?[\s]*)"  # 5 de abril de 2010, 5. April, April 5,
    suffix = r"(?:\.|er|st|nd|rd|th|º)?"
    orders = (f"{d}{suffix}{sep}{m}{sep}{y}", f"{m}{sep}{d}{suffix}{sep}{y}", f"{y}{sep}{m}{sep}{d}")
    return r"(?<![\w.])(?:" + "|".join(orders) + r")(?!\w)"


def scan_site(site_dir: Path, participants: list[tuple[str, Participant]], languages: Iterable[str],
              paths: Iterable[Path] | None = None) -> list[Leak]:
    """Every file of a built site/ (or those of `paths` in it) that names a participant, whatever its type."""
    chosen = sorted(site_dir.rglob("*")) if paths is None else paths
    files = ((path.relative_to(site_dir).as_posix(), path.read_bytes) for path in chosen if path.is_file())
    return scan(files, participants, languages)


def scan_files(files: dict[str, bytes], participants: list[tuple[str, Participant]], languages: Iterable[str]) -> list[Leak]:
    """The same, over generated files before any build (`mobility-portal check`)."""
    return scan(((name, functools.partial(bytes, content)) for name, content in sorted(files.items())), participants, languages)


def scan(files: Iterable[tuple[str, Callable[[], bytes]]], participants: list[tuple[str, Participant]],
         languages: Iterable[str]) -> list[Leak]:
    found = markers(participants, languages)
    if not found:
        return []
    leaks = []
    for name, read in files:
        try:
            texts = [fold(text) for text in [name, *readable(name, read())]]
        except UNREADABLE as error:  # what cannot be read cannot be shown to be safe
            leaks.append(Leak(name, f"a file that cannot be checked ({str(error)[:200] or type(error).__name__})", unreadable=True))
            continue
        words = set().union(*(_WORDS.findall(text) for text in texts))
        joined = "\n".join(texts)
        for marker in found:
            if all(word in words for word in marker.needs) and marker.pattern.search(joined):
                leaks.append(Leak(name, marker.what))
    return sorted(set(leaks), key=lambda leak: (leak.file, leak.what))


def readable(name: str, data: bytes) -> Iterator[str]:
    """Every text a reader, a search engine or a program could get out of a file."""
    if data.startswith(b"%PDF-"):
        yield from _pdf_texts(data)
    elif data.startswith(b"\x1f\x8b"):
        yield from readable(name.removesuffix(".gz"), _unpacked(gzip.GzipFile(fileobj=io.BytesIO(data)), name))
    elif data.startswith(b"PK\x03\x04") and zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.infolist():
                yield member.filename
                with archive.open(member) as opened:
                    yield from readable(member.filename, _unpacked(opened, f"{name}/{member.filename}"))
    else:
        try:
            yield from _text_forms(data.decode("utf-8"))
        except UnicodeDecodeError:
            yield from _binary_texts(data)


def _text_forms(text: str) -> Iterator[str]:
    """A text as written, as a reader sees it (entities and \\u escapes resolved, markup out)
    and as addresses carry it (%C3%A9)."""
    shown = _ESCAPES.sub(lambda match: chr(int(match.group(1), 16)), html.unescape(text))
    if shown.lstrip().startswith(("{", "[")):
        with contextlib.suppress(ValueError):
            shown = json.dumps(json.loads(shown), ensure_ascii=False)
    yield shown
    # Markup out, twice (the search index holds escaped markup): taken out, it may have stood
    # inside a word ("Ti<em>m</em>") or between two ("Tim</td><td>Berger").
    yield html.unescape(_TAGS.sub("", shown))
    yield html.unescape(_TAGS.sub(" ", shown))
    if "%" in shown:
        yield unquote(shown)


def _pdf_texts(data: bytes) -> Iterator[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        yield page.extract_text() or ""
    if reader.metadata:
        yield " ".join(str(value) for value in reader.metadata.values())


def _binary_texts(data: bytes) -> Iterator[str]:
    """The strings inside a binary file (an image's comment or EXIF, a font's name table), in
    the encodings such strings use: UTF-8, Latin-1, and UTF-16 (Windows' EXIF author)."""
    for text in (data.decode("utf-8", errors="ignore"), data.decode("latin-1"),
                 data.decode("utf-16-le", errors="ignore"), data[1:].decode("utf-16-le", errors="ignore")):
        yield _NOT_LATIN.sub(" ", text)  # bytes read as CJK letters would glue onto a name


def _unpacked(opened: IO[bytes] | gzip.GzipFile, name: str) -> bytes:
    content = opened.read(MAX_UNPACKED + 1)
    if len(content) > MAX_UNPACKED:
        raise ValueError(f"{name}: unpacks to more than {MAX_UNPACKED // 1_000_000} MB, so it cannot be checked")
    return content

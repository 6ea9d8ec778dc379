"""Turn the model into Markdown pages with the Jinja2 templates of theme/pages/.

User text is data: templates autoescape HTML, and `t` escapes what would break a Markdown table.
A text read in a language other than the page's is wrapped with its real `lang`, and marked as
untranslated when the project offers the page's language but lacks this text in it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import FunctionType
from typing import Any

import jinja2
from babel.lists import format_list
from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from jinja2.runtime import Context
from markupsafe import Markup, escape

from ..errors import ProjectError, ProjectErrors
from ..languages.codes import country_name, language_name, own_language_name
from ..languages.labels import Labels, number
from ..languages.typography import colon, quoted
from ..model.text import Text, Translation
from .addresses import page_url
from .formats import css_string, date_interval, decimal, listing, long_date, percent
from .prose import prose_html

# Project texts are plain text, on every page as in the feed and the PDFs: what Markdown would read
# as a table cell, a link, an image, emphasis, code, an escape or attributes is written as an
# entity, which Markdown leaves alone and a browser shows as the character typed.
PLAIN_TEXT = str.maketrans({char: f"&#{ord(char)};" for char in "|[]*_`~\\{}"})


@dataclass(frozen=True)
class PageLanguage:
    """The language a page is read in, and the language its project texts are shown in: the
    page's when the project is written in it, else the first of the portal's fallback languages
    it is written in, else its main language (`reading_language`). A text missing in `content`
    follows the same chain."""

    page: str
    content: str
    main: str
    fallbacks: tuple[str, ...] = ()

    @property
    def offered(self) -> bool:
        return self.page == self.content

    def read(self, text: Text) -> Translation:
        return text.read(self.content, self.main, self.fallbacks)


def reading_language(page: str, languages: list[str], fallbacks: tuple[str, ...]) -> PageLanguage:
    """How a reader of `page` reads a project written in `languages` (its main one first): a German
    reader of a French project that exists in English reads it in English, not in French."""
    main = languages[0]
    content = next((code for code in (page, *fallbacks) if code in languages), main)
    return PageLanguage(page, content, main, tuple(code for code in fallbacks if code in languages and code != content))


class PageRenderer:
    """Renders Jinja2 templates with the helpers every page needs.

    `html=False` (theme/pages/) writes Markdown for MkDocs; `html=True` (theme/pdf/) writes the
    HTML that WeasyPrint prints, where a text's paragraphs become <p> elements.
    """

    def __init__(self, templates_dir: Path, labels: Labels, today: dt.date, default_language: str, *, html: bool = False,
                 compiled: Path | None = None):
        """`compiled`: a folder that keeps the compiled templates between runs (see TemplateCache)."""
        self.labels = labels
        self.today = today
        self.default_language = default_language
        self.html = html
        self.templates_name = f"{templates_dir.parent.name}/{templates_dir.name}"
        self.env = Environment(
            loader=FileSystemLoader(templates_dir),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # one generation renders thousands of pages: no stat per template use
            bytecode_cache=TemplateCache(compiled) if compiled else None,
        )
        self.env.context_class = _DirectCallContext
        self.env.filters["json"] = lambda value: Markup(json.dumps(str(value), ensure_ascii=False))
        self.env.tests["contains"] = lambda sequence, item: item in sequence
        self.env.filters["css_string"] = css_string
        self._escaped_labels: dict[str, dict[str, Markup]] = {}  # by language, then key

    def compile_templates(self) -> None:
        """Compile every template now rather than at first use, so that worker processes forked
        afterwards inherit them. A template with an error is left to `render`, which reports it
        with its file and line."""
        for name in self.env.list_templates(extensions=["j2"]):
            with contextlib.suppress(TemplateError):
                self.env.get_template(name)

    def render(self, template: str, lang: PageLanguage, page_path: str, **context: object) -> str:
        """`page_path` is the page's file under the language folder, e.g. projects/x/call.md."""
        try:
            return self.env.get_template(template).render(**self._helpers(lang, page_path), **context)
        except TemplateError as error:
            # A template is code a coordinator may edit: report it like a YAML error, no traceback.
            line = getattr(error, "lineno", None) or _template_line(error) or 1
            name = getattr(error, "filename", None) or template
            raise ProjectErrors([
                ProjectError(f"{self.templates_name}/{Path(name).name}", line, "", f"template error: {error}",
                             f"while rendering {page_path} in {lang.page!r}")
            ]) from None

    def _helpers(self, lang: PageLanguage, page_path: str) -> dict[str, Callable[..., object] | object]:
        labels, page_lang, html = self.labels, lang.page, self.html

        def link(target: str) -> str:
            """A link from this page to another file under the language folder (MkDocs checks it)."""
            return relative_path(target, posixpath.dirname(page_path) or ".")

        def url_to(target: str) -> str:
            """A relative address from this page to any address under the site root, in any language."""
            here = page_url(page_lang, self.default_language, page_path)
            return relative_path(target, here.rstrip("/") or ".") + ("/" if target.endswith("/") else "")

        escaped_labels = self._escaped_labels.setdefault(page_lang, {})

        def label(key: str, **values: object) -> Markup:
            """A label of ours, with the values put in escaped: a project name stays text. A
            `count` chooses the form of a counted label ('1 place', '2 places') and is written
            the language's way."""
            count = values.get("count")
            if isinstance(count, (int, float)) and not isinstance(count, bool):
                values["count"] = number(count, page_lang)
                return Markup(escape(labels.text(key, page_lang, count))).format(**values)
            text = escaped_labels.get(key)
            if text is None:
                text = escaped_labels[key] = Markup(escape(labels.text(key, page_lang)))
            return text.format(**values) if values else text

        # The portal's own texts (content/questionnaires.yml) are translated by the portal: in the
        # page's language when they have it, even on a page whose project is shown in another.
        ours = PageLanguage(page_lang, page_lang, lang.main, (lang.content, *lang.fallbacks))

        def t(text: Text | None, *, block: bool = False, shared: bool = False) -> Markup:
            """A project text in the page's content language, marked when it is in another. An
            inline text (a title, a list item) is plain text; a block (a summary, a description)
            is written in the safe subset of Markdown of render/prose.py. `shared`: a text of the
            portal's (a question), read in the page's language first."""
            if text is None:
                return Markup("")
            reading = (ours if shared else lang).read(text)
            other = reading.lang is not None and reading.lang != page_lang
            title = f' title="{label("untranslated")}"' if other and reading.fallback else ""
            css = "mp-untranslated" if reading.fallback else "mp-other-language"
            if block:
                body = prose_html(reading.text)
                if html:
                    return Markup(f'<div lang="{reading.lang}" class="{css}"{title}>{body}</div>' if other else body)
                # A raw HTML block: Markdown leaves it as it is (it is made safe already).
                marks = f' lang="{reading.lang}" class="mp-prose {css}"{title}' if other else ' class="mp-prose"'
                return Markup(f"<div{marks}>\n{body}\n</div>")
            words = str(escape(reading.text))
            if not html:
                words = words.translate(PLAIN_TEXT)
            if not other:
                return Markup(words)
            return Markup(f'<span lang="{reading.lang}" class="{css}"{title}>{words}</span>')

        def plain(text: Text | None) -> str:
            """A text for front matter and attributes: HTML-escaped, since themes print page
            titles as they are (a title '</title><script>' must stay text)."""
            return Markup(escape(lang.read(text).text)) if text is not None else Markup("")

        def lang_attribute(text: Text | None) -> Markup:
            """` lang=en` for an attribute list (`{ .mp-cover lang=en }`) when a text put in an
            attribute (an image's alt) is read in another language than the page's: a screen
            reader then speaks it in its own language, as `t` marks a text in the page."""
            if text is None:
                return Markup("")
            reading = lang.read(text)
            return Markup(f" lang={reading.lang}") if reading.lang and reading.lang != page_lang else Markup("")

        def lines(*parts: object) -> Markup:
            """The non-empty parts, escaped, one per line."""
            return Markup("<br>").join(escape(part) for part in parts if part)

        def countries(codes: list[str]) -> Markup:
            """The countries' names as a list in the page's language: 'France et Espagne'."""
            names = [str(escape(country_name(code, page_lang))) for code in codes]
            return Markup(format_list([f'<span class="mp-country">{name}</span>' for name in names], locale=page_lang))

        def mailto(email: str | None) -> Markup:
            return Markup('<a href="mailto:{0}">{0}</a>').format(email) if email else Markup("")

        def tel(phone: str | None) -> Markup:
            return Markup('<a href="tel:{}">{}</a>').format(phone.replace(" ", ""), phone) if phone else Markup("")

        return {
            "lang": lang,
            "link": link,
            "url_to": url_to,
            "lines": lines,
            "countries": countries,
            "_": label,
            "t": t,
            "plain": plain,
            "lang_attribute": lang_attribute,
            "today": self.today,
            "date": lambda day: long_date(day, page_lang),
            "date_range": lambda start, end: date_interval(start, end, page_lang),
            "country": lambda code: country_name(code, page_lang),
            "percent": lambda value: percent(value, page_lang),
            "listing": lambda items: Markup(listing([str(escape(item)) for item in items], page_lang)),
            "number": lambda value, decimals=0: decimal(value, "#,##0." + "0" * decimals if decimals else "#,##0", page_lang),
            "mailto": mailto,
            "tel": tel,
            "language": lambda code: language_name(code, page_lang),
            "own_language": own_language_name,
            "colon": colon(page_lang),  # after a label: "Langue : " in French, "Language: " in English
            "quoted": lambda text: quoted(text, page_lang),
        }


class _DirectCallContext(Context):
    """Jinja's template context, calling a plain Python function directly. Every call in a
    template goes through `Context.call`, which first looks for Jinja's pass_context markers on
    the callable and on its `__call__`: a page makes about a hundred calls to our helpers, which
    carry none. Anything else (macros, marked functions, classes) goes Jinja's way."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if type(__obj) is not FunctionType or hasattr(__obj, "jinja_pass_arg"):
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja does
            return __self.environment.undefined("value was undefined because a callable raised a StopIteration exception")


class TemplateCache(FileSystemBytecodeCache):
    """Compiled templates kept in a folder between runs, as Python keeps its modules' bytecode:
    compiling theme/pages/ takes about 0.3 s, loading it from here 0.01 s. A template is compiled
    again when its text changes, or the options and the Jinja version it was compiled with."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        # The source checksum decides whether the cached code is current: it covers the options too.
        compiled_with = (jinja2.__version__, environment.block_start_string, environment.variable_start_string,
                         environment.comment_start_string, environment.trim_blocks, environment.lstrip_blocks,
                         environment.keep_trailing_newline, environment.newline_sequence, environment.autoescape,
                         environment.optimized, sorted(environment.extensions))
        return super().get_bucket(environment, name, filename, f"{compiled_with!r}\n{source}")


# Every page of a project links to the same few files: posixpath.relpath is slow enough to show.
relative_path = lru_cache(maxsize=16384)(posixpath.relpath)


def _template_line(error: Exception) -> int | None:
    """The line in the template where a runtime error happened, from the traceback Jinja rewrote."""
    traceback = error.__traceback__
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename.endswith(".j2"):
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line

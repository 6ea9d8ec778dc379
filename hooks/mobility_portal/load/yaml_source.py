"""Read a YAML file into plain data plus the line of every key, so errors can name their line.

PyYAML's safe loader builds the values (no Python tags); we walk its node tree ourselves to
remember where each key stands and to refuse duplicate keys, which PyYAML silently accepts.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import errors as errors_module
from ..build.kept import keep, kept
from ..errors import KeyPath, ProjectError, describe_path

MAX_BYTES = 2_000_000  # a project.yml is a few hundred KB at most; more is a mistake
MAX_NODES = 200_000  # aliases can multiply a small file into billions of nodes ("billion laughs")
STR_TAG = "tag:yaml.org,2002:str"  # most values and nearly every key: their text is their value


# libyaml's parser when PyYAML was built with it (the wheels are): the same safe constructors as
# yaml.SafeLoader, about ten times faster. Its syntax errors are terser ("did not find expected
# ','"), so a file it refuses is read again by PyYAML's own parser, whose errors say what was
# found where.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# What a kept reading depends on besides the file's bytes: this reader's code, that of the errors
# it holds, and PyYAML's.
READER = hashlib.sha256(b"".join(Path(module).read_bytes() for module in (__file__, errors_module.__file__))
                        + f"{yaml.__version__} {SAFE_LOADER.__name__}".encode()).digest()


class _TooLarge(Exception):
    pass


@dataclass
class YamlSource:
    file: str
    data: Any = None
    lines: dict[KeyPath, int] = field(default_factory=dict)
    errors: list[ProjectError] = field(default_factory=list)
    flow: set[KeyPath] = field(default_factory=set)  # the mappings written on one line, {es: ..., en: ...}

    def line_of(self, path: KeyPath) -> int:
        """The line of the deepest part of `path` that exists in the file."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1

    def error(self, path: KeyPath, message: str, hint: str = "") -> ProjectError:
        return ProjectError(
            self.file, self.line_of(path), describe_path(path, self.data), message, hint
        )


def read_yaml(path: Path, shown_as: str, kept_in: Path | None = None) -> YamlSource:
    """The file read; with `kept_in` (a folder of .cache/), the reading of the same bytes kept
    there by an earlier build when there is one: a project.yml of 130 KB takes 12 ms to read,
    and under 1 ms to take back. A build renders every project again when a template or a page
    of content/ changes, and mostly their project.yml files have not."""
    raw = path.read_bytes()
    if kept_in is None:
        return _read(raw, shown_as)
    digest = hashlib.sha256(READER + shown_as.encode() + b"\0" + raw).hexdigest()
    file = kept_in / f"{hashlib.sha256(shown_as.encode()).hexdigest()[:32]}.pickle"  # one per file: replaced when it changes
    found = kept(file, digest)
    if isinstance(found, YamlSource):
        return found
    source = _read(raw, shown_as)
    with contextlib.suppress(OSError):  # a folder that cannot be written keeps nothing: the build goes on
        keep(file, source, digest)
    return source


def _read(raw: bytes, shown_as: str) -> YamlSource:
    source = YamlSource(shown_as)
    if len(raw) > MAX_BYTES:
        source.errors.append(
            ProjectError(shown_as, 1, "", f"expected a file under {MAX_BYTES // 1000} KB, found {len(raw) // 1000} KB")
        )
        return source
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        source.errors.append(
            ProjectError(shown_as, line, "", "expected text encoded as UTF-8, found other bytes",
                         "save the file as UTF-8 in your editor")
        )
        return source
    try:
        try:
            _read_with(SAFE_LOADER, text, source)
        except yaml.YAMLError:
            if SAFE_LOADER is yaml.SafeLoader:
                raise
            # PyYAML's own parser has the last word on a file libyaml refuses.
            source.data = None
            source.lines.clear()
            source.errors.clear()
            source.flow.clear()
            _read_with(yaml.SafeLoader, text, source)
    except _TooLarge:
        source.errors.append(
            ProjectError(shown_as, 1, "", f"expected at most {MAX_NODES:,} values, found more (aliases repeat too much)",
                         "write the repeated parts out, or use fewer aliases (*name)")
        )
    except yaml.MarkedYAMLError as error:
        source.errors.append(_syntax_error(shown_as, text, error))
    except yaml.reader.ReaderError as error:  # a control character, which YAML does not allow
        source.errors.append(
            ProjectError(shown_as, text[: error.position].count("\n") + 1, "",
                         f"YAML syntax: the invisible character U+{_code(error.character):04X} is not allowed",
                         "delete it: it is often pasted by accident from another program")
        )
    return source


def _syntax_error(shown_as: str, text: str, error: yaml.MarkedYAMLError) -> ProjectError:
    """PyYAML's complaint in the words of a person who writes YAML by hand: where, what, what to do."""
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    problem = _in_words(error.problem or "this is not valid YAML")
    written = text.split("\n")[line - 1] if mark else ""
    indentation = written[: len(written) - len(written.lstrip(" \t"))]
    if "'\\t'" in problem or "\t" in indentation:
        # YAML indents with spaces only; PyYAML says a tab there "cannot start any token".
        return ProjectError(shown_as, line, "", "YAML syntax: expected spaces to indent, found a tab",
                            "use spaces to indent, not tabs (most editors can be set to type spaces for the Tab key)")
    if error.context == "while parsing a flow mapping":
        opened = error.context_mark.line + 1 if error.context_mark else line
        if opened == line and "the end of the file" not in problem:
            return ProjectError(shown_as, line, "", f"YAML syntax: {problem}", QUOTE_IN_BRACES)
        return ProjectError(shown_as, line, "", f"YAML syntax: {problem} (inside the {{ of line {opened})",
                            f"close the {{ of line {opened} with a }}; {QUOTE_IN_BRACES}")
    if problem == "mapping values are not allowed here":
        return ProjectError(shown_as, line, "", f"YAML syntax: {problem}",
                            'a text with ": " in it must be quoted (summary: "Step 1: apply"); else check the indentation')
    return ProjectError(shown_as, line, "", f"YAML syntax: {problem}",
                        "check the indentation and the quotes on this line and the one before")


# PyYAML's names of what it read, in a coordinator's words
TOKENS = {
    "'<scalar>'": "a text", "'<stream end>'": "the end of the file", "<block end>": "a line indented less",
    "'<block mapping start>'": "a key", "'<block sequence start>'": "a list item ('- ')",
}


def _in_words(problem: str) -> str:
    """"expected ',' or '}', but got '<scalar>'" -> "expected ',' or '}', found a text"."""
    problem = re.sub(r",? but (?:got|found) ", ", found ", problem)
    for token, words in TOKENS.items():
        problem = problem.replace(token, words)
    return problem


QUOTE_IN_BRACES = 'a text with a comma, a colon, a # or brackets inside { } must be quoted: {es: "Hola, amigos: ¿qué tal?", en: Hi}'


def _code(character: int | str) -> int:
    return character if isinstance(character, int) else ord(character)


def _read_with(loader_class: type, text: str, source: YamlSource) -> None:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        source.data = _build(loader, node, (), source, [0]) if node is not None else None
    finally:
        loader.dispose()


def _build(loader: yaml.SafeLoader, node: yaml.Node, path: KeyPath, source: YamlSource, count: list[int]) -> Any:
    count[0] += 1
    if count[0] > MAX_NODES:
        raise _TooLarge
    source.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in (
        "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
    ):
        loader.construct_object(node, deep=True)  # the safe loader refuses python tags here
    if isinstance(node, yaml.MappingNode):
        if node.flow_style:
            source.flow.add(path)
        loader.flatten_mapping(node)  # resolve YAML merge keys (<<) as the safe loader would
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _construct(loader, key_node)
            key_path = (*path, key)
            if key in result:
                source.errors.append(
                    ProjectError(
                        source.file, key_node.start_mark.line + 1, describe_path(key_path, None),
                        f"duplicate key {key!r}: already given on line {source.lines[key_path]}",
                        "keep one of them",
                    )
                )
                continue
            source.lines[key_path] = key_node.start_mark.line + 1
            result[key] = _build(loader, value_node, key_path, source, count)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*path, index), source, count) for index, item in enumerate(node.value)]
    try:
        return _construct(loader, node)
    except ValueError:
        # A date-like value that is no date (2027-02-30): keep the text, and the model reports
        # it with its line and key path like any other wrong value.
        return node.value


def _construct(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """A node's value as the safe loader builds it; a plain string's is its text, taken without
    the constructor's bookkeeping."""
    if node.tag == STR_TAG and type(node) is yaml.ScalarNode:
        return node.value
    return loader.construct_object(node, deep=True)

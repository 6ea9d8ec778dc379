"""The mistakes of a first project.yml, each with an exact message: dates written another way, tabs,
a list where one item belongs, a comma in an unquoted text inside { }; and no message that names
a class of the model or shows a Python value."""

import copy
import datetime as dt
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from mobility_portal.load.projects import load_checklist, load_project, validate
from mobility_portal.load.references import check_raw
from mobility_portal.load.yaml_source import read_yaml
from mobility_portal.model import project as project_model
from mobility_portal.model.project import Project
from test_guide_errors import GAMMA
from test_guide_errors import errors_of as guide_errors_of
from test_model import VALID

REPO = Path(__file__).resolve().parents[1]


def errors_of(project_folder, old: str, new: str) -> list[str]:
    assert old in VALID, old
    root, folder = project_folder(VALID.replace(old, new))
    loaded, errors = load_project(folder, root)
    assert loaded is None
    return [str(error) for error in sorted(errors)]


START = "projects/demo/project.yml:14: mobility_periods[id=second].start\n"


@pytest.mark.parametrize(
    "written, expected",
    [
        ("17/12/2021", "    expected a date written YYYY-MM-DD, found '17/12/2021'\n"
                       "    hint: write dates as YYYY-MM-DD, e.g. 2021-12-17"),
        ("17-12-2021", "    expected a date written YYYY-MM-DD, found '17-12-2021'\n"
                       "    hint: write dates as YYYY-MM-DD, e.g. 2021-12-17"),
        ("17.12.21", "    expected a date written YYYY-MM-DD, found '17.12.21'\n"
                     "    hint: write dates as YYYY-MM-DD, e.g. 2021-12-17"),
        ("2021/12/17", "    expected a date written YYYY-MM-DD, found '2021/12/17'\n"
                       "    hint: write dates as YYYY-MM-DD, e.g. 2021-12-17"),
        ("2021-17-12", "    expected a date written YYYY-MM-DD, found '2021-17-12'\n"
                       "    hint: write dates as YYYY-MM-DD, e.g. 2021-12-17"),
        # Day first in Europe, month first in America: both, when both exist.
        ("03/05/2027", "    expected a date written YYYY-MM-DD, found '03/05/2027'\n"
                       "    hint: write dates as YYYY-MM-DD: 2027-05-03 for 3 May, 2027-03-05 for 5 March"),
        ("3.5.2027", "    expected a date written YYYY-MM-DD, found '3.5.2027'\n"
                     "    hint: write dates as YYYY-MM-DD, e.g. 2027-05-03"),
        ("2027-05-03 9:00", "    expected a date written YYYY-MM-DD, found '2027-05-03 9:00'\n"
                            "    hint: write the date only, without the time: 2027-05-03"),
        ("2027-05-03 09:00:00", "    expected a date written YYYY-MM-DD, found 2027-05-03 09:00:00\n"
                                "    hint: write the date only, without the time: 2027-05-03"),
        ("2027-02-29", "    expected a date that exists, found '2027-02-29'\n"
                       "    hint: February 2027 has 28 days"),
        ("next spring", "    expected a date written YYYY-MM-DD, found 'next spring'\n"
                        "    hint: write dates as YYYY-MM-DD, e.g. 2027-05-03 for 3 May 2027"),
        ("2027", "    expected a date written YYYY-MM-DD, found 2027\n"
                 "    hint: write dates as YYYY-MM-DD, e.g. 2027-05-03 for 3 May 2027"),
    ],
)
def test_a_date_written_another_way_is_shown_as_yyyy_mm_dd(project_folder, written, expected):
    assert errors_of(project_folder, "start: 2027-05-03", f"start: {written}") == [START + expected]


@pytest.mark.parametrize(
    "old, new, line",
    [
        ("    city: Valencia\n", "\tcity: Valencia\n", 20),  # a tab instead of the indentation
        ("    city: Valencia\n", "  \tcity: Valencia\n", 20),  # spaces, then a tab
        ("    role: sending\n", "\t\trole: sending\n", 22),
        ("  - id: lycee-lyon\n", "\t- id: lycee-lyon\n", 21),
    ],
)
def test_a_tab_in_the_indentation_asks_for_spaces(project_folder, old, new, line):
    assert errors_of(project_folder, old, new) == [
        f"projects/demo/project.yml:{line}\n"
        "    YAML syntax: expected spaces to indent, found a tab\n"
        "    hint: use spaces to indent, not tabs (most editors can be set to type spaces for the Tab key)"
    ]


def test_a_tab_inside_a_text_is_no_error(project_folder):
    root, folder = project_folder(VALID.replace("city: Valencia", "city: Valencia\tcentre"))
    assert load_project(folder, root)[1] == []


def test_a_list_where_one_item_belongs(project_folder):
    errors = errors_of(
        project_folder,
        "granting_agency:\n  name: Agence Erasmus+ France / Education Formation\n  country: FR",
        "granting_agency:\n  - name: Agence Erasmus+ France / Education Formation\n    country: FR",
    )
    assert errors == [
        "projects/demo/project.yml:7: granting_agency\n"
        "    expected a mapping of keys (name:, kind:, country:, ...), found a list\n"
        "    hint: one item is expected here, not a list: remove the '- ' before its first key"
    ]


def test_a_list_of_values_where_keys_belong(project_folder):
    errors = errors_of(
        project_folder,
        "{role: mentor, name: Claire Martin, email: claire@lycee.example.fr, phone: +33 4 72 00 00 00}",
        "[mentor, Claire Martin]",
    )
    assert errors == [
        "projects/demo/project.yml:27: partners[id=lycee-lyon].contacts[1]\n"
        "    expected a mapping of keys (role:, name:, function:, ...), found a list\n"
        "    hint: give each value its key: {role: ..., name: ...}"
    ]


def test_a_tutor_given_as_a_list_in_the_guide(tmp_path):
    errors = guide_errors_of(
        tmp_path,
        "    tutor: {role: {en: Head baker, fr: Chef boulanger}}",
        "    tutor:\n      - role: {en: Head baker, fr: Chef boulanger}",
    )
    line = GAMMA.splitlines().index("    tutor: {role: {en: Head baker, fr: Chef boulanger}}") + 1
    assert errors == [
        f"projects/gamma/project.yml:{line}: host_companies[id=padaria-lua].tutor\n"
        "    expected a mapping of keys (role:, name:, consent:), found a list\n"
        "    hint: one item is expected here, not a list: remove the '- ' before its first key"
    ]


def test_one_item_where_a_list_belongs(project_folder):
    assert errors_of(project_folder, "languages: [fr, en]", "languages: fr, en") == [
        "projects/demo/project.yml:11: languages\n"
        "    expected a list, found 'fr, en'\n"
        "    hint: write each item on its own line, starting with '- ', or all of them in [ ]"
    ]


def test_a_number_where_a_text_belongs_is_quoted(project_folder):
    assert errors_of(project_folder, "city: Valencia", "city: 46001") == [
        "projects/demo/project.yml:20: partners[id=ies-valencia].city\n"
        "    expected a text, found 46001\n"
        '    hint: put it in quotes to keep it as text: "46001"'
    ]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("city: Valencia", "city:",
         "projects/demo/project.yml:20: partners[id=ies-valencia].city\n"
         "    expected a text, found nothing\n"
         "    hint: write the value after 'city:'"),
        ("  - {fr: Apprendre, en: Learn}", "  -",
         "projects/demo/project.yml:4: objectives[1]\n"
         "    expected a text or a mapping language -> text, found nothing\n"
         "    hint: write the item after its '- ', or remove the line"),
        ("granting_agency:\n  name: Agence Erasmus+ France / Education Formation\n  country: FR", "granting_agency:",
         "projects/demo/project.yml:7: granting_agency\n"
         "    expected a mapping of keys (name:, kind:, country:, ...), found nothing\n"
         "    hint: write its keys below 'granting_agency:', indented"),
    ],
    ids=["text", "list-item", "mapping"],
)
def test_a_key_with_nothing_after_it(project_folder, old, new, expected):
    assert errors_of(project_folder, old, new) == [expected]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "summary: {fr: Un stage., en: A placement.}", "summary: {fr: Un stage, à Valence., en: A placement.}",
            "projects/demo/project.yml:2: summary\n"
            "    expected a language code (ISO 639-1) as key, found 'à Valence.'\n"
            '    hint: a text with a comma inside { } must be quoted: {fr: "Un stage, à Valence.", en: A placement.}',
        ),
        (
            "  - {fr: Apprendre, en: Learn}", "  - {fr: Apprendre, cuisiner, en: Learn, cook}",
            "projects/demo/project.yml:4: objectives[1]\n"
            "    expected a language code (ISO 639-1) as key, found 'cuisiner'\n"
            '    hint: a text with a comma inside { } must be quoted: {fr: "Apprendre, cuisiner", en: "Learn, cook"}',
        ),
        (  # a comma, then a colon: the word after the comma became a key with a value
            "summary: {fr: Un stage., en: A placement.}", "summary: {fr: Un stage, à Valence: 4 semaines., en: A placement.}",
            "projects/demo/project.yml:2: summary\n"
            "    expected a language code (ISO 639-1) as key, found 'à Valence'\n"
            '    hint: a text with a comma inside { } must be quoted: {fr: "Un stage, à Valence: 4 semaines.", en: A placement.}',
        ),
        (  # a language's name as a word of the text is still a comma
            "  - {fr: Apprendre, en: Learn}", "  - {en: Cooking, French, fr: Cuisine}",
            "projects/demo/project.yml:4: objectives[1]\n"
            "    expected a language code (ISO 639-1) as key, found 'French'\n"
            '    hint: a text with a comma inside { } must be quoted: {en: "Cooking, French", fr: Cuisine}',
        ),
        (  # a language written out, with its text: not a comma
            "  - {fr: Apprendre, en: Learn}", "  - {fr: Apprendre, english: Learn}",
            "projects/demo/project.yml:4: objectives[1]\n"
            "    expected a language code (ISO 639-1) as key, found 'english'\n"
            "    hint: did you mean 'en'?",
        ),
        (  # in a mapping of fixed keys, a comma makes an unknown key
            "{role: mentor, name: Claire Martin, email: claire@lycee.example.fr, phone: +33 4 72 00 00 00}",
            "{role: mentor, name: Martin, Claire, email: claire@lycee.example.fr}",
            "projects/demo/project.yml:27: partners[id=lycee-lyon].contacts[1].Claire\n"
            "    unknown key 'Claire'\n"
            '    hint: a text with a comma inside { } must be quoted: {role: mentor, name: "Martin, Claire", '
            "email: claire@lycee.example.fr}",
        ),
    ],
    ids=["text", "two-texts", "comma-then-colon", "language-name-in-text", "language-name-as-key", "fixed-keys"],
)
def test_a_comma_in_an_unquoted_text_inside_braces(project_folder, old, new, expected):
    assert errors_of(project_folder, old, new) == [expected]


def test_a_long_text_with_a_comma_shows_only_its_own_text_quoted(project_folder):
    long = "Un stage de quatre semaines dans une cuisine de restaurant"
    errors = errors_of(project_folder, "summary: {fr: Un stage., en: A placement.}",
                       f"summary: {{fr: {long}, à Valence., en: {long.replace('Un stage', 'A placement')}}}")
    assert errors[0].endswith(f'hint: a text with a comma inside {{ }} must be quoted: {{fr: "{long}, à Valence.", en: ...}}')


@pytest.mark.parametrize(
    "new, expected",
    [
        ("summary: {fr: Un stage: 4 semaines, en: A placement.}",
         "projects/demo/project.yml:2\n"
         "    YAML syntax: expected ',' or '}', found ':'\n"
         '    hint: a text with a comma, a colon, a # or brackets inside { } must be quoted: '
         '{es: "Hola, amigos: ¿qué tal?", en: Hi}'),
        ("summary: {fr: Un stage #1, en: A placement.}",
         "projects/demo/project.yml:3\n"
         "    YAML syntax: expected ',' or '}', found a text (inside the { of line 2)\n"
         '    hint: close the { of line 2 with a }; a text with a comma, a colon, a # or brackets inside { } must be quoted: '
         '{es: "Hola, amigos: ¿qué tal?", en: Hi}'),
    ],
)
def test_yaml_syntax_inside_braces_suggests_quotes(project_folder, new, expected):
    assert errors_of(project_folder, "summary: {fr: Un stage., en: A placement.}", new) == [expected]


def test_a_colon_in_a_plain_text_suggests_quotes(project_folder):
    assert errors_of(project_folder, "action: KA121-VET", "action: Key action: KA121-VET") == [
        "projects/demo/project.yml:5\n"
        "    YAML syntax: mapping values are not allowed here\n"
        '    hint: a text with ": " in it must be quoted (summary: "Step 1: apply"); else check the indentation'
    ]


# --- No message names a class of the model or shows a Python value ------------------------------

def _model_classes() -> set[str]:
    names = set()
    for value in vars(project_model).values():
        if isinstance(value, type) and issubclass(value, BaseModel):
            names.add(value.__name__)
    return names


# What pydantic or Python would say where the person expects YAML's words.
LEAKS = re.compile(
    r"Input should|valid dictionary|instance of|datetimes provided|unable to (parse|interpret)|valid (string|integer|"
    r"boolean|list|date|number)|function-(after|before|wrap|plain)|\[key\]|NoneType|\bNone\b|\bTrue\b|\bFalse\b|"
    r"\{'|\['|datetime\.|\bdict\b|\bint\b|\bfloat\b|\bbool\b|\bstr\b"
)
WRONG_SHAPES = [[{"name": "x"}], {"zz": None}, "text", 5, True, None, ["a", "b"], dt.datetime(2027, 5, 3, 9, 0)]


def _paths(data, prefix=()):
    """Every key path of the data, the first item standing for every item of a list."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list) and data:
        yield from _paths(data[0], (*prefix, 0))


def _with(data, path, value):
    """The data with the value at `path` replaced; only the containers on the path are copied."""
    if not path:
        return value
    copied = copy.copy(data)
    copied[path[0]] = _with(data[path[0]], path[1:], value)
    return copied


def test_no_message_names_a_model_class_or_a_python_value():
    classes = _model_classes()
    assert {"Contact", "GrantingAgency", "HostCompany", "Tutor"} <= classes
    class_name = re.compile(r"\b(" + "|".join(sorted(classes)) + r")\b")
    steps = load_checklist(REPO).step_ids
    seen, tried, texts = 0, set(), set()
    for file in sorted((REPO / "projects").glob("*/project.yml")):  # every field the examples show, once
        source = read_yaml(file, file.relative_to(REPO).as_posix())
        original = source.data
        for path in list(_paths(original))[1:]:
            text_language = isinstance(path[-1], str) and len(path[-1]) == 2  # one language of a text stands for all
            if path in tried or (text_language and path[:-1] in texts):
                continue
            tried.add(path)
            if text_language:
                texts.add(path[:-1])
            for shape in WRONG_SHAPES:
                source.data = _with(original, path, shape)
                _project, errors = validate(source, Project)
                errors += check_raw(source, steps)
                for error in errors:
                    seen += 1
                    for text in (error.path, error.message, error.hint):
                        assert not class_name.search(text), f"{path} = {shape!r}:\n{error}"
                        assert not LEAKS.search(text), f"{path} = {shape!r}:\n{error}"
    assert len(tried) > 300 and seen > 1000


def test_languages_written_in_braces_is_an_error_not_a_crash(project_folder):
    assert errors_of(project_folder, "languages: [fr, en]", "languages: [{fr, en}]")

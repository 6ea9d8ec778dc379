"""Labels with a number follow each language's CLDR plural rules (Babel): never '1 learners'."""

import dataclasses
import re
import string
from pathlib import Path

import pytest
import yaml

from conftest import copy_root, edit
from mobility_portal.languages.labels import Labels, plural_categories
from mobility_portal.render.templates import PageLanguage, PageRenderer

REPO = Path(__file__).resolve().parents[1]
LOCALES = REPO / "theme/locales"
LANGUAGES = sorted(path.stem for path in LOCALES.glob("*.yml"))
ENGLISH = yaml.safe_load((LOCALES / "en.yml").read_text(encoding="utf-8"))
COUNTED = sorted(key for key, value in ENGLISH.items() if isinstance(value, dict))


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_labels_with_a_number_are_counted():
    assert COUNTED == ["learners_planned", "places", "respondents_count"]


def test_every_label_called_with_a_count_is_counted_and_every_counted_label_gets_one():
    sources = [*(REPO / "theme/pages").glob("*.j2"), *(REPO / "theme/pdf").glob("*.j2"), *(REPO / "hooks/mobility_portal").rglob("*.py")]
    code = "\n".join(path.read_text(encoding="utf-8") for path in sources)
    with_count = set(re.findall(r"""_\(['"]([a-z_]+)['"], count=""", code))
    with_count |= set(re.findall(r"""labels\.get\(['"]([a-z_]+)['"], [^)]*count=""", code))
    assert sorted(with_count) == COUNTED
    # A number written into a plain label would read '1 learners' again.
    plain_with_count = [key for key, value in ENGLISH.items() if isinstance(value, str) and "count" in placeholders(value)]
    assert plain_with_count == []


def test_the_29_languages_and_their_rules():
    assert len(LANGUAGES) == 29
    rules = {lang: sorted(plural_categories(lang)) for lang in LANGUAGES}
    assert rules["en"] == ["one", "other"]
    assert rules["pl"] == ["few", "many", "one", "other"]
    assert rules["ga"] == ["few", "many", "one", "other", "two"]
    assert rules["mt"] == ["few", "many", "one", "other", "two"]
    assert rules["lv"] == ["one", "other", "zero"]
    assert rules["sl"] == ["few", "one", "other", "two"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_counted_label_has_exactly_the_languages_categories_and_the_same_placeholders(lang):
    labels = yaml.safe_load((LOCALES / f"{lang}.yml").read_text(encoding="utf-8"))
    for key in COUNTED:
        forms = labels[key]
        assert isinstance(forms, dict), f"{lang}.yml: {key} is not counted"
        assert set(forms) == plural_categories(lang), f"{lang}.yml: {key}"
        for category, text in forms.items():
            assert placeholders(text) == {"count"}, f"{lang}.yml: {key}.{category}"
            assert re.search(r"\d", text) is None, f"{lang}.yml: {key}.{category}: give the number as {{count}}"


LABELS = Labels(LOCALES)


@pytest.mark.parametrize(
    "lang, key, counts, expected",
    [
        ("en", "learners_planned", [1, 2], ["1 learner", "2 learners"]),
        ("en", "respondents_count", [1, 0, 12], ["1 person answered.", "0 people answered.", "12 people answered."]),
        # Polish: one 1; few 2-4, 22-24 (not 12-14); many 0, 5-21, 25-31 ...
        ("pl", "places", [1, 2, 4, 5, 12, 13, 21, 22, 25, 102, 112],
         ["1 miejsce", "2 miejsca", "4 miejsca", "5 miejsc", "12 miejsc", "13 miejsc", "21 miejsc", "22 miejsca",
          "25 miejsc", "102 miejsca", "112 miejsc"]),
        ("pl", "respondents_count", [1, 3, 5],
         ["Odpowiedziała 1 osoba.", "Odpowiedziały 3 osoby.", "Odpowiedziało 5 osób."]),
        # Irish: one 1, two 2, few 3-6, many 7-10, other 0 and 11 on.
        ("ga", "respondents_count", [1, 2, 3, 6, 7, 10, 11, 20],
         ["D'fhreagair 1 duine.", "D'fhreagair 2 dhuine.", "D'fhreagair 3 dhuine.", "D'fhreagair 6 dhuine.",
          "D'fhreagair 7 nduine.", "D'fhreagair 10 nduine.", "D'fhreagair 11 duine.", "D'fhreagair 20 duine."]),
        ("ga", "places", [7], ["7 n-áit"]),
        # French: 0 and 1 are singular, millions take "de".
        ("fr", "places", [0, 1, 2, 1_000_000], ["0 place", "1 place", "2 places", "1\u202f000\u202f000 de places"]),
        ("es", "places", [1, 2, 1000], ["1 plaza", "2 plazas", "1.000 plazas"]),
        # Slovenian has a dual, Romanian takes "de" from 20, Lithuanian and Latvian count by the last digits.
        ("sl", "places", [1, 2, 3, 5, 101, 102], ["1 mesto", "2 mesti", "3 mesta", "5 mest", "101 mesto", "102 mesti"]),
        ("ro", "learners_planned", [1, 2, 19, 20, 101], ["1 cursant", "2 cursanți", "19 cursanți", "20 de cursanți", "101 cursanți"]),
        ("lt", "places", [1, 2, 10, 11, 21], ["1 vieta", "2 vietos", "10 vietų", "11 vietų", "21 vieta"]),
        ("lv", "places", [1, 2, 10, 11, 21], ["1 vieta", "2 vietas", "10 vietu", "11 vietu", "21 vieta"]),
        ("cs", "learners_planned", [1, 3, 5], ["1 účastník", "3 účastníci", "5 účastníků"]),
    ],
)
def test_a_count_takes_its_languages_form(lang, key, counts, expected):
    assert [LABELS.get(key, lang, count=count) for count in counts] == expected


def test_the_number_is_written_the_languages_way():
    assert LABELS.get("places", "en", count=1000) == "1,000 places"
    assert LABELS.get("places", "fr", count=1000) == "1\u202f000 places"  # a narrow no-break space
    assert LABELS.get("places", "de", count=1000) == "1.000 Plätze"


def test_a_counted_label_missing_in_a_language_falls_back_to_english_forms(tmp_path):
    (tmp_path / "en.yml").write_text('places: {one: "{count} place", other: "{count} places"}\n', encoding="utf-8")
    (tmp_path / "pl.yml").write_text("home: Start\n", encoding="utf-8")
    labels = Labels(tmp_path)
    assert [labels.get("places", "pl", count=count) for count in (1, 2, 5)] == ["1 place", "2 places", "5 places"]
    assert labels.missing == {("pl", "places")}


def test_a_category_missing_from_a_form_falls_back_to_other(tmp_path):
    (tmp_path / "pl.yml").write_text('places: {one: "{count} miejsce", other: "{count} miejsc"}\n', encoding="utf-8")
    assert Labels(tmp_path).get("places", "pl", count=2) == "2 miejsc"


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("en", "1 learner · 2 learners · 1 place · 3 places · 1 person answered."),
        ("pl", "1 uczestnik · 2 uczestników · 1 miejsce · 3 miejsca · Odpowiedziała 1 osoba."),
        ("ga", "1 fhoghlaimeoir · 2 fhoghlaimeoir · 1 áit · 3 áit · D'fhreagair 1 duine."),
    ],
)
def test_the_template_helper_chooses_the_form_and_escapes(tmp_path, lang, expected):
    import datetime as dt

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "counts.md.j2").write_text(
        "{{ _('learners_planned', count=1) }} · {{ _('learners_planned', count=2) }} · {{ _('places', count=1) }} · "
        "{{ _('places', count=3) }} · {{ _('respondents_count', count=1) }}",
        encoding="utf-8",
    )
    renderer = PageRenderer(pages, Labels(LOCALES), dt.date(2026, 11, 29), "en")
    page = renderer.render("counts.md.j2", PageLanguage(lang, lang, lang), "counts.md")
    assert page == expected.replace("'", "&#39;")  # autoescaped like every label


def test_built_pages_say_1_learner_and_1_place_in_english_and_french(tmp_path):
    from mobility_portal.build.generation import Generation
    from mobility_portal.build.portal_config import settings_of

    root = copy_root("guide", tmp_path)
    edit(root / "projects/gamma/project.yml", "end: 2027-05-28, host: escola-porto}", "end: 2027-05-28, host: escola-porto, learners: 1}")
    settings = dataclasses.replace(settings_of(root / "mkdocs.yml", pdf=False), workers=1)
    files = Generation(settings).run().files
    page = {lang: files[f"{lang}/projects/gamma/index.md"].decode() for lang in ("en", "fr")}
    assert "(1 learner)" in page["en"] and "(1 apprenant)" in page["fr"]
    companies = {lang: files[f"{lang}/projects/gamma/host-companies/index.md"].decode() for lang in ("en", "fr")}
    for lang in ("en", "fr"):  # Padaria do Sol has 2 places, Padaria da Lua 1
        assert "<br>2 places\n" in companies[lang] and "<br>1 place\n" in companies[lang]

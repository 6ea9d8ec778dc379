"""Words a native would write (issue 19): one register per language and audience, the programme's
terms, each language's typography, every menu title translated, and `translations --labels`."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mobility_portal.languages.labels import Labels
from mobility_portal.languages.typography import NBSP, NNBSP, typeset
from mobility_portal.languages.words import (
    CASE_LANGUAGES,
    FORMAL,
    INFORMAL,
    NEUTRAL,
    REGISTERS,
    Glossary,
    check_locale,
    check_typography,
    fits,
    locale_languages,
    register_of,
)
from mobility_portal.render.content_pages import ContentPage
from mobility_portal.render.navigation import content_nav

REPO = Path(__file__).resolve().parents[1]
LOCALES = REPO / "theme/locales"
LANGUAGES = locale_languages(LOCALES)
REVISED = ["en", "fr", "es", "de", "fi"]  # by hand; the others are checked automatically only


def test_every_language_of_the_portal_is_checked():
    assert len(LANGUAGES) == 29 and set(REVISED) <= set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_locale_misses_no_label_mixes_no_register_and_sets_its_typography(lang):
    report = check_locale(LOCALES, lang)
    assert report.errors == [], "\n".join(report.lines())


@pytest.mark.parametrize("lang", REVISED)
def test_the_languages_revised_by_hand_use_the_programme_terms(lang):
    report = check_locale(LOCALES, lang)
    assert report.glossary == [], "\n".join(report.glossary)


@pytest.mark.parametrize(("lang", "text", "register"), [
    ("de", "Was von Ihnen erwartet wird", FORMAL),
    ("de", "Ihre Ziele", NEUTRAL),  # "Ihre" starting a sentence may be "her": not counted
    ("de", "Schreibe bitte nicht deinen Namen darauf.", INFORMAL),
    ("de", "Bitte schreiben Sie Ihren Namen nicht, sag uns nur, was dir gefiel.", None),
    ("fr", "Ce que l'on attend de vous", FORMAL),
    ("fr", "Dis-nous ce que tu en penses, merci pour vos réponses", None),
    ("es", "Qué se espera de usted", FORMAL),
    ("es", "Este cuestionario es anónimo: no escribas tu nombre.", INFORMAL),
    ("es", "Sobre usted: no escribas tu nombre", None),
    ("es", "Con su firma, las partes aceptan el acuerdo", NEUTRAL),  # "su" is also "their"
    ("fi", "Mitä sinulta odotetaan", INFORMAL),
    ("fi", "Mitä odotetaan", NEUTRAL),
    ("it", "Il tuo tirocinio: la Sua opinione", None),
    ("nl", "Wat er van u wordt verwacht; schrijf je naam niet op", None),
])
def test_the_register_of_a_text_is_found_from_its_words(lang, text, register):
    assert register_of(text, lang) == register


def test_a_mixed_locale_fails_the_check(tmp_path):
    locales = tmp_path / "locales"
    locales.mkdir()
    english = yaml.safe_load((LOCALES / "en.yml").read_text(encoding="utf-8"))
    (locales / "en.yml").write_text(yaml.safe_dump(english, allow_unicode=True), encoding="utf-8")
    german = yaml.safe_load((LOCALES / "de.yml").read_text(encoding="utf-8"))
    german["pdf_anonymous"] = "Dieser Fragebogen ist anonym: Schreibe bitte nicht deinen Namen darauf."
    german["role_sending_company"] = "Entsendendes Unternehmen"
    del german["home"]
    (locales / "de.yml").write_text(yaml.safe_dump(german, allow_unicode=True), encoding="utf-8")
    (tmp_path / "glossary.yml").write_bytes((REPO / "theme/glossary.yml").read_bytes())
    report = check_locale(locales, "de")
    assert report.missing == ["home: 'Startseite'".replace("Startseite", "Home")]
    assert [line.split(":")[0] for line in report.register] == ["pdf_anonymous"]
    assert any(line.startswith("role_sending_company:") for line in report.glossary)


def questionnaire_texts(node):
    """Every text of a questionnaire, as (language, text)."""
    if isinstance(node, dict):
        if node and all(isinstance(key, str) and len(key) == 2 for key in node) and all(isinstance(v, str) for v in node.values()):
            yield from node.items()
            return
        for value in node.values():
            yield from questionnaire_texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from questionnaire_texts(value)


QUESTIONNAIRES = yaml.safe_load((REPO / "content/questionnaires.yml").read_text(encoding="utf-8"))["questionnaires"]


@pytest.mark.parametrize("respondents", sorted(QUESTIONNAIRES))
def test_each_questionnaire_addresses_its_readers_in_one_register(respondents):
    by_lang: dict[str, set[str]] = {}
    for lang, text in questionnaire_texts(QUESTIONNAIRES[respondents]):
        found = register_of(text, lang)
        assert found is not None, f"{respondents}, {lang}: mixes registers: {text!r}"
        by_lang.setdefault(lang, set()).add(found)
        register = REGISTERS.get(lang)
        if register is not None:
            wanted = register.learners if respondents == "learners" else register.others
            assert fits(found, wanted), f"{respondents}, {lang}: {found} where {wanted} is decided: {text!r}"
    for lang, registers in by_lang.items():
        assert not {INFORMAL, FORMAL} <= registers, f"{respondents}, {lang}: informal and formal texts"


def test_the_timeline_steps_are_shared_and_so_in_the_shared_register():
    timeline = yaml.safe_load((REPO / "content/timeline.yml").read_text(encoding="utf-8"))
    for lang, text in questionnaire_texts(timeline):
        found = register_of(text, lang)
        assert found is not None, f"{lang}: {text!r}"
        if lang in REGISTERS:
            assert fits(found, REGISTERS[lang].shared), f"{lang}: {text!r}"


def test_french_labels_have_their_no_break_spaces_as_readers_see_them():
    labels = Labels(LOCALES)
    french = labels.of("fr")
    texts = [text for label in french.values() for text in (label.values() if isinstance(label, dict) else [label])]
    assert labels.get("other", "fr") == f"Autre{NBSP}:"
    assert labels.get("thank_you", "fr").endswith(f"réponses{NNBSP}!")
    for text in texts:
        assert not re.search(r"[^\s\u00a0\u202f\d][:;?!]", text.replace("://", "")), text
        assert not re.search(r" [:;?!»]|« ", text), text
    assert not any("«" in str(label) or "»" in str(label) for label in labels.of("en").values())


def test_french_typography_is_what_the_typist_meant():
    assert typeset("Langue : {language}", "fr") == f"Langue{NBSP}: {{language}}"
    assert typeset("« Oui ! »", "fr") == f"«{NNBSP}Oui{NNBSP}!{NNBSP}»"
    assert typeset("Langue : x", "de") == "Langue : x"


def test_templates_join_a_label_and_its_value_with_the_language_colon():
    # "Informations pour : ..." in French: a colon written into a template would lose the space.
    for template in [*(REPO / "theme/pages").glob("*.j2"), *(REPO / "theme/pdf").glob("*.j2")]:
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"(\}\}|%\}):( |\*\*|<)", text), template.name  # "Label: value", "**Label:** value", "<b>Label:</b>"
        assert "': '" not in text, template.name


@pytest.mark.parametrize(("lang", "text", "fits"), [
    ("fi", "Tätä sivua ei ole käännetty kielelle {language}.", False),
    ("fi", "Tätä sivua ei ole käännetty tälle kielelle ({language}).", True),
    ("cs", "Tato stránka není přeložena do jazyka {language}.", False),  # do jazyka angličtina
    ("cs", "Zde je zobrazena v jazyce: {shown}.", True),
    ("sk", "Tu je v jazyku {shown}.", False),
    ("sl", "Ta stran še ni prevedena v jezik {language}.", False),
    ("pl", "Ta strona nie została przetłumaczona na {language}.", True),  # na angielski: accusative = nominative
    ("pl", "Ten projekt nie jest opublikowany w języku {language}.", False),  # w języku angielskim
    ("hr", "Ova stranica nije prevedena na {language}.", True),
    ("hr", "Tekstovi su prikazani na jeziku {main}.", False),
    ("et", "Seda lehte pole {language} keelde tõlgitud.", True),  # inglise keelde
    ("et", "Seda lehte pole tõlgitud keelde {language}.", False),
    ("hu", "Ez a projekt {language} nyelven nem jelent meg.", True),  # angol nyelven
    ("lt", "Jo tekstai rodomi {main} kalba.", True),  # anglų kalba
    ("lv", "Tā teksti tiek rādīti {shown} valodā.", True),  # angļu valodā
    ("lv", "Teksti ir valodā {shown}.", False),
    ("el", "Εδώ είναι στα {shown}.", True),  # στα Αγγλικά
])
def test_a_language_name_stands_where_it_needs_no_case_ending(lang, text, fits):
    found = check_typography(lang, "notice", text)
    assert (found == []) == fits, found


def test_the_inflecting_languages_are_checked():
    assert {"fi", "et", "hu", "pl", "cs", "sk", "sl", "hr", "sr", "lt", "lv", "el"} <= CASE_LANGUAGES


def test_finnish_sentences_put_no_inflected_word_around_a_language_name():
    labels = Labels(LOCALES)
    notice = labels.get("not_offered_notice", "fi", language="saksa", main="suomi")
    assert "(saksa)" in notice and "(suomi)" in notice and "kielellä saksa" not in notice


def test_a_section_of_untranslated_pages_is_titled_in_the_reader_language():
    labels = Labels(LOCALES)
    guide = ContentPage("guide/index.md", 0, {"en": "User guide", "fr": "Guide", "de": "User guide"},
                        frozenset({"en", "fr"}))
    assert content_nav([guide], "de", labels) == [{"Benutzerhandbuch": [{"User guide": "guide/index.md"}]}]
    assert content_nav([guide], "fr", labels) == [{"Guide": [{"Guide": "guide/index.md"}]}]  # its own heading


def test_the_glossary_names_every_term_of_the_programme_in_the_revised_languages():
    glossary = Glossary.read(REPO / "theme/glossary.yml")
    for term in ("learning_agreement", "quality_commitment", "host_organisation", "sending_organisation",
                 "accompanying_person", "grant", "europass_mobility", "national_agency",
                 "units_of_learning_outcomes", "eqf", "work_based_learning"):
        for lang in REVISED:
            assert glossary.term(term, lang), (term, lang)


def test_translations_labels_prints_each_language_and_fails_on_a_mixed_register(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO / "hooks")}
    command = [sys.executable, "-m", "mobility_portal", "--root", str(REPO), "translations", "--labels"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "29 languages checked; nothing to fix" in result.stdout
    assert re.search(r"^fr: .*identical", result.stdout, re.M)
    # A copy of the portal whose German mixes du and Sie fails.
    for name in ("mkdocs.yml",):
        (tmp_path / name).write_bytes((REPO / name).read_bytes())
    theme = tmp_path / "theme"
    (theme / "locales").mkdir(parents=True)
    (theme / "glossary.yml").write_bytes((REPO / "theme/glossary.yml").read_bytes())
    for lang in ("en", "de"):
        (theme / "locales" / f"{lang}.yml").write_bytes((LOCALES / f"{lang}.yml").read_bytes())
    german = theme / "locales/de.yml"
    german.write_text(german.read_text(encoding="utf-8").replace("Was von Ihnen erwartet wird", "Was Sie von dir erwarten"),
                      encoding="utf-8")
    result = subprocess.run([*command[:3], "--root", str(tmp_path), *command[5:], "--languages", "de"],
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "expected_of_you: mixes registers" in result.stdout


# The example projects' own texts speak to each audience in the register its labels use: a French
# learners' page says "vous" in its labels, so its project texts do too (they once said "ton").
AUDIENCE_OF_SECTION = {
    ("audiences", "learners"): "learners", ("audiences", "sending_companies"): "others",
    ("audiences", "host_partner"): "others", ("audiences", "host_companies"): "others",
    ("audiences", "funders_and_public"): "others",
}


@pytest.mark.parametrize("slug", sorted(path.name for path in (REPO / "projects").iterdir() if path.is_dir()))
def test_the_example_projects_address_each_audience_in_its_register(slug):
    from mobility_portal.load.projects import load_project
    from mobility_portal.model.text import iter_texts

    loaded, errors = load_project(REPO / "projects" / slug, REPO)
    assert errors == []
    wrong = []
    for path, text in iter_texts(loaded.project):
        audience = AUDIENCE_OF_SECTION.get(tuple(path[:2]))
        if audience is None:
            continue
        for lang, words in text.by_language:
            if lang in REGISTERS and not fits(register_of(words, lang), getattr(REGISTERS[lang], audience)):
                wrong.append(f"{'.'.join(map(str, path))} [{lang}]: {words}")
    assert wrong == []


# What the reader sees in the page's language even where the project is not translated: the
# numbers written the language's way, the portal's own questionnaires in the reader's words, and
# an image's alt text marked with its language when it is another.
@pytest.fixture(scope="module")
def generated_examples(tmp_path_factory):
    """The example portal's pages as Markdown (no MkDocs, no PDFs), with a thousand participants."""
    import dataclasses

    from conftest import copy_root, edit
    from mobility_portal.build.generation import Generation
    from mobility_portal.build.portal_config import settings_of

    root = copy_root("examples", tmp_path_factory.mktemp("words"))
    shutil.rmtree(root / "projects/lyon-valencia-cookery")  # the two others are enough, and quicker
    edit(root / "projects/stuttgart-tampere-mechatronics/project.yml",
         "    - profile: zweites-ausbildungsjahr\n      planned: 4\n      took_part: 4",
         "    - profile: zweites-ausbildungsjahr\n      planned: 1500\n      took_part: 1204")
    settings = dataclasses.replace(settings_of(root / "mkdocs.yml", pdf=False), workers=1)
    files = Generation(settings).run().files
    return lambda path: files[path].decode()


@pytest.mark.parametrize(("lang", "took_part"), [("en", "1,208"), ("de", "1.208"), ("fr", f"1{NNBSP}208"),
                                                  ("fi", "1\u00a0208"), ("es", "1.208")])
def test_the_results_write_their_numbers_the_language_way(generated_examples, lang, took_part):
    results = generated_examples(f"{lang}/projects/stuttgart-tampere-mechatronics/results.md")
    assert re.search(rf"\*\*{took_part}\*\* \|\s*$", results, re.M), took_part  # the total row
    overview = generated_examples(f"{lang}/projects/stuttgart-tampere-mechatronics/index.md")
    assert f"**{took_part}**" in overview


def test_the_results_ask_the_portal_questions_in_the_reader_language(generated_examples):
    # The project is written in German, Finnish and English; a French reader reads it in English,
    # but the questionnaires are the portal's, translated: their questions are in French.
    results = generated_examples("fr/projects/stuttgart-tampere-mechatronics/results.md")
    assert "La préparation avant le départ m'a été utile." in results
    assert "The preparation before departure was useful." not in results
    assert "Questionnaire de satisfaction des apprenants" in results
    assert "<desc id=\"survey-1-desc\">La préparation avant le départ m'a été utile. — Moyenne 4,38" in results


def test_an_alt_text_in_another_language_says_which(generated_examples):
    # The Alicante project is written in Spanish and English: its cover's alt text is English on
    # a German page, and marked so; on the Spanish page it is Spanish and needs no mark.
    german = generated_examples("de/projects/alicante-fct-europa/index.md")
    assert re.search(r"!\[Drawing of a professional kitchen pass[^]]*\]\([^)]*\)\{ \.mp-cover lang=en \}", german)
    spanish = generated_examples("es/projects/alicante-fct-europa/index.md")
    assert re.search(r"!\[Dibujo de la pasa[^]]*\]\([^)]*\)\{ \.mp-cover \}", spanish)
    home = generated_examples("de/index.md")
    assert "lang=en }" in home


def test_the_portal_describes_itself_in_each_language():
    # The description every page without its own carries (<meta name="description">, what a
    # search engine shows under the link): once English on all 73 pages of each language.
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    for language in i18n["languages"]:
        if not language.get("default"):
            assert language.get("site_description") not in (None, config["site_description"]), language["locale"]


def icu_quotation_marks(lang: str) -> tuple[str, str] | None:
    """CLDR's quotation marks of a language as the system's ICU library gives them (ulocdata),
    or None without ICU: Babel does not carry CLDR's delimiters."""
    import ctypes
    import glob

    found = sorted(glob.glob("/usr/lib/*/libicui18n.so.[0-9]*") + glob.glob("/lib/*/libicui18n.so.[0-9]*"))
    if not found:
        return None
    library = ctypes.CDLL(found[0])
    version = re.search(r"\.so\.(\d+)", found[0]).group(1)
    open_data = getattr(library, f"ulocdata_open_{version}")
    open_data.restype, open_data.argtypes = ctypes.c_void_p, [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    delimiter = getattr(library, f"ulocdata_getDelimiter_{version}")
    delimiter.restype = ctypes.c_int32
    delimiter.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_int32, ctypes.POINTER(ctypes.c_int)]
    status = ctypes.c_int(0)
    data = open_data(lang.encode(), ctypes.byref(status))
    marks = []
    for kind in (0, 1):  # ULOCDATA_QUOTATION_START, ULOCDATA_QUOTATION_END
        buffer = (ctypes.c_uint16 * 8)()
        length = delimiter(data, kind, buffer, 8, ctypes.byref(ctypes.c_int(0)))
        marks.append("".join(map(chr, buffer[:length])))
    getattr(library, f"ulocdata_close_{version}")(ctypes.c_void_p(data))
    return marks[0], marks[1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_quotation_marks_are_cldr_ones(lang):
    from mobility_portal.languages.typography import quoted

    marks = icu_quotation_marks(lang)
    if marks is None:
        pytest.skip("no ICU library to read CLDR's quotation marks from")
    start, end = marks
    assert quoted("x", lang).replace(NNBSP, "") == f"{start}x{end}"


def test_a_label_names_a_programme_term_by_its_glossary_id(tmp_path):
    # The glossary translates a term once; a label that uses it in its dictionary form says which.
    locales = tmp_path / "locales"
    locales.mkdir()
    (tmp_path / "glossary.yml").write_text(
        "terms:\n  grant:\n    term: {en: grant, fr: bourse}\n", encoding="utf-8")
    (locales / "en.yml").write_text('grant: "{{Term:grant}}"\ngrant_paid: "The {{term:grant}} is paid: {date}"\n',
                                    encoding="utf-8")
    (locales / "fr.yml").write_text('grant: "{{Term:grant}}"\ngrant_paid: "La {{term:grant}} est versée : {date}"\n',
                                    encoding="utf-8")
    (locales / "pl.yml").write_text('grant: "{{Term:grant}}"\ngrant_paid: "{{term:grnat}}: {date}"\n', encoding="utf-8")
    labels = Labels(locales)
    assert labels.get("grant", "fr") == "Bourse"
    assert labels.get("grant_paid", "fr", date="3 mars") == f"La bourse est versée{NBSP}: 3 mars"
    assert labels.get("grant", "pl") == "Grant"  # the glossary lacks Polish: English, reported
    assert labels.missing == {("pl", "grant: {{term:grant}}"), ("pl", "grant_paid: {{term:grnat}}")}
    assert check_locale(locales, "fr").errors == []
    assert check_locale(locales, "pl").unknown == ["grant: {{term:grant}} is not in theme/glossary.yml for pl",
                                                   "grant_paid: {{term:grnat}} is not in theme/glossary.yml for pl"]
    # A label that is the term written out is asked to name it.
    (locales / "fr.yml").write_text('grant: "Bourse"\ngrant_paid: "La {{term:grant}} est versée : {date}"\n',
                                    encoding="utf-8")
    assert check_locale(locales, "fr").glossary == [
        "grant: is the term grant: write {{term:grant}} (or {{Term:grant}}) instead of 'Bourse'"]


def test_the_revised_languages_take_their_terms_from_the_glossary():
    raw = {lang: (LOCALES / f"{lang}.yml").read_text(encoding="utf-8") for lang in REVISED}
    for lang in REVISED:
        assert raw[lang].count("{{term:") + raw[lang].count("{{Term:") >= 7, lang
    assert Labels(LOCALES).get("page_contract", "es") == "Acuerdo de aprendizaje (contrato pedagógico)"


def test_the_readme_lists_the_languages_revised_by_hand_and_those_checked_only():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    row = re.search(r"^\| (en, fr, [^|]+) \| ([^|]+) \|$", readme, re.M)
    assert row and row.group(1).split(", ") == REVISED
    assert sorted(row.group(2).split(", ")) == sorted(set(LANGUAGES) - set(REVISED))
    assert "theme/locales/README.md" in readme


@pytest.mark.parametrize("file", ["content/questionnaires.yml", "content/timeline.yml"])
def test_the_portal_shared_texts_avoid_what_the_glossary_avoids(file):
    # The questionnaires' titles and the timeline's steps are read beside the labels: "empresas de
    # envío" (courier companies) once stood there after the labels had lost it.
    glossary = Glossary.read(REPO / "theme/glossary.yml")
    texts = list(questionnaire_texts(yaml.safe_load((REPO / file).read_text(encoding="utf-8"))))
    found = [f"{lang}: {text}" for lang, text in texts for term_id in glossary.terms
             for avoided in glossary.avoided(term_id, lang) if avoided.casefold() in text.casefold()]
    assert found == []

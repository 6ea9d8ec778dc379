"""The portal's publisher in mkdocs.yml (the footer of every page), and the search index split
per language: small inline files, exact messages."""

from __future__ import annotations

import json
import textwrap

import pytest

from mobility_portal.build.portal_config import PortalConfigError, read_portal_config

LANGUAGES = """
plugins:
  - i18n:
      languages:
        - {locale: en, default: true, name: English}
        - {locale: LANG, name: Other}
"""


def portal(tmp_path, publisher: str, *, other: str = "fr", pages: tuple[str, ...] = ("legal-notice.md",)):
    for page in pages:
        (tmp_path / "content" / "en").mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / "en" / page).write_text("# Notice\n", encoding="utf-8")
    file = tmp_path / "mkdocs.yml"
    file.write_text("site_name: Test\nextra:\n  portal:\n" + textwrap.indent(textwrap.dedent(publisher), "    ")
                    + LANGUAGES.replace("LANG", other), encoding="utf-8")
    return file


def test_the_publisher_is_read_with_its_texts_per_language(tmp_path):
    file = portal(tmp_path, """
        publisher:
          name: {en: Network, fr: Réseau}
          address: 1 Main Street
          email: contact@example.eu
          legal_notice: legal-notice.md
    """)
    publisher = read_portal_config(file).publisher
    assert publisher is not None
    assert publisher.name.read("fr", "en").text == "Réseau"
    assert (publisher.email, publisher.legal_notice, publisher.privacy_notice) == ("contact@example.eu", "legal-notice.md", None)


def test_a_portal_without_a_publisher_has_none_unless_it_is_german(tmp_path):
    assert read_portal_config(portal(tmp_path, "funding_line: Funded.\n")).publisher is None
    with pytest.raises(PortalConfigError) as error:
        read_portal_config(portal(tmp_path, "funding_line: Funded.\n", other="de"))
    assert str(error.value) == (
        "mkdocs.yml: extra.portal.publisher\n"
        "    expected the portal's publisher, with a legal_notice page (German sites must have an Impressum), found nothing\n"
        "    hint: add extra.portal.publisher: name, email, legal_notice and privacy_notice (see the user guide, Publishing)")


def test_every_mistake_of_the_publisher_is_named_with_its_key_at_once(tmp_path):
    file = portal(tmp_path, """
        publisher:
          nmae: Network
          email: not an address
          legal_notice: imprint.md
          privacy_notice: ../secret.md
    """, other="de")
    with pytest.raises(PortalConfigError) as error:
        read_portal_config(file)
    assert str(error.value).split("\n") == [
        "mkdocs.yml: extra.portal.publisher.nmae",
        "    expected one of name, address, email, legal_notice, privacy_notice, found 'nmae'",
        "    hint: remove it or correct its name",
        "mkdocs.yml: extra.portal.publisher.name",
        "    expected the name of the school or network that publishes the portal, found nothing",
        "    hint: the footer of every page shows it",
        "mkdocs.yml: extra.portal.publisher.email",
        "    expected an e-mail address readers can write to, found 'not an address'",
        "    hint: the footer links it as the portal's contact",
        "mkdocs.yml: extra.portal.publisher.legal_notice",
        "    expected a page of content/en/, found 'imprint.md', which does not exist",
        "    hint: write content/en/imprint.md (and its translations in content/<lang>/)",
        "mkdocs.yml: extra.portal.publisher.privacy_notice",
        "    expected a page of content/en/, like privacy-notice.md, found '../secret.md'",
        "    hint: a path inside each language's folder of content/, ending in .md",
    ]


def test_a_german_portal_needs_its_legal_notice(tmp_path):
    file = portal(tmp_path, """
        publisher:
          name: Schule
          email: kontakt@example.de
    """, other="de")
    with pytest.raises(PortalConfigError, match=r"publisher.legal_notice\n    expected a legal notice page: German sites must have an Impressum"):
        read_portal_config(file)


def test_the_search_index_is_split_into_one_per_language(tmp_path):
    from mobility_portal.backends.mkdocs.search import split_search_index

    merged = {"config": {"lang": ["en", "fr", "ga"], "separator": "[\\s\\-]+", "fields": {"tags": {"boost": 1e6}}}, "docs": [
        {"location": "", "title": "Home", "text": "Welcome"},
        {"location": "projects/a/", "title": "Project A", "text": "", "tags": ["A"]},
        {"location": "projects/a/#goals", "title": "Goals", "text": "Cook", "tags": ["A"]},
        {"location": "fr/", "title": "Accueil", "text": "Bienvenue"},
        {"location": "fr/projects/a/#objectifs", "title": "Objectifs", "text": "Cuisiner", "tags": ["A"]},
        {"location": "ga/", "title": "Baile", "text": "Fáilte"},
        {"location": "fragments/", "title": "Not French", "text": "a page whose name starts like fr"},
    ]}
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(merged), encoding="utf-8")
    split_search_index(tmp_path, ["en", "fr", "ga"])
    index = {lang: json.loads((tmp_path / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
             for lang, folder in (("en", "."), ("fr", "fr"), ("ga", "ga"))}
    assert [doc["location"] for doc in index["en"]["docs"]] == ["", "projects/a/", "projects/a/#goals", "fragments/"]
    assert index["fr"]["docs"] == [{"location": "", "title": "Accueil", "text": "Bienvenue"},
                                   {"location": "projects/a/#objectifs", "title": "Objectifs", "text": "Cuisiner"}]
    assert index["en"]["docs"][1]["tags"] == ["A"] and "tags" not in index["en"]["docs"][2]  # once per result
    assert [index[lang]["config"]["lang"] for lang in ("en", "fr", "ga")] == [["en"], ["fr"], ["ga"]]
    assert index["fr"]["config"]["fields"]["tags"] == {"boost": 1.0}

"""The user guide (content/<lang>/guide/), the accessibility statement and the publishing workflow.

The guide documents every top-level field of project.yml: adding a field to the Project model
without a section in the guide's project-file page, in every language of the guide, fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import article_text
from mobility_portal.model.project import Project

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
WORKFLOW = REPO / ".github/workflows/publish.yml"

GUIDE_TITLES = {
    "index": {"en": "User guide", "fr": "Guide d'utilisation"},
    "getting-started": {"en": "Getting started", "fr": "Premiers pas"},
    "project-file": {"en": "The project file", "fr": "Le fichier du projet"},
    "translating": {"en": "Translating", "fr": "Traduire"},
    "publishing": {"en": "Publishing", "fr": "Publier"},
    "printing": {"en": "Printing", "fr": "Imprimer"},
    "privacy": {"en": "Privacy", "fr": "Données personnelles"},
}
GUIDE_LANGUAGES = sorted(path.parent.parent.name for path in CONTENT.glob("*/guide/project-file.md"))

ACCESSIBILITY_TITLES = {
    "en": "Accessibility statement",
    "fr": "Déclaration d'accessibilité",
    "es": "Declaración de accesibilidad",
    "de": "Erklärung zur Barrierefreiheit",
    "fi": "Saavutettavuusseloste",
}
FEEDBACK = "mailto:accessibility@mobility-portal.example.eu"


def site_languages() -> list[str]:
    """The portal's languages from mkdocs.yml, the default one first."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    plugin = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    languages = plugin["languages"]
    return [lang["locale"] for lang in sorted(languages, key=lambda lang: not lang.get("default"))]


DEFAULT_LANGUAGE = site_languages()[0]


def address(lang: str, path: str) -> str:
    return path if lang == DEFAULT_LANGUAGE else f"{lang}/{path}"


def heading(html: str) -> str:
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    return re.sub(r"<[^>]+>|&para;|¶", "", h1).replace("&#39;", "'").replace("&rsquo;", "’").strip()


def test_the_guide_is_written_in_english_and_french():
    assert {"en", "fr"} <= set(GUIDE_LANGUAGES)
    for lang in GUIDE_LANGUAGES:
        assert {path.stem for path in (CONTENT / lang / "guide").glob("*.md")} == set(GUIDE_TITLES), lang


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("page", sorted(GUIDE_TITLES))
def test_each_guide_page_is_built_with_its_title(examples, page, lang):
    url = address(lang, "guide/" if page == "index" else f"guide/{page}/")
    html = examples.page(url)
    assert f'<html lang="{lang}"' in html
    assert heading(html) == GUIDE_TITLES[page][lang]


@pytest.mark.parametrize("lang", GUIDE_LANGUAGES)
def test_the_project_file_page_documents_every_top_level_field_of_the_model(examples, lang):
    html = examples.page(address(lang, "guide/project-file/"))
    undocumented = [field for field in Project.model_fields if f"<code>{field}:</code>" not in html]
    assert undocumented == [], f"document these fields of project.yml in content/{lang}/guide/project-file.md"


@pytest.mark.parametrize("lang", GUIDE_LANGUAGES)
def test_each_field_of_the_model_has_a_heading_in_the_source_of_the_guide(lang):
    """The same rule on the Markdown, so that it fails fast, before any build."""
    text = (CONTENT / lang / "guide/project-file.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^#{2,4} `([a-z_]+):`", text, re.M))
    assert set(Project.model_fields) - headings == set()


def test_the_accessibility_statement_exists_in_every_site_language():
    assert set(site_languages()) <= set(ACCESSIBILITY_TITLES)
    for lang in site_languages():
        assert (CONTENT / lang / "accessibility.md").is_file(), lang


@pytest.mark.parametrize("lang", site_languages())
def test_the_accessibility_statement_is_built_with_a_feedback_address(examples, lang):
    html = examples.page(address(lang, "accessibility/"))
    assert f'<html lang="{lang}"' in html
    assert heading(html) == ACCESSIBILITY_TITLES[lang]
    article = re.search(r"<article.*?</article>", html, re.S).group(0)
    assert f'href="{FEEDBACK}"' in article
    assert "WCAG" in article and "2.1" in article and "2026" in article


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_map_of_the_guide_links_every_page(examples, lang):
    """mkdocs --strict already refuses a broken link; this checks that the map is complete."""
    article = re.search(r"<article.*?</article>", examples.page(address(lang, "guide/")), re.S).group(0)
    missing = [page for page in GUIDE_TITLES if page != "index" and f'href="{page}/"' not in article]
    assert missing == []


# ---------------------------------------------------------------- the publishing workflow


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_the_workflow_runs_on_a_push_to_main_and_by_hand(workflow):
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"] == "pages"


def test_the_workflow_builds_with_the_run_script_and_deploys_site_to_pages(workflow):
    all_steps = steps(workflow)
    assert all(job["runs-on"] == "ubuntu-latest" for job in workflow["jobs"].values())
    assert any(step.get("run", "").strip() == "./run build" for step in all_steps)
    setup = next(step for step in all_steps if step.get("uses", "").startswith("actions/setup-python@"))
    assert str(setup["with"]["python-version"]) == "3.11"
    upload = next(step for step in all_steps if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in all_steps)
    names = [step["uses"].split("@")[0] for step in all_steps if "uses" in step]
    assert names.index("actions/checkout") < names.index("actions/upload-pages-artifact") < names.index("actions/deploy-pages")


def test_every_action_of_the_workflow_is_pinned_to_a_version(workflow):
    for step in steps(workflow):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@(v\d+(\.\d+)*|[0-9a-f]{40})", step["uses"]), step["uses"]


def test_the_run_script_is_executable_for_the_workflow():
    assert (REPO / "run").stat().st_mode & 0o111


def _nav_links(html: str) -> list[str]:
    """The labels of the primary navigation's links, in order."""
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', html, re.S).group(0)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", label)).strip()
            for label in re.findall(r'<a href="[^"]*" class="md-nav__link[^"]*">(.*?)</a>', nav, re.S)]


def test_the_guide_is_one_section_of_the_navigation_in_reading_order(examples):
    links = _nav_links(examples.page("guide/printing/"))
    titles = [GUIDE_TITLES[name]["en"] for name in GUIDE_TITLES]
    found = [link for link in links if link in titles]
    assert found == titles  # index first, then front matter `order:`, not the alphabet


def test_an_untranslated_page_is_shown_in_its_language_marked_and_announced(examples):
    html = examples.page("es/guide/printing/")
    assert "<title>Printing - " in html  # its own title, though inside a part marked as English
    article = re.search(r"<article.*?</article>", html, re.S).group(0)
    notice = article.index("Esta página aún no está traducida al español. Aquí está en inglés.")
    marked = article.index('<div lang="en">')
    assert notice < marked < article.index('<h1 id="printing">')
    # A translated page has no notice.
    assert "traduite" not in examples.page("fr/guide/printing/")


def test_the_workflow_keeps_the_printed_pdfs_between_runs(workflow):
    # Every run starts on a new machine: without the cache every PDF is printed again on each push
    # (minutes for a portal of a few projects). The cache must be restored before the build.
    all_steps = steps(workflow)
    cache = next(step for step in all_steps if step.get("uses", "").startswith("actions/cache@"))
    assert {".cache/pdf", ".cache/templates"} <= set(cache["with"]["path"].split())
    assert "projects/**" in cache["with"]["key"] and "theme/**" in cache["with"]["key"]
    assert cache["with"]["restore-keys"] == "portal-cache-" and cache["with"]["key"].startswith("portal-cache-")
    build = next(step for step in all_steps if step.get("run", "").strip() == "./run build")
    assert all_steps.index(cache) < all_steps.index(build)


@pytest.mark.parametrize("lang, heading, content_rule", [
    ("en", "Who may write what", "Let only the people who maintain the portal edit"),
    ("fr", "Qui peut écrire quoi", "Ne laissez modifier"),
])
def test_the_privacy_page_says_who_may_write_content_pages(examples, lang, heading, content_rule):
    prefix = "" if lang == "en" else f"{lang}/"
    text = article_text(examples.page(f"{prefix}guide/privacy/"))
    assert heading in text and content_rule in text and "content/" in text

"""UI labels: every locale has every key of English with the same placeholders; the EU texts exist."""

import ast
import re
import string
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
LOCALES = REPO / "theme/locales"
ENGLISH = yaml.safe_load((LOCALES / "en.yml").read_text(encoding="utf-8"))
# The 24 official EU languages and those of the other Erasmus+ programme countries.
EU_LANGUAGES = ["bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it",
                "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"]
PROGRAMME_COUNTRY_LANGUAGES = ["is", "no", "tr", "mk", "sr"]
EU_FUNDING_LANGUAGES = EU_LANGUAGES + PROGRAMME_COUNTRY_LANGUAGES


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# Labels whose key is built from data: 'status_' ~ status, 'doc_' ~ document, ...
DYNAMIC_PREFIXES = ("section_", "status_", "call_phase_", "category_", "role_", "contact_", "doc_", "step_status_", "phase_", "news_kind_", "page_for_", "questionnaire_", "activity_", "transmission_")


def test_every_label_used_by_a_template_exists_and_every_label_is_used():
    sources = [*(REPO / "theme/pages").glob("*.j2"), *(REPO / "theme/pdf").glob("*.j2"), *(REPO / "hooks/mobility_portal").rglob("*.py")]
    code = "\n".join(path.read_text(encoding="utf-8") for path in sources)
    called = set(re.findall(r"_\('([a-z_]*[a-z])'\)", code))
    assert called - set(ENGLISH) == set()
    quoted = set(re.findall(r"['\"]([a-z_]+)['\"]", code))
    unused = {key for key in ENGLISH if key not in quoted and not key.startswith(DYNAMIC_PREFIXES)}
    assert unused == set()


def test_every_eu_and_programme_country_language_has_its_labels():
    assert {path.stem for path in LOCALES.glob("*.yml")} >= set(EU_FUNDING_LANGUAGES)


@pytest.mark.parametrize("lang", sorted({path.stem for path in LOCALES.glob("*.yml")} | set(EU_FUNDING_LANGUAGES)))
def test_a_locale_has_every_key_with_the_same_placeholders(lang):
    labels = yaml.safe_load((LOCALES / f"{lang}.yml").read_text(encoding="utf-8"))
    assert sorted(set(ENGLISH) - set(labels)) == [], f"missing in {lang}.yml"
    assert sorted(set(labels) - set(ENGLISH)) == [], f"unknown keys in {lang}.yml"
    for key, text in labels.items():
        assert isinstance(text, dict) == isinstance(ENGLISH[key], dict), f"{lang}.yml: {key} (counted in English?)"
        english = ENGLISH[key]["other"] if isinstance(ENGLISH[key], dict) else ENGLISH[key]
        for form in text.values() if isinstance(text, dict) else [text]:  # a counted label: each form (test_plurals.py)
            assert placeholders(str(form)) == placeholders(str(english)), f"{lang}.yml: {key}"


AGENCY_IN_BRACKETS = {"de", "es", "fi", "fr"}


@pytest.mark.parametrize("lang", EU_FUNDING_LANGUAGES)
def test_the_eu_funding_statement_and_disclaimer_exist(lang):
    labels = yaml.safe_load((LOCALES / f"{lang}.yml").read_text(encoding="utf-8"))
    assert labels["eu_cofunded"] and labels["eacea"].count("EACEA") == 1
    # Where the agency's name stands in brackets beside "the granting authority", it is named once.
    assert labels["eu_disclaimer"].count("{agency}") == (1 if lang in AGENCY_IN_BRACKETS else 2)


def imported_names(module: Path) -> list[str]:
    """The modules a Python file imports, relative imports resolved against its package."""
    package = module.relative_to(REPO / "hooks").with_suffix("").parts[:-1]
    names = []
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[:len(package) - node.level + 1]) if node.level else ""
            name = ".".join(part for part in (base, node.module or "") if part)
            names += [name, *(f"{name}.{alias.name}" for alias in node.names)]
    return names


def importers(predicate) -> list[str]:
    engine = REPO / "hooks/mobility_portal"
    return [module.relative_to(engine).as_posix() for module in sorted(engine.rglob("*.py"))
            if any(predicate(name) for name in imported_names(module))]


def test_only_the_mkdocs_backend_imports_mkdocs_material_or_static_i18n():
    found = importers(lambda name: name == "mkdocs" or name.startswith(("mkdocs.", "material", "mkdocs_static_i18n")))
    assert found and all(path.startswith("backends/mkdocs/") for path in found), found


def test_only_the_zensical_backend_may_import_zensical_and_it_runs_it_instead():
    # Zensical lives in a virtual environment of its own: nothing imports it, backends/zensical/ runs its program.
    assert importers(lambda name: name == "zensical" or name.startswith("zensical.")) == []


def test_the_engine_reaches_a_backend_only_through_the_interface():
    # Outside its own folder, nothing imports a backend's modules: the engine and the command line
    # know backends/__init__.py (a backend by name) and backends/base.py (the interface) only.
    for backend in ("mkdocs", "zensical"):
        found = importers(lambda name, backend=backend: name.startswith(f"mobility_portal.backends.{backend}"))
        assert all(path.startswith(f"backends/{backend}/") for path in found), (backend, found)


def test_the_backends_hold_no_theme_files():
    # The Material template overrides in theme/overrides/ are the only theme-specific files.
    backends = REPO / "hooks/mobility_portal/backends"
    ours = [path for path in backends.rglob("*") if path.is_file()
            and not any(part == "__pycache__" or part.startswith(".") for part in path.relative_to(backends).parts)]  # tools' caches
    assert {path.suffix for path in ours} <= {".py", ".txt"}

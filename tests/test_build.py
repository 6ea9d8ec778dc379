"""Real MkDocs builds of tests/roots/basic: what a reader of each language finds."""

import hashlib
import re
from pathlib import Path

import pytest

from conftest import built, copy_root, run_mkdocs


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html).group(1)


def nav_labels(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", label).strip() for label in re.findall(r'md-ellipsis">(.*?)</span>', html, re.S)]


@pytest.fixture(scope="module")
def basic(tmp_path_factory):
    return built(tmp_path_factory, "basic")


def test_every_site_language_has_the_home_and_every_project_at_stable_addresses(basic):
    for prefix in ("", "fr/", "de/"):
        for page in ("", "projects/alpha/", "projects/beta/", "about/"):
            assert (basic.site / prefix / page / "index.html").is_file(), prefix + page


def test_titles_and_page_language_follow_the_reader(basic):
    assert title(basic.page("projects/alpha")) == "Cooks in Valencia - Test Portal"
    assert title(basic.page("fr/projects/alpha")) == "Cuisiniers à Valence - Test Portal"
    assert '<html lang="fr"' in basic.page("fr/projects/alpha")
    assert "Projets" in nav_labels(basic.page("fr/projects/alpha"))
    assert "Projects" in nav_labels(basic.page("projects/alpha"))


def test_a_project_not_offered_in_the_readers_language_shows_its_main_language_under_a_notice(basic):
    english = basic.page("projects/beta")
    assert "This project is not published in German" not in english
    assert "This project is not published in English. Its texts are shown in German, the project&#39;s main language." in english
    assert '<span lang="de" class="mp-other-language">Mechatronik in Tampere</span>' in english
    french = basic.page("fr/projects/beta")
    assert "Ce projet n&#39;est pas publié en français. Ses textes sont affichés en allemand" in french
    german = basic.page("de/projects/beta")
    assert "admonition" not in german
    assert "<h1 id=\"mechatronik-in-tampere\">Mechatronik in Tampere</h1>" in german


def test_a_missing_translation_is_shown_in_the_main_language_marked_and_reported(basic):
    english = basic.page("projects/alpha")
    assert re.search(r'<span lang="fr" class="mp-untranslated" title="[^"]+">Valider une unité du diplôme</span>', english)
    assert "projects/alpha: 1 text(s) missing in 'en', shown in 'fr': objectives[2]" in basic.output


def test_every_project_page_carries_the_eu_emblem_statement_and_disclaimer(basic):
    assert (basic.site / "assets/images/eu-emblem.svg").is_file()
    english = basic.page("projects/alpha")
    assert 'alt="Flag of the European Union"' in english
    assert "Co-funded by the European Union" in english
    assert (
        "do not necessarily reflect those of the European Union or Erasmus+ France / Education Training Agency. "
        "Neither the European Union nor Erasmus+ France / Education Training Agency can be held responsible for them."
    ) in english
    french = basic.page("fr/projects/alpha")
    assert "Cofinancé par l&#39;Union européenne" in french
    # The coordinator writes the agency's name as it stands alone ("Agence ..."): the French
    # sentence puts it beside "l'autorité chargée de l'octroi", never after a bare "de".
    assert ("ne reflètent pas nécessairement ceux de l&#39;Union européenne ou de l&#39;autorité chargée de "
            "l&#39;octroi (Agence Erasmus+ France / Éducation Formation).") in french
    assert "de Agence" not in french


def test_portal_pages_carry_the_portal_funding_line_in_their_language(basic):
    assert "This portal is funded by Erasmus+." in basic.page("")
    assert "Ce portail est financé par Erasmus+." in basic.page("fr")
    assert "Ce portail est financé par Erasmus+." in basic.page("fr/about")


def test_the_home_lists_upcoming_before_completed_with_dates_countries_and_status(basic):
    home = basic.page("")
    alpha, beta = home.index("Cooks in Valencia"), home.index("Mechatronik in Tampere")
    assert alpha < beta
    assert "Upcoming" in home and "Completed" in home
    assert "Mar 8\u2009–\u2009Apr 2, 2027" in home
    assert "Spain" in home and "Finland" in home
    assert "Espagne" in basic.page("fr")
    assert "Welcome to the test portal." in home


def test_the_projects_are_loaded_once_per_build_not_once_per_language(basic):
    assert basic.output.count("Mobility Portal: 2 projects") == 1


def test_a_build_writes_nothing_into_content_or_projects(site_root):
    root = site_root("basic")
    before = {name: tree_digest(root / name) for name in ("content", "projects")}
    assert run_mkdocs(root, "build").returncode == 0
    assert {name: tree_digest(root / name) for name in ("content", "projects")} == before


def test_a_rebuild_with_no_change_writes_no_staged_file(site_root):
    root = site_root("basic")
    first = run_mkdocs(root, "build")
    assert re.search(r"staged \d+ files \(\d+ written, 0 removed\) in \d+\.\d\d s", first.output), first.output
    second = run_mkdocs(root, "build")
    assert re.search(r"staged \d+ files \(0 written, 0 removed\)", second.output), second.output


def test_compiled_templates_are_kept_between_builds_and_a_template_edit_is_seen(tmp_path):
    root = copy_root("basic", tmp_path, copy_theme=True)
    assert run_mkdocs(root, "build", MOBILITY_PORTAL_PDF="off").returncode == 0
    compiled = root / ".cache/templates"
    kept = {path.name: path.stat().st_mtime_ns for path in compiled.iterdir()}
    assert len(kept) >= 20  # theme/pages/, each template once

    assert run_mkdocs(root, "build", MOBILITY_PORTAL_PDF="off").returncode == 0
    assert {path.name: path.stat().st_mtime_ns for path in compiled.iterdir()} == kept  # loaded, not compiled again

    timeline = root / "theme/pages/timeline.md.j2"
    timeline.write_text(timeline.read_text(encoding="utf-8").replace("{% block body %}", "{% block body %}\nEdited by hand.\n"),
                        encoding="utf-8")
    edited = run_mkdocs(root, "build", MOBILITY_PORTAL_PDF="off")
    assert edited.returncode == 0, edited.output
    assert "Edited by hand." in edited.page("projects/alpha/timeline")
    assert "Edited by hand." not in edited.page("projects/alpha")


def test_a_broken_project_stops_the_build_with_all_errors_and_keeps_the_last_good_site(site_root):
    root = site_root("basic")
    assert run_mkdocs(root, "build").returncode == 0
    good_site = tree_digest(root / "site")
    project = root / "projects/alpha/project.yml"
    project.write_text(
        project.read_text(encoding="utf-8").replace("role: host", "role: hots").replace("sector:", "sectr:"),
        encoding="utf-8",
    )
    broken = run_mkdocs(root, "build")
    assert broken.returncode == 1
    assert "Traceback" not in broken.output
    assert "4 errors in 1 file:" in broken.output
    assert "projects/alpha/project.yml:46: partners[id=ies-valencia].role" in broken.output
    assert "hint: did you mean 'host'?" in broken.output
    assert "hint: did you mean 'sector'?" in broken.output
    assert tree_digest(root / "site") == good_site


def test_the_eacea_is_named_in_the_disclaimer_of_a_project_it_funds(site_root):
    root = site_root("basic")
    project = root / "projects/beta/project.yml"
    project.write_text(project.read_text(encoding="utf-8").replace("kind: national_agency", "kind: eacea"), encoding="utf-8")
    result = run_mkdocs(root, "build")
    assert result.returncode == 0, result.output
    assert "European Union or the European Education and Culture Executive Agency (EACEA)." in result.page("projects/beta")


def _sidebar(html: str) -> str:
    return re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', html, re.S).group(0)


def test_a_project_page_lists_its_own_project_only(basic):
    """The cost of a page must not grow with the number of projects (scripts/benchmark_build.py)."""
    on_alpha = _sidebar(basic.page("projects/alpha/"))
    assert "Cooks in Valencia" in on_alpha and "beta" not in on_alpha
    on_beta = _sidebar(basic.page("projects/beta/timeline/"))
    assert "alpha" not in on_beta and "Timeline" in on_beta


def test_search_duplicates_are_removed_in_one_pass_as_static_i18n_removes_them():
    from mobility_portal.backends.mkdocs.adapter import remove_search_duplicates

    entries = [
        {"location": "", "title": "Home", "text": "Welcome"},
        {"location": "about/", "title": "About", "text": "Who we are"},
        {"location": "fr/", "title": "Accueil", "text": "Bienvenue"},
        {"location": "fr/about/", "title": "About", "text": "Who we are"},  # untranslated: a duplicate
        {"location": "de/about/", "title": "About", "text": "Wer wir sind"},
        {"location": "de/about/#team", "title": "About", "text": "Who we are"},  # not at a default location
    ]
    remove_search_duplicates(["en", "fr", "de"], entries)
    assert [entry["location"] for entry in entries] == ["", "about/", "fr/", "de/about/", "de/about/#team"]


def test_staging_writes_changed_files_only_and_removes_what_is_no_longer_generated(tmp_path):
    from mobility_portal.build.staging import stage

    staging = tmp_path / "docs"
    first = stage({"en/index.md": b"home", "en/projects/a/index.md": b"a", "en/projects/b/index.md": b"b"}, staging)
    assert (first.written, first.removed, first.unchanged) == (3, 0, 0)
    home = staging / "en/index.md"
    before = home.stat().st_mtime_ns

    second = stage({"en/index.md": b"home", "en/projects/a/index.md": b"a, changed", "fr/index.md": b"accueil"}, staging)
    assert (second.written, second.removed, second.unchanged) == (2, 1, 1)
    assert home.stat().st_mtime_ns == before  # untouched: MkDocs and the browser see no change
    assert tree_digest(staging) == {
        name: hashlib.sha256(content).hexdigest()
        for name, content in {"en/index.md": b"home", "en/projects/a/index.md": b"a, changed", "fr/index.md": b"accueil"}.items()
    }
    assert not (staging / "en/projects/b").exists()  # the folder of a removed project goes too


def test_worker_processes_stop_when_the_work_beside_them_fails():
    import multiprocessing

    from mobility_portal.build.processes import fork_map

    with pytest.raises(RuntimeError), fork_map(abs, [-1, -2, -3, -4], 2):
        raise RuntimeError("the work done meanwhile failed")  # before any result was asked for
    assert multiprocessing.active_children() == []
    with fork_map(abs, [-1, -2, -3], 2) as results:
        assert list(results) == [1, 2, 3]
    assert multiprocessing.active_children() == []


def test_templates_call_our_helpers_directly_and_jinja_markers_still_work():
    import datetime as dt

    from jinja2 import pass_context

    from mobility_portal.languages.labels import Labels
    from mobility_portal.render.templates import PageRenderer

    theme = Path(__file__).resolve().parents[1] / "theme"
    env = PageRenderer(theme / "pages", Labels(theme / "locales"), dt.date(2026, 11, 29), "en").env

    @pass_context
    def project_of(context):  # a function that asks Jinja for the context gets it
        return context["slug"]

    def plus(value, more=1):
        return value + more

    template = env.from_string("{{ project_of() }} {{ plus(1, more=2) }} {{ range(3) | list }} {{ dict(a=1).a }}")
    assert template.render(project_of=project_of, plus=plus, slug="alpha") == "alpha 3 [0, 1, 2] 1"


def test_the_direct_call_shortcut_still_matches_the_jinja_it_was_written_for():
    """_DirectCallContext reproduces what Jinja's Context.call does for a plain function: if Jinja
    changes how it marks pass_context functions or which keywords it strips, this fails first."""
    import inspect

    from jinja2 import Environment, pass_context
    from jinja2.runtime import Context

    from mobility_portal.render.templates import _DirectCallContext

    assert pass_context(lambda context: None).jinja_pass_arg is not None
    source = inspect.getsource(Context.call)
    for what in ('kwargs.pop("_block_vars", None)', 'kwargs.pop("_loop_vars", None)', "except StopIteration"):
        assert what in source, what

    def stop():
        raise StopIteration

    text = ("{% for i in range(2) %}{{ join(i, 'x') }}{% endfor %}{% block b %}{{ join(1, sep='-') }}{% endblock %}"
            "{{ stop() is undefined }}")
    helpers = {"join": lambda *parts, sep=",": sep.join(map(str, parts)), "stop": stop}
    plain = Environment().from_string(text).render(**helpers)
    direct = Environment()
    direct.context_class = _DirectCallContext
    assert direct.from_string(text).render(**helpers) == plain == "0,x1,x1True"


def test_the_generation_runs_where_no_process_can_fork(monkeypatch, site_root):
    """On a system without fork (Windows), the generation runs in this process and gives the same files."""
    import dataclasses
    import multiprocessing

    from conftest import SESSION_PDF_CACHE
    from mobility_portal.build import processes
    from mobility_portal.build.generation import generate
    from mobility_portal.build.portal_config import settings_of

    root = site_root("guide")
    settings = dataclasses.replace(settings_of(root / "mkdocs.yml", pdf=True), pdf_cache=SESSION_PDF_CACHE, workers=2)
    forked = generate(settings).files

    def no_fork(*args, **kwargs):
        raise AssertionError("a start method was asked for")

    monkeypatch.setattr(processes, "CAN_FORK", False)
    monkeypatch.setattr(multiprocessing, "get_context", no_fork)
    assert generate(settings).files == forked

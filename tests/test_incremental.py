"""Builds that redo only what changed (build/incremental.py): after an edit, `mobility-portal build`
renders the changed pages into a copy of site/, and the result is byte for byte the site a whole
build makes, search index and sitemap included; with nothing changed, site/ is left as it is."""

import json
import os
import subprocess
import sys
import textwrap
from types import SimpleNamespace

import pytest
from mkdocs.structure.files import File

from conftest import BUILD_EPOCH, SESSION_PDF_CACHE, copy_root, edit
from mobility_portal.backends.mkdocs.i18n_files import _key
from mobility_portal.build.stamps import files_under, stamp
from mobility_portal.load import yaml_source
from mobility_portal.load.yaml_source import read_yaml

CLI = [sys.executable, "-m", "mobility_portal"]
UP_TO_DATE = "site/ is up to date"
CHANGED_PAGES = "building the changed pages"
EVERY_PAGE = "building every page"


def build(root, *args):
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1",
           "MOBILITY_PORTAL_PDF_CACHE": str(SESSION_PDF_CACHE)}
    result = subprocess.run([*CLI, "build", *args], cwd=root, env=env, capture_output=True, text=True, timeout=600)
    return result.returncode, result.stdout + result.stderr


def files_of(site):
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def same_as_a_whole_build(root, tmp_path):
    """The differences between root/site and a whole build of the same inputs elsewhere."""
    clean = tmp_path / "clean"
    code, output = build(root, "--full", "--site-dir", str(clean))
    assert code == 0, output
    built, whole = files_of(root / "site"), files_of(clean)
    return sorted(path for path in built.keys() | whole.keys() if built.get(path) != whole.get(path))


@pytest.mark.slow
def test_after_an_edit_only_the_changed_pages_are_built_and_the_site_is_that_of_a_whole_build(tmp_path):
    root = copy_root("basic", tmp_path)
    code, output = build(root)
    assert code == 0 and EVERY_PAGE in output, output
    kept = {path: path.stat().st_mtime_ns for path in (root / ".cache/i18n-files").glob("*.pickle")}
    assert len(kept) == 3  # en, fr, de: static-i18n's file list of each language (backends/mkdocs/i18n_files.py)
    # A text of the body, in French and English, and a title (it is in the menu of the project's pages).
    edit(root / "projects/alpha/project.yml", "Douze élèves cuisiniers", "Quatorze élèves cuisiniers")
    edit(root / "projects/alpha/project.yml", "Twelve cookery learners", "Fourteen cookery learners")
    edit(root / "projects/alpha/project.yml", "en: Cooks in Valencia", "en: Young cooks in Valencia")
    code, output = build(root)
    assert code == 0 and CHANGED_PAGES in output, output
    assert "1 of 2 projects rendered again" in output  # beta's pages were kept from the build before
    assert {path: path.stat().st_mtime_ns for path in kept} == kept  # taken back, not worked out again
    assert "Fourteen cookery learners" in (root / "site/projects/alpha/index.html").read_text(encoding="utf-8")
    assert "Quatorze élèves cuisiniers" in (root / "site/fr/projects/alpha/index.html").read_text(encoding="utf-8")
    index = json.loads((root / "site/search/search_index.json").read_text(encoding="utf-8"))
    assert any("Fourteen cookery learners" in entry["text"] for entry in index["docs"])
    assert not any("Twelve cookery learners" in entry["text"] for entry in index["docs"])
    assert same_as_a_whole_build(root, tmp_path) == []


@pytest.mark.slow
def test_with_nothing_changed_site_is_left_as_it_is_and_anything_else_builds_every_page(tmp_path):
    root = copy_root("basic", tmp_path)
    assert build(root)[0] == 0
    readings = {path: path.stat().st_mtime_ns for path in (root / ".cache/yaml").glob("*.pickle")}
    assert len(readings) == 2  # alpha's and beta's project.yml as read (load/yaml_source.py)
    before = {path: path.stat().st_mtime_ns for path in (root / "site").rglob("*") if path.is_file()}
    code, output = build(root)
    assert code == 0 and UP_TO_DATE in output, output
    assert {path: path.stat().st_mtime_ns for path in (root / "site").rglob("*") if path.is_file()} == before

    # site/ changed by hand: whatever the last build left is not trusted.
    (root / "site/index.html").write_text("edited by hand", encoding="utf-8")
    code, output = build(root)
    assert code == 0 and "site/ was changed since the last build" in output, output
    assert "edited by hand" not in (root / "site/index.html").read_text(encoding="utf-8")

    # A page added: every page (the menus of the others change).
    (root / "content/en/news-letter.md").write_text("# Newsletter\n\nOur letter.\n", encoding="utf-8")
    code, output = build(root)
    assert code == 0 and "pages or files were added or removed" in output, output
    # Both projects were rendered again (content/ changed), from their project.yml as read before.
    assert {path: path.stat().st_mtime_ns for path in readings} == readings
    assert same_as_a_whole_build(root, tmp_path) == []


@pytest.mark.slow
def test_an_incremental_build_is_guarded_and_keeps_the_last_good_site(tmp_path):
    root = copy_root("guide", tmp_path)
    private = root / "projects/gamma/private"
    private.mkdir()
    (private / "participants.yml").write_text(textwrap.dedent("""
        participants:
          - name: Zoé O'Boulangère
            date_of_birth: 2010-04-05
            profile: cap-first-year
            host_company: padaria-sol
            consents: []
        """), encoding="utf-8")
    assert build(root, "--no-pdf")[0] == 0
    before = files_of(root / "site")
    edit(root / "projects/gamma/project.yml", "body: {en: Congratulations!,", "body: {en: \"Congratulations ZOÉ o'boulangère!\",")
    code, output = build(root, "--no-pdf")
    assert code == 1 and CHANGED_PAGES in output, output
    assert "Personal data in site/projects/gamma/news/index.html: a participant's name (gamma)" in output
    assert files_of(root / "site") == before


def test_the_plan_renders_every_language_of_a_changed_page_and_all_pages_when_one_is_added():
    from mobility_portal.build.incremental import compare

    languages = ("en", "fr")
    staged = {f"{lang}/{page}": "a" for lang in languages for page in ("index.md", "about.md", "projects/p/index.md",
                                                                        "projects/p/call.md", "projects/q/index.md")}
    nav = {lang: [{"Home": "index.md"}, {"Projects": [{"P": ["projects/p/index.md", {"Call": "projects/p/call.md"}]},
                                                      {"Q": ["projects/q/index.md"]}]}, {"About": "about.md"}]
           for lang in languages}
    assert compare(staged, nav, staged, nav, languages).mode == "none"

    edited = {**staged, "fr/projects/p/call.md": "b"}
    plan = compare(staged, nav, edited, nav, languages)
    assert plan.mode == "pages" and plan.touch == {"en/projects/p/call.md", "fr/projects/p/call.md"}

    retitled = json.loads(json.dumps(nav).replace('"P"', '"P, renamed"'))
    everywhere = {f"{lang}/{page}" for lang in languages
                  for page in ("index.md", "about.md", "projects/p/index.md", "projects/p/call.md", "projects/q/index.md")}
    assert compare(staged, nav, staged, retitled, languages).touch == everywhere
    # When each page's menu shows the top and its own branch only, project p's pages show its title.
    assert compare(staged, nav, staged, retitled, languages, pruned_menu=True).touch == {
        f"{lang}/{page}" for lang in languages for page in ("projects/p/index.md", "projects/p/call.md")}
    renamed_section = json.loads(json.dumps(nav).replace('"Projects"', '"Our projects"'))
    assert compare(staged, nav, staged, renamed_section, languages, pruned_menu=True).touch == everywhere

    assert compare(staged, nav, {**staged, "en/new.md": "c"}, nav, languages).mode == "full"
    reordered = {lang: [items[0], {"Projects": list(reversed(items[1]["Projects"]))}, items[2]] for lang, items in nav.items()}
    assert compare(staged, nav, staged, reordered, languages).mode == "full"


def test_the_search_index_of_a_dirty_build_keeps_the_other_pages_in_their_order(tmp_path):
    from mobility_portal.backends.mkdocs.search import SearchMergeError, merge_search_index

    def index(*entries):
        return {"config": {"lang": ["en"]}, "docs": [{"location": location, "title": title, "text": ""} for location, title in entries]}

    previous = {"en": index(("", "Home"), ("a/", "A"), ("a/#part", "A part"), ("b/", "B"))["docs"]}
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    written = site / "search/search_index.json"
    written.write_text(json.dumps(index(("a/", "A new"))), encoding="utf-8")
    merge_search_index(site, ["en"], previous, rebuilt={"en/a.md"})
    assert [entry["title"] for entry in json.loads(written.read_text(encoding="utf-8"))["docs"]] == ["Home", "A new", "B"]

    written.write_text(json.dumps(index()), encoding="utf-8")  # rebuilt, and now without entries (a duplicate)
    merge_search_index(site, ["en"], previous, rebuilt={"en/b.md"})
    assert [entry["title"] for entry in json.loads(written.read_text(encoding="utf-8"))["docs"]] == ["Home", "A", "A part"]

    written.write_text(json.dumps(index(("c/", "C"))), encoding="utf-8")
    with pytest.raises(SearchMergeError):
        merge_search_index(site, ["en"], previous, rebuilt={"en/c.md"})



def test_static_i18n_file_lists_are_taken_back_only_for_the_same_files_and_site_folder():
    i18n = SimpleNamespace(config={"docs_structure": "folder"}, current_language="fr", default_language="en",
                           all_languages=["en", "fr"], build_languages=["en", "fr"])

    def key(names, site_dir="/portal/.cache/build/site"):
        config = SimpleNamespace(docs_dir="/portal/.cache/docs", site_dir=site_dir, use_directory_urls=True)
        return _key(i18n, [File(name, config.docs_dir, site_dir, True) for name in names], config)

    pages = ["en/index.md", "fr/index.md", "en/projects/alpha/index.md"]
    assert key(pages) == key(list(pages))
    assert key(pages) != key([*pages, "fr/projects/alpha/index.md"])  # a page added
    assert key(pages) != key(pages[:-1])  # a page removed
    assert key(pages) != key(["en/index.md", "fr/index.md", "en/projects/beta/index.md"])  # renamed
    assert key(pages) != key(pages, site_dir="/elsewhere")  # written elsewhere: other absolute paths


def test_a_stamp_changes_when_a_file_is_saved_added_or_removed_and_only_then(tmp_path):
    theme = tmp_path / "theme"
    (theme / "partials").mkdir(parents=True)
    (theme / "main.html").write_text("<main>", encoding="utf-8")

    def now():
        return stamp(files_under(theme), salt="settings")

    first = now()
    assert now() == first and stamp(files_under(theme), salt="other settings") != first
    (theme / "main.html").write_text("<main >", encoding="utf-8")  # saved: another size
    saved = now()
    assert saved != first
    os.utime(theme / "main.html", ns=(1, 1))  # saved with the same size: another time
    assert now() != saved
    saved = now()
    (theme / "partials/footer.html").write_text("", encoding="utf-8")
    assert now() != saved
    (theme / "partials/footer.html").unlink()
    assert now() == saved
    assert stamp(files_under(tmp_path / "missing")) == stamp([])


def test_a_project_file_read_once_is_taken_back_until_its_bytes_change(tmp_path, monkeypatch):
    file, kept_in = tmp_path / "project.yml", tmp_path / ".cache" / "yaml"
    file.write_text("title: Lyon-Valencia\nsummary:\n  fr: Stage\n  es: Prácticas\n", encoding="utf-8")
    first = read_yaml(file, "projects/lyon/project.yml", kept_in=kept_in)
    assert [path.suffix for path in kept_in.iterdir()] == [".pickle"]

    def not_again(raw, shown_as):
        raise AssertionError(f"{shown_as} read again")

    with monkeypatch.context() as patched:
        patched.setattr(yaml_source, "_read", not_again)
        again = read_yaml(file, "projects/lyon/project.yml", kept_in=kept_in)
    assert (again.data, again.lines) == (first.data, first.lines) == (
        {"title": "Lyon-Valencia", "summary": {"fr": "Stage", "es": "Prácticas"}},
        {(): 1, ("title",): 1, ("summary",): 2, ("summary", "fr"): 3, ("summary", "es"): 4},
    )
    # Saved with the same size and time: the bytes decide, not the file's stamp.
    stat = file.stat()
    file.write_text("title: Lyon-Zaragoza\nsummary:\n  fr: Stage\n  es: Prácticas\n", encoding="utf-8")
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert file.stat().st_size == stat.st_size
    assert read_yaml(file, "projects/lyon/project.yml", kept_in=kept_in).data["title"] == "Lyon-Zaragoza"
    # A kept reading cut short is read again.
    kept_file = next(kept_in.iterdir())
    kept_file.write_bytes(kept_file.read_bytes()[:40])
    assert read_yaml(file, "projects/lyon/project.yml", kept_in=kept_in).data["title"] == "Lyon-Zaragoza"
    file.write_text("title: [Lyon\n", encoding="utf-8")
    broken = read_yaml(file, "projects/lyon/project.yml", kept_in=kept_in)
    taken_back = read_yaml(file, "projects/lyon/project.yml", kept_in=kept_in)
    assert broken.data is None and [(error.line, error.message) for error in taken_back.errors] == [
        (error.line, error.message) for error in broken.errors] != []

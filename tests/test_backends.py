"""The seam between the engine and the site generators (hooks/mobility_portal/backends/): a
backend is chosen by name, the engine reads mkdocs.yml as MkDocs does, and the Zensical backend
builds the same pages as MkDocs from the same staged tree.

The Zensical tests need Zensical in .venv-zensical/ (`./run test` and `./run zensical` make it);
without it they are skipped, saying so."""

import html
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import BUILD_EPOCH, SESSION_PDF_CACHE, copy_root, edit, run_mkdocs

CLI = [sys.executable, "-m", "mobility_portal"]


def cli(root, *args, **env_vars):
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1",
           "MOBILITY_PORTAL_PDF_CACHE": str(SESSION_PDF_CACHE), **env_vars}
    result = subprocess.run([*CLI, *args], cwd=root, env=env, capture_output=True, text=True, timeout=600)
    return result.returncode, result.stdout + result.stderr


# ---------------------------------------------------------------- choosing a backend


def test_a_backend_is_chosen_by_name():
    from mobility_portal.backends import DEFAULT, get_backend

    assert DEFAULT == "mkdocs"
    assert [get_backend(name).name for name in ("mkdocs", "zensical")] == ["mkdocs", "zensical"]


@pytest.mark.parametrize("command", ["build", "serve"])
def test_an_unknown_backend_is_one_clear_line_and_nothing_is_built(tmp_path, command):
    root = copy_root("basic", tmp_path)
    code, output = cli(root, command, "--backend", "hugo")
    assert code == 1
    assert output.strip().splitlines()[-1].endswith("unknown backend 'hugo': choose one of mkdocs, zensical")
    assert "Traceback" not in output and len(output.strip().splitlines()) == 1
    assert not (root / "site").exists() and not (root / ".cache").exists()


# ---------------------------------------------------------------- mkdocs.yml, read without MkDocs


@pytest.mark.parametrize("name", ["examples", "basic", "guide", "scripts"])
def test_the_engine_reads_mkdocs_yml_as_mkdocs_does(name, tmp_path):
    from mkdocs.config import load_config

    from mobility_portal.build.portal_config import read_portal_config

    file = copy_root(name, tmp_path) / "mkdocs.yml"  # with hooks/ and theme/, which MkDocs checks
    portal = read_portal_config(file)
    config = load_config(str(file))
    i18n = config.plugins["i18n"]
    built = [language for language in i18n.config.languages if language.build]
    assert portal.default_language == i18n.default_language
    assert set(portal.site_languages) == {language.locale for language in built}
    assert {language.code: language.name for language in portal.languages} == {language.locale: language.name for language in built}
    assert portal.site_url == (config.site_url or "")


def test_mkdocs_yml_without_the_portals_languages_is_one_line(tmp_path):
    from mobility_portal.build.portal_config import PortalConfigError, read_portal_config

    file = tmp_path / "mkdocs.yml"
    file.write_text("site_name: X\nplugins:\n  - search\n  - i18n:\n      docs_structure: folder\n", encoding="utf-8")
    with pytest.raises(PortalConfigError, match=r"^mkdocs.yml: plugins.i18n.languages: list the portal's languages, the default first$"):
        read_portal_config(file)


def test_mkdocs_own_yaml_tags_are_read_and_written_back(tmp_path, monkeypatch):
    import yaml

    from mobility_portal.backends.zensical.backend import _Dumper
    from mobility_portal.build.portal_config import Tagged, read_portal_config

    monkeypatch.setenv("PORTAL_ADDRESS", "https://school.example/")
    file = tmp_path / "mkdocs.yml"
    file.write_text(textwrap.dedent("""
        site_url: !ENV [PORTAL_ADDRESS, "http://localhost/"]
        markdown_extensions:
          - pymdownx.emoji:
              emoji_index: !!python/name:material.extensions.emoji.twemoji
        plugins:
          - i18n:
              languages: [{locale: fr, name: Français}, {locale: en, default: true, name: English}]
    """), encoding="utf-8")
    portal = read_portal_config(file)
    assert portal.site_url == "https://school.example/" and portal.site_languages == ("en", "fr")
    index = portal.data["markdown_extensions"][0]["pymdownx.emoji"]["emoji_index"]
    assert isinstance(index, Tagged)
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in yaml.dump(portal.data, Dumper=_Dumper)


# ---------------------------------------------------------------- the MkDocs backend


def test_mobility_portal_build_generates_once_and_mkdocs_build_alone_still_generates(tmp_path):
    root = copy_root("basic", tmp_path)
    code, output = cli(root, "build", "--jobs", "2", "--no-pdf")
    assert code == 0, output
    # The engine generated before the backend; the hooks of both MkDocs workers reused it.
    assert output.count("Mobility Portal: 2 projects") == 1 and "backend mkdocs" in output
    edit(root / "projects/alpha/project.yml", "Cuisiniers à Valence", "Cuisiniers à Valencia")
    alone = run_mkdocs(root, "build", MOBILITY_PORTAL_PDF="off")
    assert alone.returncode == 0, alone.output
    assert alone.output.count("Mobility Portal: 2 projects") == 1
    assert "Cuisiniers à Valencia" in alone.page("fr/projects/alpha")


# ---------------------------------------------------------------- the Zensical backend: its mending


def test_raw_html_links_are_made_relative_to_their_markdown_file():
    from mobility_portal.backends.zensical.fixes import file_relative_links

    # From fr/projects/a/for/learners/: its own pack, a logo, another site, an anchor, the English pack.
    page = (b'<a href="../../downloads/pack.pdf" hreflang="fr">PDF</a> <img src="../logo.svg" alt="">'
            b' <a href="https://example.org/x">x</a> <a href="#top">top</a> <a href="../../../../../projects/a/downloads/pack.pdf">en</a>'
            b' [Markdown](../call.md)')
    assert file_relative_links("projects/a/for/learners.md", page) == (
        b'<a href="../downloads/pack.pdf" hreflang="fr">PDF</a> <img src="logo.svg" alt="">'
        b' <a href="https://example.org/x">x</a> <a href="#top">top</a> <a href="../../../../projects/a/downloads/pack.pdf">en</a>'
        b' [Markdown](../call.md)')
    assert file_relative_links("projects/a/index.md", page) == page  # an index page: its address is its folder


def test_a_language_gets_the_default_languages_files_it_lacks():
    from mobility_portal.backends.zensical.fixes import language_files

    files = {"en/index.md": b"home", "en/projects/a/images/logo.svg": b"<svg/>", "fr/index.md": b"accueil"}
    assert language_files(files, "fr", "en") == {"index.md": b"accueil", "projects/a/images/logo.svg": b"<svg/>"}
    assert language_files(files, "en", "en") == {"index.md": b"home", "projects/a/images/logo.svg": b"<svg/>"}


def test_zensical_missing_or_of_another_version_is_said_with_how_to_install_it(tmp_path, monkeypatch):
    from mobility_portal.backends.base import BackendError
    from mobility_portal.backends.zensical import backend

    monkeypatch.setattr(sys, "prefix", str(tmp_path / ".venv"))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("MOBILITY_PORTAL_ZENSICAL", raising=False)
    with pytest.raises(BackendError, match=r"^Zensical is not installed: `./run zensical` installs Zensical 0\.0\.73 into \.venv-zensical/"):
        backend.zensical_command()
    other = tmp_path / "zensical"
    other.write_text("#!/bin/sh\necho 0.1.4\n")
    other.chmod(0o755)
    with pytest.raises(BackendError, match=r"is Zensical 0\.1\.4; the portal is built and tested with Zensical 0\.0\.73"):
        backend.zensical_command()


# ---------------------------------------------------------------- the Zensical backend, for real


def zensical_or_skip():
    from mobility_portal.backends.base import BackendError
    from mobility_portal.backends.zensical.backend import zensical_command

    try:
        return zensical_command()
    except BackendError as error:
        pytest.skip(f"the Zensical backend cannot be tested here: {error}")


def pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("index.html")}


def article_text(page: Path) -> str:
    """What a reader reads in the article, entities decoded (Zensical spells some differently)."""
    article = re.search(r"<article.*?</article>", page.read_text(encoding="utf-8"), re.S).group(0)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", article))).strip()


def broken_links(site: Path) -> list[str]:
    broken = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue  # its addresses are absolute, from site_url: it is served at any address
        for url in re.findall(r'(?:href|src)="([^"]*)"', page.read_text(encoding="utf-8")):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_relative_to(site.resolve()) or not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)}: {url}")
    return broken


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """tests/roots/guide (a project with its files, PDFs) built by MkDocs and by Zensical."""
    zensical_or_skip()
    root = copy_root("guide", tmp_path_factory.mktemp("backends"))
    code, mkdocs_output = cli(root, "build", "-d", "site-mkdocs")
    assert code == 0, mkdocs_output
    code, output = cli(root, "build", "--backend", "zensical")
    assert code == 0, output
    return root, output


@pytest.mark.slow
def test_zensical_builds_every_page_of_every_language_with_the_text_mkdocs_gives(both):
    root, output = both
    mkdocs_site, site = root / "site-mkdocs", root / "site"
    assert pages(site) == pages(mkdocs_site)
    assert [page for page in sorted(pages(site)) if article_text(site / page) != article_text(mkdocs_site / page)] == []
    assert output.count("Mobility Portal: 1 projects") == 1 and "backend zensical" in output
    assert re.search(r"Zensical 0\.0\.73 built en, fr in \d+\.\d\d s", output), output


@pytest.mark.slow
def test_zensical_s_site_has_no_broken_link_and_its_pdfs_and_images_are_in_every_language(both):
    root, _ = both
    site = root / "site"
    assert broken_links(site) == []
    french = (site / "fr/projects/gamma/for/learners/index.html").read_text(encoding="utf-8")
    pdf = re.search(r'<a href="([^"]+\.pdf)" hreflang="fr"', french).group(1)
    assert (site / "fr/projects/gamma/for/learners" / pdf).resolve().is_file()
    mkdocs_french = (root / "site-mkdocs/fr/projects/gamma/for/learners/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="([^"]+\.pdf)" hreflang="fr"', mkdocs_french).group(1) == pdf  # the same address as MkDocs'


@pytest.mark.slow
def test_zensical_s_language_switcher_leads_to_the_same_page_as_mkdocs_does(both):
    root, _ = both
    switcher = re.compile(r'<a href="([^"]*)" hreflang="([\w-]+)" class="md-select__link">')
    alternates = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([\w-]+)">')
    for page in ("fr/projects/gamma/call/index.html", "projects/gamma/index.html", "fr/projects/gamma/for/learners/index.html"):
        mkdocs_page = (root / "site-mkdocs" / page).read_text(encoding="utf-8")
        zensical_page = (root / "site" / page).read_text(encoding="utf-8")
        assert switcher.findall(zensical_page) == switcher.findall(mkdocs_page) != []
        assert alternates.findall(zensical_page) == alternates.findall(mkdocs_page) != []


@pytest.mark.slow
def test_zensical_s_search_is_per_language_and_its_sitemap_lists_every_language(both):
    root, _ = both
    site = root / "site"
    for prefix, lang in (("", "en"), ("fr/", "fr")):
        index = json.loads((site / prefix / "search.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang] and index["items"]
    locations = set(re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))
    assert locations == set(re.findall(r"<loc>([^<]+)</loc>", (root / "site-mkdocs/sitemap.xml").read_text(encoding="utf-8")))
    assert (site / "sitemap.xml.gz").is_file()
    assert '<html lang="en"' in (site / "404.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_our_language_partials_give_zensical_s_theme_its_words_in_irish_and_maltese(tmp_path):
    zensical_or_skip()
    root = copy_root("scripts", tmp_path)  # en, el, bg, mt, ga: Material has no Irish or Maltese of its own
    code, output = cli(root, "build", "--backend", "zensical", "--no-pdf")
    assert code == 0, output
    assert 'aria-label="Roghnaigh teanga"' in (root / "site/ga/index.html").read_text(encoding="utf-8")
    assert 'aria-label="Agħżel il-lingwa"' in (root / "site/mt/index.html").read_text(encoding="utf-8")
    assert broken_links(root / "site") == []


@pytest.mark.slow
def test_the_guard_checks_what_zensical_built(tmp_path):
    zensical_or_skip()
    root = copy_root("basic", tmp_path)
    (root / "content/en/drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                                                 encoding="utf-8")
    code, output = cli(root, "build", "--backend", "zensical", "--no-pdf")
    assert code == 1 and "Traceback" not in output
    assert "Unsafe image site/drawing.svg: it holds <script> (1)" in output
    assert not (root / "site").exists()


@pytest.mark.slow
def test_zensical_s_preview_is_built_again_when_a_project_changes(tmp_path):
    import socket
    import time
    import urllib.request

    zensical_or_skip()
    root = copy_root("basic", tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([*CLI, "serve", "--backend", "zensical", "-a", f"127.0.0.1:{port}"], cwd=root, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def title(deadline=60.0):
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/fr/projects/alpha/", timeout=5) as response:
                    return re.search(r"<title>(.*?)</title>", response.read().decode()).group(1)
            except OSError:
                time.sleep(0.3)
        raise AssertionError("the preview never answered")

    try:
        assert title() == "Cuisiniers à Valence - Test Portal"
        edit(root / "projects/alpha/project.yml", "Cuisiniers à Valence", "Cuisiniers à Valencia")
        end = time.monotonic() + 60
        while title() != "Cuisiniers à Valencia - Test Portal":
            assert time.monotonic() < end, "the edit was never built"
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=20)

"""Every EU script renders: Greek and Bulgarian (non-Latin), Maltese and Irish (rich diacritics),
on the web and in the PDFs, with the right language everywhere."""

import re

import pytest
from pypdf import PdfReader

from conftest import built

pytestmark = pytest.mark.slow  # real builds, a browser, a server or an external checker

CASES = [
    ("el", "athina-sofia", "Μάγειρες από την Αθήνα στη Σόφια", "Με τη συγχρηματοδότηση της Ευρωπαϊκής Ένωσης"),
    ("bg", "athina-sofia", "Готвачи от Атина в София", "Съфинансирано от Европейския съюз"),
    ("mt", "valletta-galway", "Minn il-Belt Valletta għal Galway", "Kofinanzjat mill-Unjoni Ewropea"),
    ("ga", "valletta-galway", "Ó Vaileite go Gaillimh", "Arna chómhaoiniú ag an Aontas Eorpach"),
]


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    return built(tmp_path_factory, "scripts", "--strict")


@pytest.mark.parametrize("lang, slug, title, cofunded", CASES)
def test_the_web_page_speaks_the_language_in_its_script(portal, lang, slug, title, cofunded):
    html = portal.page(f"{lang}/projects/{slug}")
    assert f'<html lang="{lang}"' in html
    assert f"<title>{title} - Scripts Portal</title>" in html
    assert cofunded in html


@pytest.mark.parametrize("lang, slug, title, cofunded", CASES)
def test_the_pdf_prints_the_script_in_the_embedded_dejavu_font(portal, lang, slug, title, cofunded):
    reader = PdfReader(portal.site / f"{lang}/projects/{slug}/downloads/info-pack-learners.pdf")
    assert str(reader.trailer["/Root"]["/Lang"]) == lang
    cover = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert title in cover and cofunded in cover
    fonts = {str(font["/BaseFont"]) for page in reader.pages for font in (page["/Resources"].get("/Font") or {}).values()}
    assert fonts and all("DejaVu" in font for font in fonts), fonts



# The scripts/ folder: the synthetic portals of the build benchmark, and the benchmark's command line.

def _scripts():
    import sys

    from conftest import REPO

    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import synthetic_portal
    finally:
        sys.path.remove(str(REPO / "scripts"))
    return REPO, synthetic_portal


def test_a_synthetic_portal_builds_without_warnings_with_a_folder_per_project_and_language(tmp_path):
    from conftest import run_mkdocs

    _, synthetic_portal = _scripts()
    portal = synthetic_portal.make_portal(tmp_path / "portal", 3)
    result = run_mkdocs(portal, "build", MOBILITY_PORTAL_PDF="off")
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output, result.output
    slugs = ["cookery-001", "cookery-003", "mechatronics-002"]
    _default, *others = synthetic_portal.LANGUAGES
    for folder in [result.site / "projects", *(result.site / lang / "projects" for lang in others)]:
        assert sorted(path.name for path in folder.iterdir() if path.is_dir()) == slugs, folder
    assert "(#001)" in result.page("projects/cookery-001") and "(#002)" in result.page("de/projects/mechatronics-002")


def test_the_build_benchmark_explains_its_options():
    import subprocess
    import sys

    repo, _ = _scripts()
    result = subprocess.run([sys.executable, str(repo / "scripts" / "benchmark_build.py"), "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert all(option in result.stdout for option in ("--projects", "--jobs", "--build-runs", "--keep"))


def _benchmark():
    import importlib.util
    import sys

    repo, synthetic_portal = _scripts()
    spec = importlib.util.spec_from_file_location("benchmark_build", repo / "scripts" / "benchmark_build.py")
    benchmark = importlib.util.module_from_spec(spec)
    sys.modules["benchmark_build"] = benchmark  # its dataclasses look their module up there
    try:
        spec.loader.exec_module(benchmark)
    finally:
        del sys.modules["benchmark_build"]
    return benchmark, synthetic_portal


def test_the_build_benchmark_takes_the_median_generation_and_the_mean_build():
    # One slow run (the disk of a shared machine) must not decide the generation's share.
    import pytest

    benchmark, _ = _benchmark()
    runs = [benchmark.Generation(seconds, 0.1, 2.0, 984, 96) for seconds in (0.9, 0.95, 2.4, 0.8, 1.0)]
    size = benchmark.Size(10, generations=runs)
    assert size.generation.seconds == pytest.approx(1.05)  # 0.95 + 0.1 of staging: the middle of five
    # Builds, run A B B A: the mean of each, so that a drift of the machine's speed hits both.
    builds = benchmark.Run.mean([benchmark.Run(20.0, 21.0, 130.0, "first"), benchmark.Run(26.0, 27.0, 120.0, "last")])
    assert (builds.seconds, builds.cpu, builds.peak_mib, builds.log) == (23.0, 24.0, 130.0, "last")


def test_the_build_benchmark_edits_one_project_for_a_later_build_and_puts_it_back(tmp_path):
    # A later build's generation is measured after a coordinator's edit: the first project's
    # title changes in every language while it runs, and the file is as it was afterwards.
    benchmark, synthetic_portal = _benchmark()
    portal = synthetic_portal.make_portal(tmp_path / "portal", 2)
    first, second = (portal / "projects" / slug / "project.yml" for slug in ("cookery-001", "mechatronics-002"))
    before = first.read_bytes(), second.read_bytes()
    with benchmark.edited_title(portal, 3):
        edited = first.read_text(encoding="utf-8")
        assert edited.count("(#001, edit 3)") == 3 and "(#001)" not in edited  # fr, es, en
        assert second.read_bytes() == before[1]
    assert (first.read_bytes(), second.read_bytes()) == before

"""Same input, same output: two builds of the same portal in different folders, each rendering
its own PDFs, give byte-identical sites (the build date comes from SOURCE_DATE_EPOCH)."""

import hashlib

import pytest

from conftest import copy_root, run_mkdocs

pytestmark = pytest.mark.slow  # real builds, a browser, a server or an external checker


def digests(site):
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_builds_in_different_folders_are_byte_identical(tmp_path):
    sites = []
    for name in ("first", "second"):
        root = copy_root("guide", tmp_path / name)
        result = run_mkdocs(root, "build", MOBILITY_PORTAL_PDF_CACHE=str(tmp_path / f"{name}-pdf-cache"))
        assert result.returncode == 0, result.output
        assert "0 from the cache" in result.output  # each build rendered its own PDFs
        sites.append(digests(root / "site"))
    assert any(path.endswith(".pdf") for path in sites[0])
    assert sites[0] == sites[1]

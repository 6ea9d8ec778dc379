"""One search index per language, so that a reader searching in French finds French pages only.

mkdocs-static-i18n merges every language into the one index Material writes at
search/search_index.json (its maintainer calls per-language search not possible), so a query
returned the same page in five languages. After that index is written, this splits it: the
default language's pages stay in search/search_index.json, each other language's go to
<lang>/search/search_index.json with addresses relative to that language's root. A page of
another language tells Material's search where its index is through the `base` of its
configuration (theme/overrides/main.html): Material fetches search/search_index.json from `base`
and resolves the results' addresses against it, and uses `base` for nothing else we enable.

Run by the hook after the sequential build's last language and by parallel.py after it merges
the workers' entries, so `mkdocs build` and `mobility-portal build` stay byte for byte equal.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from pathlib import Path

SEARCH_INDEX = Path("search") / "search_index.json"

# The project a result belongs to is a tag of its page (theme/pages/_project_page.md.j2), which
# Material shows under the result. It labels the result; it is not what the page is about, so it
# weighs like the text, not a million times more (Material's default for tags).
TAGS_BOOST = 1.0


def split_search_index(site: Path, languages: Sequence[str]) -> None:
    """Rewrite site/search/search_index.json with the default language's entries (the first of
    `languages`) and write each other language's into site/<lang>/search/search_index.json."""
    if not (site / SEARCH_INDEX).is_file():
        return  # a portal without the search plugin
    merged = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))
    default, others = languages[0], tuple(languages[1:])
    per_language: dict[str, list[dict]] = {lang: [] for lang in languages}
    for entry in merged["docs"]:
        lang = next((lang for lang in others if entry["location"].startswith(f"{lang}/")), default)
        per_language[lang].append(language_entry(entry, lang, default))
    for lang, entries in per_language.items():
        path = index_path(site, lang, languages)
        index = {"config": _config(merged["config"], lang), "docs": entries}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")


def language_entry(entry: dict, lang: str, default: str) -> dict:
    """An entry of the merged index as the index of its language holds it: its address from that
    language's root; a section's entry without the project's tag (the page's own entry shows it once)."""
    if lang != default:
        entry = {**entry, "location": entry["location"][len(lang) + 1:]}
    if "#" in entry["location"] and "tags" in entry:
        entry = {key: value for key, value in entry.items() if key != "tags"}
    return entry


def index_path(site: Path, lang: str, languages: Sequence[str]) -> Path:
    """Where a language's index is: the default language's at the site's root."""
    return (site if lang == languages[0] else site / lang) / SEARCH_INDEX


def replace_pages(docs: list[dict], fresh: list[dict]) -> list[dict]:
    """The preview's update of one language's entries: those of the pages in `fresh` replace
    theirs, in place; a page they did not hold goes at the end."""
    by_page: dict[str, list[dict]] = {}
    for entry in fresh:
        by_page.setdefault(_page(entry), []).append(entry)
    updated: list[dict] = []
    replaced: set[str] = set()
    for entry in docs:
        page = _page(entry)
        if page in by_page:
            updated += by_page.pop(page)
            replaced.add(page)
        elif page not in replaced:
            updated.append(entry)
    for entries in by_page.values():
        updated += entries
    return updated


def _config(config: dict, lang: str) -> dict:
    """The merged index's settings for one language: that language's stemmer and stop words where
    lunr has them (static-i18n listed only those), else English's."""
    fields = {**config.get("fields", {}), "tags": {"boost": TAGS_BOOST}}
    return {**config, "lang": [lang if lang in config.get("lang", ()) else "en"], "fields": fields}


class SearchMergeError(Exception):
    """A page rebuilt in a dirty build has no place in the previous index: build the whole site."""


def read_search_indexes(site: Path, languages: Sequence[str]) -> dict[str, list[dict]]:
    """Each language's entries in a site built before (as split_search_index wrote them)."""
    indexes = {}
    for lang in languages:
        path = index_path(site, lang, languages)
        if path.is_file():
            indexes[lang] = json.loads(path.read_text(encoding="utf-8"))["docs"]
    return indexes


def merge_search_index(site: Path, languages: Sequence[str], previous: dict[str, list[dict]],
                       rebuilt: Collection[str] = ()) -> None:
    """After a dirty build (MkDocs renders only the changed pages, so only they are in the new
    index): each language's index is the previous one with the entries of every rebuilt page
    replaced by the new ones, in the previous order, which is the order of a whole build as long
    as no page was added or removed. `rebuilt`: the staged paths of the pages rendered again
    (<lang>/projects/x/call.md): one whose new entries are none (a translation that repeats the
    default language's page) loses its old ones. SearchMergeError when a rebuilt page was not in it."""
    for lang in languages:
        path = index_path(site, lang, languages)
        if not path.is_file():
            continue
        written = json.loads(path.read_text(encoding="utf-8"))
        fresh: dict[str, list[dict]] = {}
        for entry in written["docs"]:
            fresh.setdefault(_page(entry), []).append(entry)
        emptied = {page_location(path[len(lang) + 1:]) for path in rebuilt if path.startswith(f"{lang}/")} - fresh.keys()
        old = previous.get(lang)
        if old is None:
            raise SearchMergeError(f"no earlier search index for {lang!r}")
        merged: list[dict] = []
        placed: set[str] = set()
        for entry in old:
            page = _page(entry)
            if page in emptied:
                continue
            if page not in fresh:
                merged.append(entry)
            elif page not in placed:
                placed.add(page)
                merged += fresh[page]
        if fresh.keys() - placed:
            raise SearchMergeError(f"{lang}: {sorted(fresh.keys() - placed)[0]!r} was not in the earlier index")
        path.write_text(json.dumps({"config": written["config"], "docs": merged}, separators=(",", ":"), default=str),
                        encoding="utf-8")


def page_location(page: str) -> str:
    """The address of a staged page, as the search index writes it: projects/x/call.md ->
    projects/x/call/, projects/x/index.md -> projects/x/, index.md -> ''."""
    stem = page[:-len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-len("index")]
    return f"{stem}/"


def _page(entry: dict) -> str:
    return entry["location"].partition("#")[0]


def remove_repeated_translations(indexes: dict[str, dict], languages: Sequence[str], pages: Collection[str]) -> list[str]:
    """The preview's pass of remove_search_duplicates (adapter.py) over the pages it rendered
    again (`pages`: their addresses from their language's root), once every language's index
    (`indexes`, by language) holds them: another language's entry that repeats a default-language
    entry word for word goes. The languages whose index changed."""
    locations: dict[tuple, list[str]] = {}
    for entry in indexes.get(languages[0], {}).get("docs", ()):
        locations.setdefault((entry["title"], entry["text"]), []).append(entry["location"])
    changed = []
    for lang in languages[1:]:
        if lang not in indexes:
            continue
        docs = indexes[lang]["docs"]
        kept = [entry for entry in docs if not (_page(entry) in pages and any(
            f"{lang}/{entry['location']}".endswith(location) for location in locations.get((entry["title"], entry["text"]), ())))]
        if len(kept) != len(docs):
            indexes[lang]["docs"] = kept
            changed.append(lang)
    return changed

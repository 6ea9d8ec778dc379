"""SVG from partners made safe to publish: nothing that runs, nothing loaded from elsewhere.

An SVG opened by its own address is a document of the portal's origin: a <script> in a partner's
logo would run there. So every SVG a project publishes is parsed (defusedxml: no DTD, no entity
expansion) and written again with only what draws: the elements of an allowlist, no event
handler, no reference outside the file (href and url() only to #fragments, raster images only
as data: URIs), no <foreignObject>, no metadata (RDF and editor data often name the author), no
comments. What was removed is reported, so the coordinator can ask the sender why it was there.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

import tinycss2
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"

# What draws, and nothing else: shapes, text, paint servers, clipping, masking, filters.
ELEMENTS = frozenset((
    "svg", "g", "defs", "symbol", "use", "switch", "title", "desc", "a",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath", "image",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker", "style",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
    "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
    "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
    "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
))
RASTER_DATA = re.compile(r"data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*\Z")
CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)


class SvgError(ValueError):
    """The file is not an SVG image we can read: the reason, for the coordinator."""


def sanitise_svg(data: bytes) -> tuple[bytes, Counter[str]]:
    """The SVG written again with only what draws, and what was removed (what -> how many)."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise SvgError("an SVG with a DTD or entities, which an image does not need") from None
    except ET.ParseError as error:
        raise SvgError(f"a file that is not valid XML ({error})") from None
    if root.tag != f"{{{SVG}}}svg":
        raise SvgError(f"a file whose root element is {_name(root.tag)!r}, not an SVG <svg> element")
    removed: Counter[str] = Counter()
    _clean(root, removed)
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode(), removed


def describe(removed: Counter[str]) -> str:
    """'<script> (1), onload (2)': what sanitise_svg removed, for a message."""
    return ", ".join(f"{what} ({count})" for what, count in sorted(removed.items()))


def _clean(element: ET.Element, removed: Counter[str]) -> None:
    for child in list(element):
        namespace, name = _split(child.tag)
        if namespace != SVG or name not in ELEMENTS:
            removed[f"<{name}>"] += 1
            element.remove(child)
            continue
        _clean(child, removed)
    _clean_attributes(element, removed)
    if _split(element.tag)[1] == "style" and element.text:
        element.text, dropped = _clean_stylesheet(element.text)
        if dropped:
            removed["style rules loading from elsewhere"] += dropped


def _clean_attributes(element: ET.Element, removed: Counter[str]) -> None:
    tag = _split(element.tag)[1]
    for key, value in list(element.attrib.items()):
        namespace, name = _split(key)
        if namespace not in (None, XLINK, XML) or name.lower().startswith("on") or (namespace == XML and name == "base"):
            removed[name] += 1
            del element.attrib[key]
        elif name == "href":
            if not (value.startswith("#") or (tag in ("image", "feImage") and RASTER_DATA.match(value))):
                removed["href to another file or address"] += 1
                del element.attrib[key]
        elif name == "style":
            cleaned, dropped = _clean_declarations(value)
            if dropped:
                removed["style rules loading from elsewhere"] += dropped
                element.attrib[key] = cleaned
        elif ("url(" in value.lower() and not _local_urls_only(value)) or "javascript:" in value.lower():
            removed[f"{name} loading from elsewhere"] += 1
            del element.attrib[key]


def _local_urls_only(css: str) -> bool:
    """Every url() of a value points inside the file (url(#gradient))."""
    return all(match.group(2).strip().startswith("#") for match in CSS_URL.finditer(css))


def _clean_declarations(css: str) -> tuple[str, int]:
    """A style attribute without the declarations that load from elsewhere."""
    kept, dropped = [], 0
    for item in tinycss2.parse_blocks_contents(css, skip_comments=True, skip_whitespace=True):
        text = tinycss2.serialize([item]) if item.type != "declaration" else _declaration(item)
        if item.type != "declaration" or not _local_urls_only(text) or "expression(" in text.lower():
            dropped += item.type != "whitespace"
            continue
        kept.append(text)
    return "; ".join(kept), dropped


def _clean_stylesheet(css: str) -> tuple[str, int]:
    """A <style> element's rules without at-rules (@import, @font-face load files) and without
    the declarations that load from elsewhere."""
    rules, dropped = [], 0
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            dropped += 1
            continue
        declarations, lost = _clean_declarations(tinycss2.serialize(rule.content))
        dropped += lost
        rules.append(f"{tinycss2.serialize(rule.prelude).strip()} {{ {declarations} }}")
    return "\n".join(rules), dropped


def _declaration(declaration) -> str:
    value = tinycss2.serialize(declaration.value).strip()
    return f"{declaration.name}: {value}" + (" !important" if declaration.important else "")


def _split(tag: str) -> tuple[str | None, str]:
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return None, tag


def _name(tag: str) -> str:
    return _split(tag)[1] if isinstance(tag, str) else "?"


ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)

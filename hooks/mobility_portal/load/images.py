"""Images from partners and cameras, made fit to publish and to print.

A raster image (PNG, JPEG, WebP, GIF) must decode with Pillow, be of the type its name says and
stay within sizes a camera makes; it is published as copies we encode: one for the web (at most
1,600 pixels a side) and one for print (at most 2,400: a full A4 width at 200 dpi), turned the way
the camera held it, without metadata (EXIF can hold where a photo was taken and by whom). An SVG
is written again by load/svg.py. The copies of raster images are kept in a cache by the hash of the
file, so a build re-encodes only new pictures.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import PIL
from PIL import Image as PILImage
from PIL import ImageFile, ImageOps, UnidentifiedImageError

from .svg import SvgError, describe, sanitise_svg

FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP", ".gif": "GIF"}
MEDIA_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}
# A phone photo is 3 to 8 MB and 12 to 50 megapixels; a camera's raw JPEG up to 25 MB. Above,
# the file is not a picture for a web page, and decoding it would take hundreds of MB per worker.
MAX_BYTES = 25_000_000
MAX_PIXELS = 100_000_000
MAX_SVG_BYTES = 5_000_000  # a logo is a few KB, a detailed illustration a few hundred
WEB_SIDE = 1600  # sharp on a laptop screen at full width of the content column, twice over on a phone
PRINT_SIDE = 2400  # a full A4 width (210 mm) at 290 dpi; logos and photos print far smaller
QUALITY = 85
VERSION = "1"  # of the copies: changing how they are made invalidates the cache


@dataclass(frozen=True)
class Image:
    web: bytes
    printed: bytes
    media_type: str
    removed: str = ""  # what was taken out of an SVG, for a warning


class ImageError(ValueError):
    """An image that cannot be published: what was expected and found, and a hint."""

    def __init__(self, expected: str, found: str, hint: str = ""):
        super().__init__(f"expected {expected}, found {found}")
        self.expected, self.found, self.hint = expected, found, hint


def prepare_image(data: bytes, name: str, cache: Path | None = None) -> Image:
    """The web and print copies of an image file, or ImageError."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".svg":
        return _prepare_svg(data)
    kind = FORMATS.get(suffix)
    if kind is None:
        raise ImageError("an image (.png, .jpg, .webp, .gif or .svg)", repr(name), "save it as JPEG (photos) or PNG or SVG (logos)")
    if len(data) > MAX_BYTES:
        raise ImageError(f"an image under {MAX_BYTES // 1_000_000} MB", f"{len(data) / 1_000_000:.1f} MB",
                         f"export it at about {WEB_SIDE * 2} pixels across: it will print and show as well")
    key = hashlib.sha256(b"\0".join([data, VERSION.encode(), PIL.__version__.encode()])).hexdigest()
    cached = _cached(cache, key, suffix)
    if cached:
        return Image(*cached, MEDIA_TYPES[kind])
    image = _decode(data, kind)
    web, printed = _encode(_fit(image, WEB_SIDE), kind), _encode(_fit(image, PRINT_SIDE), kind)
    _keep(cache, key, suffix, web, printed)
    return Image(web, printed, MEDIA_TYPES[kind])


def _prepare_svg(data: bytes) -> Image:
    if len(data) > MAX_SVG_BYTES:
        raise ImageError(f"an SVG image under {MAX_SVG_BYTES // 1_000_000} MB", f"{len(data) / 1_000_000:.1f} MB",
                         "simplify it in its drawing program, or export it as PNG")
    try:
        clean, removed = sanitise_svg(data)
    except SvgError as error:
        raise ImageError("an SVG image", str(error), "export it again as SVG from its drawing program, or as PNG") from None
    return Image(clean, clean, "image/svg+xml", describe(removed))


def _decode(data: bytes, kind: str) -> PILImage.Image:
    """The image decoded whole (a truncated file fails here, not in a PDF renderer)."""
    hint = "open it in an image program and save it again as PNG or JPEG"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)  # our own limit is checked below
            image = PILImage.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise ImageError(f"an image of at most {MAX_PIXELS // 1_000_000} megapixels",
                                 f"{image.width} × {image.height} pixels", f"export it at about {WEB_SIDE * 2} pixels across")
            if image.format != kind:
                raise ImageError(f"{kind} data, as the file's name says", f"{image.format or 'unknown'} data",
                                 "give the file the extension of its type, or save it again as its name says")
            truncated_allowed, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
            try:  # WeasyPrint, once imported, lets Pillow fill a truncated image with grey: not ours
                image.load()
            finally:
                ImageFile.LOAD_TRUNCATED_IMAGES = truncated_allowed
    except ImageError:
        raise
    except PILImage.DecompressionBombError:
        raise ImageError(f"an image of at most {MAX_PIXELS // 1_000_000} megapixels", "one of over twice as many",
                         f"export it at about {WEB_SIDE * 2} pixels across") from None
    except UnidentifiedImageError:
        raise ImageError("an image", "a file that is not one (no picture format recognised)", hint) from None
    except (OSError, SyntaxError, ValueError) as error:
        reason = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
        raise ImageError("an image", f"one that does not decode ({reason})", hint) from None
    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)  # an animated GIF: its first picture
    return ImageOps.exif_transpose(image)  # as the camera was held; the EXIF itself is dropped


def _fit(image: PILImage.Image, side: int) -> PILImage.Image:
    if max(image.size) <= side:
        return image
    if image.mode == "P":
        image = image.convert("RGBA")
    copy = image.copy()
    copy.thumbnail((side, side), PILImage.Resampling.LANCZOS)
    return copy


def _encode(image: PILImage.Image, kind: str) -> bytes:
    """The picture alone: no EXIF, XMP or comment; the colour profile kept (colours would shift)."""
    out = io.BytesIO()
    image = image.copy()
    # Pillow writes some of what it read back (a JPEG or GIF comment): only the pixels' own keys stay.
    image.info = {key: value for key, value in image.info.items() if key in ("icc_profile", "transparency")}
    options: dict = {"icc_profile": image.info["icc_profile"]} if image.info.get("icc_profile") else {}
    if kind == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        options.update(quality=QUALITY, optimize=True, progressive=True)
    elif kind == "PNG":
        options.update(optimize=True)
    elif kind == "WEBP":
        options.update(quality=QUALITY, method=6)
    image.save(out, kind, **options)
    return out.getvalue()


def _cached(cache: Path | None, key: str, suffix: str) -> tuple[bytes, bytes] | None:
    if cache is None:
        return None
    try:
        return (cache / f"{key}-web{suffix}").read_bytes(), (cache / f"{key}-print{suffix}").read_bytes()
    except OSError:
        return None


def _keep(cache: Path | None, key: str, suffix: str, web: bytes, printed: bytes) -> None:
    """Into the cache, written then renamed: a build stopped halfway leaves no half image."""
    if cache is None:
        return
    try:
        cache.mkdir(parents=True, exist_ok=True)
        for which, content in (("print", printed), ("web", web)):
            partial = cache / f"{key}-{which}{suffix}.part"
            partial.write_bytes(content)
            partial.replace(cache / f"{key}-{which}{suffix}")
    except OSError:
        pass  # a cache that cannot be written only costs time

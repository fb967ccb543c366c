"""Images done right, for every app: validated upload, metadata stripped, renditions made here.

Usage (any app):
- a form field set: `ImageForm` (file, alt text, credit, caption – alt text and credit required);
- the write: `image_create(upload=…, alt_text=…, credit=…, by=user)` – checks the real content
  type (magic bytes with `filetype`, then a full decode with Pillow), rejects oversized and
  decompression-bomb files, re-encodes the picture without EXIF/GPS/XMP metadata and enqueues
  `generate_image_renditions` (django_tasks) for the responsive sizes (WebP + JPEG/PNG);
- the markup: `{% load beko_images %}{% picture image sizes="…" %}` renders `<figure>` with
  `<picture>`, `srcset`, width/height (no layout shift), lazy loading and the credit line;
  `{% image_credits %}` (in base.html) lists every image of the page under "Bildnachweise".
"""

from __future__ import annotations

import hashlib
import io
import logging
import secrets
import warnings
from dataclasses import dataclass
from typing import Any

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from .models import Image

logger = logging.getLogger(__name__)

# Real content types we accept (decided from the bytes, never from the name or the browser).
ACCEPTED_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
# Widths generated for srcset; a rendition is never wider than the stored original.
RENDITION_WIDTHS = (320, 480, 640, 960, 1280, 1600)
# The stored original is scaled down to this long edge: nobody needs more on a web page.
MASTER_MAX_EDGE = 2400
MIN_EDGE = 100
MAX_PIXELS = 40_000_000
WEBP_QUALITY = 76
JPEG_QUALITY = 80


def max_upload_bytes() -> int:
    return int(getattr(settings, "BEKO_IMAGE_MAX_BYTES", 10 * 1024 * 1024))


@dataclass(frozen=True)
class DecodedImage:
    picture: PILImage.Image
    has_alpha: bool
    sha256: str


def image_decode_upload(*, data: bytes, min_edge: int = MIN_EDGE) -> DecodedImage:
    """Check and decode uploaded bytes; raise ValidationError with a German message."""
    limit = max_upload_bytes()
    if len(data) > limit:
        raise ValidationError(
            _("Die Datei ist zu groß (höchstens %(mb)s MB).") % {"mb": limit // (1024 * 1024)},
            code="too_large",
        )
    if not data:
        raise ValidationError(_("Die Datei ist leer."), code="empty")
    kind = filetype.guess(data[:8192])
    if kind is None or kind.mime not in ACCEPTED_TYPES:
        raise ValidationError(
            _("Nur Fotos und Grafiken im Format JPEG, PNG oder WebP sind erlaubt."),
            code="content_type",
        )
    broken = ValidationError(
        _(
            "Die Datei ist kein lesbares Bild. Bitte speichern Sie es neu und laden Sie es erneut hoch."
        ),
        code="broken",
    )
    too_big = ValidationError(
        _("Das Bild hat zu viele Pixel (höchstens %(mp)s Megapixel).")
        % {"mp": MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            picture: PILImage.Image = PILImage.open(io.BytesIO(data))
            if picture.format != ACCEPTED_TYPES[kind.mime]:
                raise broken
            if picture.width * picture.height > MAX_PIXELS:
                raise too_big
            picture.load()
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
            raise too_big from exc
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise broken from exc
    if min(picture.size) < min_edge:
        raise ValidationError(
            _("Das Bild ist zu klein (mindestens %(px)s Pixel an jeder Seite).") % {"px": min_edge},
            code="too_small",
        )
    # Apply the camera's orientation, then drop every piece of metadata (EXIF incl. GPS, XMP,
    # comments, ICC): the new image object starts with an empty info dict.
    picture = ImageOps.exif_transpose(picture)
    has_alpha = picture.mode in {"RGBA", "LA", "PA"} or (
        picture.mode == "P" and "transparency" in picture.info
    )
    picture = picture.convert("RGBA" if has_alpha else "RGB")
    clean = PILImage.new(picture.mode, picture.size)
    clean.paste(picture)
    clean.thumbnail((MASTER_MAX_EDGE, MASTER_MAX_EDGE), PILImage.Resampling.LANCZOS)
    return DecodedImage(picture=clean, has_alpha=has_alpha, sha256=hashlib.sha256(data).hexdigest())


def _encode(picture: PILImage.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "webp":
        picture.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    elif fmt == "jpeg":
        picture.convert("RGB").save(
            buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True
        )
    else:
        picture.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def image_clean_file(*, upload: UploadedFile, min_edge: int = MIN_EDGE) -> ContentFile:
    """The cleaned, re-encoded copy of an upload for a plain ImageField (logos, event photos).

    Same checks as `image_create` (real type, pixel limit, polyglots fail the full decode)
    and the same re-encoding without EXIF/GPS/XMP; raises ValidationError in German.
    """
    upload.seek(0)
    decoded = image_decode_upload(data=b"".join(upload.chunks()), min_edge=min_edge)
    fmt = "png" if decoded.has_alpha else "jpeg"
    extension = "png" if decoded.has_alpha else "jpg"
    return ContentFile(_encode(decoded.picture, fmt), name=f"image.{extension}")


def _folder() -> str:
    now = timezone.now()
    return f"images/{now:%Y}/{now:%m}/{secrets.token_hex(8)}"


@transaction.atomic
def image_create(
    *, upload: UploadedFile | bytes, alt_text: str, credit: str, caption: str = "", by: Any = None
) -> Image:
    """Store a cleaned copy of the upload and enqueue its renditions."""
    from .tasks import generate_image_renditions

    alt_text, credit = alt_text.strip(), credit.strip()
    if not alt_text:
        raise ValidationError(_("Bitte geben Sie einen Alternativtext an."), code="alt_required")
    if not credit:
        raise ValidationError(_("Bitte geben Sie den Bildnachweis an."), code="credit_required")
    data = upload if isinstance(upload, bytes) else b"".join(upload.chunks())
    decoded = image_decode_upload(data=data)
    fallback = "png" if decoded.has_alpha else "jpeg"
    name = default_storage.save(
        f"{_folder()}/original.{'png' if fallback == 'png' else 'jpg'}",
        ContentFile(_encode(decoded.picture, fallback)),
    )
    image = Image(
        file=name,
        alt_text_de=alt_text,
        credit=credit,
        caption_de=caption.strip(),
        width=decoded.picture.width,
        height=decoded.picture.height,
        fallback_format=fallback,
        sha256=decoded.sha256,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    image.save()
    generate_image_renditions.enqueue(image_id=image.pk)
    # With the immediate backend (development, tests) the renditions exist now.
    image.refresh_from_db(fields=["renditions"])
    logger.info("image stored", extra={"image_id": image.pk, "width": image.width})
    return image


def image_generate_renditions(*, image: Image) -> Image:
    """Make every responsive size in WebP and the fallback format (idempotent)."""
    name = str(image.file.name)  # a saved Image always has its file
    with default_storage.open(name, "rb") as handle:
        master = PILImage.open(io.BytesIO(handle.read()))
        master.load()
    folder = name.rsplit("/", 1)[0]
    widths = [w for w in RENDITION_WIDTHS if w < master.width]
    widths.append(min(master.width, RENDITION_WIDTHS[-1]))
    renditions = []
    for width in sorted(set(widths)):
        height = max(1, round(master.height * width / master.width))
        resized = (
            master
            if width == master.width
            else master.resize((width, height), PILImage.Resampling.LANCZOS)
        )
        for fmt in ("webp", image.fallback_format):
            extension = {"webp": "webp", "jpeg": "jpg", "png": "png"}[fmt]
            target = f"{folder}/w{width}.{extension}"
            if default_storage.exists(target):
                default_storage.delete(target)
            stored = default_storage.save(target, ContentFile(_encode(resized, fmt)))
            renditions.append({"width": width, "height": height, "format": fmt, "name": stored})
    image.renditions = renditions
    image.save(update_fields=["renditions"])
    return image


@transaction.atomic
def image_update(*, image: Image, alt_text: str, credit: str, caption: str = "") -> Image:
    if not alt_text.strip() or not credit.strip():
        raise ValidationError(_("Alternativtext und Bildnachweis sind Pflichtangaben."))
    image.alt_text_de = alt_text.strip()  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
    image.credit = credit.strip()
    image.caption_de = caption.strip()  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
    image.save()
    return image


def image_delete(*, image: Image) -> None:
    names = [image.file.name, *(r["name"] for r in image.renditions)]
    image.delete()
    for name in names:
        if name and default_storage.exists(name):
            default_storage.delete(name)


@dataclass(frozen=True)
class PictureSources:
    src: str
    width: int
    height: int
    webp_srcset: str
    fallback_srcset: str
    fallback_type: str


def image_sources(*, image: Image, max_width: int | None = None) -> PictureSources:
    """URLs for `<picture>`: srcset per format; `src` is a mid-size fallback rendition.

    Until the renditions exist (queued job) the cleaned original is served alone.
    """
    renditions = [
        r for r in image.renditions if max_width is None or r["width"] <= max_width
    ] or image.renditions
    by_format: dict[str, list[dict[str, Any]]] = {}
    for rendition in renditions:
        by_format.setdefault(rendition["format"], []).append(rendition)

    def srcset(items: list[dict[str, Any]]) -> str:
        return ", ".join(f"{default_storage.url(r['name'])} {r['width']}w" for r in items)

    fallback = by_format.get(image.fallback_format, [])
    if fallback:
        middle = next((r for r in fallback if r["width"] >= 640), fallback[-1])
        src = default_storage.url(middle["name"])
    else:
        src = default_storage.url(image.file.name)
    return PictureSources(
        src=src,
        width=image.width,
        height=image.height,
        webp_srcset=srcset(by_format.get("webp", [])),
        fallback_srcset=srcset(fallback),
        fallback_type=f"image/{image.fallback_format}",
    )


def image_largest_url(*, image: Image, fmt: str | None = None, max_width: int = 1280) -> str:
    """Absolute-path URL of the largest rendition up to `max_width` (OpenGraph, feeds)."""
    fmt = fmt or image.fallback_format
    candidates = [r for r in image.renditions if r["format"] == fmt and r["width"] <= max_width]
    if candidates:
        return default_storage.url(max(candidates, key=lambda r: r["width"])["name"])
    return default_storage.url(image.file.name)


class ImageForm(forms.Form):
    """Upload fields; alt text and credit are required with messages that say why."""

    file = forms.FileField(
        label=gettext_lazy("Bilddatei (JPEG, PNG oder WebP)"),
        error_messages={"required": gettext_lazy("Bitte wählen Sie eine Bilddatei aus.")},
    )
    alt_text = forms.CharField(
        label=gettext_lazy("Alternativtext"),
        max_length=300,
        help_text=gettext_lazy(
            "Beschreiben Sie kurz, was zu sehen ist – Screenreader lesen diesen Text vor."
        ),
        error_messages={
            "required": gettext_lazy(
                "Bitte geben Sie einen Alternativtext an: Er beschreibt das Bild für Menschen, "
                "die es nicht sehen können."
            )
        },
    )
    credit = forms.CharField(
        label=gettext_lazy("Bildnachweis"),
        max_length=200,
        help_text=gettext_lazy("Wer hat das Foto gemacht? Erscheint als „Bildnachweis: …“."),
        error_messages={
            "required": gettext_lazy(
                "Bitte geben Sie den Bildnachweis an: Jedes Foto braucht eine Urheberangabe."
            )
        },
    )
    caption = forms.CharField(
        label=gettext_lazy("Bildunterschrift"), max_length=300, required=False
    )

    def __init__(self, *args: Any, required: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Optional (e.g. "replace the lead image"): empty is fine, but a chosen file still
        # needs its alt text and credit.
        self.upload_required = required
        if not required:
            for field in self.fields.values():
                field.required = False

    def clean_file(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if upload.size and upload.size > max_upload_bytes():
            raise ValidationError(
                _("Die Datei ist zu groß (höchstens %(mb)s MB).")
                % {"mb": max_upload_bytes() // (1024 * 1024)}
            )
        data = b"".join(upload.chunks())
        image_decode_upload(data=data)
        upload.seek(0)
        return upload

    def clean_credit(self) -> str:
        credit = self.cleaned_data.get("credit", "").strip()
        # Staff often type the prefix themselves; we add it when displaying.
        for prefix in ("Bildnachweis:", "Foto:", "©"):
            if credit.lower().startswith(prefix.lower()):
                credit = credit[len(prefix) :].strip()
        if self.upload_required and not credit:
            raise ValidationError(self.fields["credit"].error_messages["required"])
        return credit

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.upload_required and cleaned.get("file"):
            for name in ("alt_text", "credit"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned

    def has_upload(self) -> bool:
        return bool(self.cleaned_data.get("file"))

    def save(self, *, by: Any) -> Image:
        return image_create(
            upload=self.cleaned_data["file"],
            alt_text=self.cleaned_data["alt_text"],
            credit=self.cleaned_data["credit"],
            caption=self.cleaned_data.get("caption", ""),
            by=by,
        )

"""`{% picture %}` renders a responsive, credited image; `{% image_credits %}` lists the credits.

Every image rendered through `{% picture %}` is remembered on the request, so the
"Bildnachweise" block at the end of the page (base.html) lists exactly the images shown.
"""

from __future__ import annotations

from typing import Any

from django import template

from beko.core.images import image_sources

register = template.Library()

_CREDITS_ATTR = "_beko_image_credits"


def _remember(context: template.Context, image: Any) -> None:
    request = context.get("request")
    if request is None:
        return
    remember_images(request, [image])


def images_shown(request: Any) -> dict[int, Any]:
    """The images rendered with `{% picture %}` on this request so far, by id."""
    return dict(getattr(request, _CREDITS_ATTR, None) or {})


def remember_images(request: Any, images: list[Any]) -> None:
    """Credit `images` on this request, e.g. those of a block whose HTML came from a cache
    (its `{% picture %}` tags did not run again, but the credits must still be listed)."""
    shown: dict[int, Any] = getattr(request, _CREDITS_ATTR, None) or {}
    for image in images:
        shown.setdefault(image.pk, image)
    setattr(request, _CREDITS_ATTR, shown)


@register.inclusion_tag("includes/picture.html", takes_context=True)
def picture(
    context: template.Context,
    image: Any,
    *,
    sizes: str = "(min-width: 48rem) 48rem, 100vw",
    lazy: bool = True,
    css_class: str = "",
    caption: bool = True,
    max_width: int | None = None,
    decorative: bool = False,
) -> dict[str, Any]:
    """`lazy=False` for the first image on screen (it is the largest contentful paint)."""
    if image is None:
        return {"image": None}
    _remember(context, image)
    return {
        "image": image,
        "sources": image_sources(image=image, max_width=max_width),
        "sizes": sizes,
        "lazy": lazy,
        "css_class": css_class,
        "caption": caption,
        "decorative": decorative,
    }


@register.inclusion_tag("includes/image_credits.html", takes_context=True)
def image_credits(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    shown = getattr(request, _CREDITS_ATTR, None) or {}
    return {"credit_images": list(shown.values())}

"""The site's icons: which picture stands for which thing, in one place.

The pictures are Tabler Icons (MIT licence, outline style: 24 px grid, 2 px round strokes),
vendored under `static/vendor/tabler-icons/` – only the files listed in `ICON_FILES`. One set,
one style. `{% icon "name" %}` (templatetags/beko_icons.py) inlines them as SVG with
`aria-hidden="true"`: an icon never carries meaning alone, a text always stands beside it.

The mappings below name domain things by their stable keys (category slugs, audience codes,
attribute names, guide topics) as plain strings, so core imports no domain app. A thing
without an entry gets `FALLBACK`; `beko/core/tests/test_icons.py` makes sure every category
in the data, every attribute, audience and guide topic has its own entry.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parent / "static" / "vendor" / "tabler-icons"

# Icons that point somewhere: mirrored in right-to-left languages (CSS `.icon--mirror`).
DIRECTIONAL = frozenset({"arrow-right", "arrow-left", "chevron-right", "chevron-left"})

FALLBACK = "info-circle"

# Directory categories (directory.Category.slug; seeded in directory migration 0003).
CATEGORY_ICONS: dict[str, str] = {
    "arbeit-beruf": "briefcase",
    "ausbildung": "tools",
    "anerkennung": "certificate",
    "sprache": "language",
    "beratung": "messages",
    "beratung-migration": "id",
    "beratung-recht": "scale",
    "beratung-schulden": "receipt-euro",
    "beratung-gesundheit": "stethoscope",
    "wohnen": "home",
    "kinder-familie": "mood-kid",
    "schule": "school",
    "gesundheit": "first-aid-kit",
    "begegnung-freizeit": "coffee",
    "ehrenamt-patenschaften": "heart-handshake",
    "frauen": "woman",
    "jugend": "ball-football",
}

# Offer attributes shown on cards and detail pages (directory.Offer fields and filters).
ATTRIBUTE_ICONS: dict[str, str] = {
    "free": "currency-euro-off",
    "wheelchair": "wheelchair",
    "online": "device-laptop",
    "childcare": "baby-carriage",
    "languages": "language",
    "on_site": "map-pin",
    "by_phone": "phone",
    "hearing_loop": "ear",
    "sign_language": "hand-finger",
    "registration": "clipboard-check",
    "open_now": "clock",
    "distance": "map-pin",
}

# Audiences (beko.core.vocabulary.Audience): the news app's audience pages, the events'
# audiences, the directory's target groups, the FAQ's audiences and the asker types.
AUDIENCE_ICONS: dict[str, str] = {
    "volunteers": "heart-handshake",
    "employers": "building-factory-2",
    "counselling": "messages",
    "associations": "users-group",
    "refugees": "users",
    "about": "info-circle",
}

# Topics of the guide "Wege in Arbeit" (guide.rulebase.TOPICS).
GUIDE_TOPIC_ICONS: dict[str, str] = {
    "employment": "briefcase",
    "employment_ba_consent": "file-check",
    "self_employment": "building-store",
    "vocational_training": "tools",
    "benefits": "wallet",
    "integration_course": "book",
    "job_language_course": "message-language",
    "routes": "route",
    "next_steps": "list-check",
    "employer": "building-factory-2",
}

# Pictures of the site's own sections and actions.
UI_ICONS = frozenset(
    {
        "search", "map", "map-2", "calendar-event", "news", "phone", "mail", "route",
        "arrow-right", "arrow-left", "chevron-right", "chevron-left", "chevron-down",
        "adjustments-horizontal", "x", "printer", "share", "download", "chart-bar", "clock",
        "external-link", "help-circle", "info-circle", "building-community", "compass",
    }
)  # fmt: skip

MAPPINGS: dict[str, dict[str, str]] = {
    "category": CATEGORY_ICONS,
    "attribute": ATTRIBUTE_ICONS,
    "audience": AUDIENCE_ICONS,
    "guide_topic": GUIDE_TOPIC_ICONS,
}

# Every file that must be vendored: the union of all mappings and the UI set.
ICON_FILES = frozenset(
    {FALLBACK, *UI_ICONS, *(name for mapping in MAPPINGS.values() for name in mapping.values())}
)


def icon_for(kind: str, key: str) -> str:
    """The icon name for a domain thing, e.g. `icon_for("category", "sprache")`."""
    mapping = MAPPINGS.get(kind)
    if mapping is None:
        raise ValueError(f"unknown icon kind {kind!r}; one of {sorted(MAPPINGS)}")
    return mapping.get(key, FALLBACK)


_BOUNDING_BOX = re.compile(r'<path stroke="none" d="M0 0h24v24H0z" fill="none"\s*/>')
_BODY = re.compile(r"<svg[^>]*>(.*)</svg>", re.DOTALL)


@cache
def icon_body(name: str) -> str:
    """The inner SVG markup of a vendored icon (read once per process).

    Raises ValueError for a name that is not vendored, so a typo fails loudly in tests
    instead of showing an empty square.
    """
    if name not in ICON_FILES:
        raise ValueError(f"icon {name!r} is not in beko.core.icons.ICON_FILES")
    text = (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8")
    match = _BODY.search(text)
    if match is None:
        raise ValueError(f"{name}.svg is not an SVG file")
    body = _BOUNDING_BOX.sub("", match.group(1))
    return re.sub(r"\s*\n\s*", "", body).replace(" />", "/>")

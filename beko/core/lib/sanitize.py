"""The one place that decides which HTML staff may store (rich text of pages, news, offers)."""

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "sub", "sup", "blockquote", "code", "pre",
    "h2", "h3", "h4", "ul", "ol", "li", "dl", "dt", "dd", "a", "abbr", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "lang", "hreflang"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "*": {"lang", "dir"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(html: str) -> str:
    """Return `html` reduced to the allowed tags, attributes and URL schemes.

    Scripts, event handlers, style attributes and javascript: URLs are removed; links get
    rel="noopener noreferrer".
    """
    attributes = {tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items() if tag != "*"}
    generic = ALLOWED_ATTRIBUTES["*"]
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={**attributes, "*": generic},
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )

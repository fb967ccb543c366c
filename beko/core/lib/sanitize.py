"""The one place that decides which HTML staff may store (rich text of pages, news, offers)."""

import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "u", "s", "sub", "sup", "blockquote", "code", "pre",
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

# Word and older texts say <b>/<i>; the editor and screen readers mean <strong>/<em>. A pasted
# <h1> becomes <h2>, because the page around the text already has its one <h1>.
_RENAMED_TAGS = {"b": "strong", "i": "em", "h1": "h2"}
_RENAMED = re.compile(r"<(/?)(b|i|h1)(?=[\s>])")
# Word's empty spacer paragraphs (<p class=MsoNormal><o:p>&nbsp;</o:p></p>).
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|\xa0|<br>)*</p>")


def sanitize_html(html: str) -> str:
    """Return `html` reduced to the allowed tags, attributes and URL schemes.

    Scripts, event handlers, style attributes and javascript: URLs are removed; links get
    rel="noopener noreferrer". Pasted Word HTML keeps its headings, lists, links and emphasis
    (<b>/<i> become <strong>/<em>, <h1> <h2>); classes, styles, <o:p> and empty paragraphs go.
    """
    attributes = {tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items() if tag != "*"}
    generic = ALLOWED_ATTRIBUTES["*"]
    # <b>, <i> and <h1> are allowed through nh3 only to be renamed afterwards, when the markup is
    # well-formed and every "<" in text is escaped, so the rename can only hit real tags.
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS | set(_RENAMED_TAGS),
        attributes={**attributes, "*": generic},
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    cleaned = _RENAMED.sub(lambda match: f"<{match[1]}{_RENAMED_TAGS[match[2]]}", cleaned)
    return _EMPTY_PARAGRAPH.sub("", cleaned)

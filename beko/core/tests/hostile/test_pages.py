"""Hostile query parameters against every public page, in German (/) and English (/en/).

The parameters come from the URLconf and the pages' filter forms: every form field, plus
`page`. Each payload goes into all parameters of a page at once; the sharpest payloads also
into each parameter on its own. No answer may be a 5xx; a 4xx must show an error in the
visitor's language.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from beko.directory.forms import OfferSearchForm
from beko.events.forms import EventFilterForm
from beko.faq.forms import FaqSearchForm
from beko.guide.forms import EmployerForm, GuideForm
from beko.inquiries.forms import SuggestionForm
from beko.news.forms import NewsFilterForm, SiteSearchForm

from .checks import problems_with
from .payloads import RAW_QUERY_PAYLOADS, SHARP, SHARP_RAW, TEXT_PAYLOADS

pytestmark = pytest.mark.usefixtures("demo_database", "db")


def _fields(*forms: Any, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    names = {name for form in forms for name in form.base_fields}
    return tuple(sorted(names | {"page", *extra}))


# URL name -> the query parameters the page reads. Pages without a filter form still get
# `page` and `q`: hostile input in parameters a page ignores must not hurt either.
PAGES: dict[str, tuple[str, ...]] = {
    "core:home": _fields(extra=("q",)),
    "core:set_language": ("language", "next"),
    "directory:offer_list": _fields(OfferSearchForm),
    "directory:organisation_list": _fields(extra=("q",)),
    "events:event_list": _fields(EventFilterForm),
    "events:event_archive": _fields(EventFilterForm),
    "events:feed": _fields(EventFilterForm),
    "faq:list": _fields(FaqSearchForm),
    "guide:start": _fields(GuideForm, extra=("step",)),
    "guide:result": _fields(GuideForm),
    "guide:result_print": _fields(GuideForm),
    "guide:result_sheet": _fields(GuideForm, extra=("lang", "second")),
    "guide:papers": _fields(extra=("q",)),
    "guide:glossary": _fields(extra=("q",)),
    "guide:employer": _fields(EmployerForm, extra=("step",)),
    "guide:employer_result": _fields(EmployerForm),
    "inquiries:contact": _fields(extra=("q", "topic")),
    "inquiries:suggestions": _fields(SuggestionForm),
    "news:news_list": _fields(NewsFilterForm),
    "news:feed_rss": _fields(extra=("q",)),
    "news:feed_atom": _fields(extra=("q",)),
    "pages:about": _fields(extra=("q",)),
    "pages:search": _fields(SiteSearchForm),
    "accounts:login": ("next", "username"),
    "accounts:password_reset": ("next", "email"),
    "accounts:password_reset_done": ("page",),
    "accounts:password_reset_complete": ("page",),
}

# Pages whose address carries an identifier (slug, id, token): hostile values in the path.
PATH_PAGES: dict[str, str] = {
    "core:page": "slug",
    "directory:offer_detail": "pk",
    "directory:offer_print": "pk",
    "directory:offer_report": "pk",
    "directory:organisation_detail": "slug",
    "directory:organisation_logo": "slug",
    "directory:offer_verify_link": "token",
    "events:event_detail": "slug",
    "events:event_photo": "slug",
    "events:event_ics": "slug",
    "events:event_register": "slug",
    "events:registration_detail": "token",
    "events:ticket_svg": "token",
    "events:registration_cancel": "token",
    "faq:detail": "slug",
    "inquiries:status": "token",
    "news:news_detail": "slug",
    "pages:audience": "slug",
    "accounts:password_reset_confirm": "token",
}
# Pages that share a view and its form with a page above: they get the sharp payloads only,
# the full list already went through the same code on their sibling.
SIBLINGS = {
    "events:event_archive": "events:event_list",
    "events:feed": "events:event_list",
    "guide:result_print": "guide:result",
    "guide:result_sheet": "guide:result",
    "guide:employer": "guide:employer_result",
    "news:feed_atom": "news:feed_rss",
    "guide:papers": "pages:about",
    "guide:glossary": "pages:about",
    "accounts:password_reset_done": "pages:about",
    "accounts:password_reset_complete": "pages:about",
}
# Pages that take a POST; the others answer it with 405 and are only asked with GET.
POST_PAGES = {
    "directory:offer_report",
    "directory:offer_verify_link",
    "events:event_register",
    "events:registration_cancel",
    "accounts:password_reset_confirm",
}
POST_ONLY = {"directory:offer_report"}
PRIVATE = ("intern/", "admin/", "konto/")
PUBLIC_ACCOUNT_PAGES = {
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_complete",
    "accounts:password_reset_confirm",
}


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> list[tuple[str, str]]:
    found = []
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += _walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            found.append((f"{namespace}{entry.name}", route))
    return found


def _public_routes() -> dict[str, str]:
    """Every named page of the localised site a visitor can open without logging in."""
    localised = next(
        entry
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver) and "LocalePrefixPattern" in type(entry.pattern).__name__
    )
    routes = dict(_walk(localised.url_patterns))
    return {
        name: route
        for name, route in routes.items()
        if not route.lstrip("^").startswith(PRIVATE) or name in PUBLIC_ACCOUNT_PAGES
    }


def test_every_public_page_is_in_the_hostile_suite():
    """A new public page without hostile tests fails here: add it to PAGES or PATH_PAGES."""
    untested = set(_public_routes()) - set(PAGES) - set(PATH_PAGES)
    assert untested == set()
    assert set(SIBLINGS) | set(SIBLINGS.values()) <= set(PAGES)


def _url(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(name)


def _get(client: Client, url: str, query: str) -> Any:
    return client.get(f"{url}?{query}")


def _rotated(params: tuple[str, ...], payloads: list[str], raw: bool) -> list[str]:
    """One query per payload; query i puts payload i+j into parameter j, so across the list
    every parameter receives every payload once, next to other hostile values."""
    count = len(payloads)
    queries = []
    for i in range(count):
        values = {param: payloads[(i + j) % count] for j, param in enumerate(params)}
        if raw:
            queries.append("&".join(f"{param}={value}" for param, value in values.items()))
        else:
            queries.append(urlencode(values))
    return queries


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_payload_in_every_parameter_of_a_page_never_gives_5xx(
    client: Client, name: str
) -> None:
    url = _url(name, "de")
    params = PAGES[name]
    failures = []
    full = ((False, TEXT_PAYLOADS), (True, RAW_QUERY_PAYLOADS))
    sharp = ((False, SHARP), (True, SHARP_RAW))
    for raw, payloads in sharp if name in SIBLINGS else full:
        for query, payload in zip(_rotated(params, payloads, raw), payloads, strict=True):
            response = _get(client, url, query)
            failures += problems_with(response, language="de", payload=payload)
    assert failures == []


@pytest.mark.parametrize("name", sorted(PAGES))
def test_english_pages_answer_hostile_input_in_english(client: Client, name: str) -> None:
    url = _url(name, "en")
    params = PAGES[name]
    failures = []
    for raw, payloads in ((False, SHARP), (True, SHARP_RAW)):
        for query, payload in zip(_rotated(params, payloads, raw), payloads, strict=True):
            response = _get(client, url, query)
            failures += problems_with(response, language="en", payload=payload)
    assert failures == []


def _path_url(name: str, argument: str, value: str, language: str) -> str:
    """The page's address with `value` in place of its identifier (bypassing the converter,
    as an attacker would)."""
    if name == "pages:audience":  # a fixed list of slugs in a regular expression
        return ("/en/" if language == "en" else "/") + quote(value, safe="") + "/"
    marker = "00000" if argument == "pk" else "platzhalter"
    kwargs = {argument: marker}
    if name == "accounts:password_reset_confirm":
        kwargs["uidb64"] = "MQ"
    if name == "events:event_photo":
        kwargs["pk"] = 1
    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
    return url.replace(marker, quote(value, safe=""))


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("name", sorted(PATH_PAGES))
def test_hostile_identifiers_in_the_address_never_give_5xx(
    client: Client, name: str, language: str
) -> None:
    failures = []
    payloads = [p for p in TEXT_PAYLOADS if p.strip(" ./")] if language == "de" else SHARP
    for payload in payloads:
        url = _path_url(name, PATH_PAGES[name], payload, language)
        if name not in POST_ONLY:
            failures += problems_with(client.get(url), language=language, payload=payload)
        if name in POST_PAGES:
            response = client.post(url, {"website": payload})
            failures += problems_with(response, language=language, payload=payload)
    assert failures == []

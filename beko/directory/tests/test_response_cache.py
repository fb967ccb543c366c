"""The response cache (beko/core/lib/response_cache.py) on the directory's pages and API:
cached for anonymous visitors, changed at once by every staff or partner edit."""

from __future__ import annotations

import gzip
import re
from typing import Any

import brotli
import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from beko.core.lib import response_cache
from beko.directory.models import OfferChange, OfferReport

from .test_staff import _form_data


@pytest.fixture
def offer(make_offer: Any) -> Any:
    return make_offer("Sprachcafé", categories=("sprache",))


def _urls(offer: Any) -> list[str]:
    return [
        "/api/v1/offers?page_size=100",
        "/api/v1/offers?q=Sprachcaf%C3%A9",
        f"/api/v1/offers/{offer.pk}",
        "/angebote/",
        "/angebote/?q=Sprachcaf%C3%A9",
        f"/angebote/{offer.pk}/",
        "/en/angebote/",
        "/",
    ]


def _warm(client: Any, urls: list[str]) -> None:
    for url in urls:
        assert client.get(url).status_code == 200, url
        again = client.get(url)
        assert again.status_code == 200
        assert again["X-Cache"] == "hit", url


def _text(response: Any) -> str:
    return response.content.decode()


def test_anonymous_get_is_answered_from_the_cache_with_the_same_bytes(
    anon_client: Any, offer: Any
) -> None:
    first = anon_client.get("/api/v1/offers")
    second = anon_client.get("/api/v1/offers")
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert first.content == second.content
    assert "Sprachcafé" in _text(second)
    assert first["ETag"] == second["ETag"]
    assert second["Content-Type"] == "application/json"


def test_staff_edit_changes_every_cached_response_at_once(
    anon_client: Any, staff_client: Any, offer: Any
) -> None:
    _warm(anon_client, _urls(offer))
    response = staff_client.post(
        f"/intern/directory/angebote/{offer.pk}/", _form_data(title="Sprachcafé Nordstadt")
    )
    assert response.status_code == 302
    for url in _urls(offer):
        if url == "/":
            continue  # the home page shows counts, not titles
        assert "Nordstadt" in _text(anon_client.get(url)), url


def test_partner_edit_shows_only_after_approval_then_at_once(
    anon_client: Any, partner_client: Any, staff_client: Any, offer: Any
) -> None:
    _warm(anon_client, _urls(offer))
    partner_client.post(
        f"/intern/directory/angebote/{offer.pk}/", _form_data(title="Sprachcafé am Abend")
    )
    assert "am Abend" not in _text(anon_client.get(f"/api/v1/offers/{offer.pk}"))
    change = OfferChange.objects.get(state=OfferChange.State.PENDING)
    staff_client.post(f"/intern/directory/freigaben/{change.pk}/", {"decision": "approve"})
    for url in _urls(offer):
        if url == "/":
            continue
        assert "am Abend" in _text(anon_client.get(url)), url


def test_unpublishing_removes_the_offer_from_cached_lists_and_detail(
    anon_client: Any, staff_client: Any, offer: Any
) -> None:
    _warm(anon_client, _urls(offer))
    staff_client.post(f"/intern/directory/angebote/{offer.pk}/status/", {"status": "archived"})
    offer.refresh_from_db()
    assert offer.status == "archived"
    assert anon_client.get(f"/api/v1/offers/{offer.pk}").status_code == 404
    assert "Sprachcafé" not in _text(anon_client.get("/api/v1/offers?page_size=100"))


def test_partner_location_edit_changes_cached_offers_and_locations(
    anon_client: Any, partner_client: Any, offer: Any, staff_user: Any
) -> None:
    from beko.directory import services
    from beko.directory.models import LocationChange

    location = offer.locations.get()
    urls = [f"/api/v1/offers/{offer.pk}", "/api/v1/locations", "/api/v1/offers"]
    _warm(anon_client, urls)
    response = partner_client.post(
        f"/intern/directory/orte/{location.pk}/",
        {
            "name": "Stadtteiltreff",
            "street": "Neue Straße 7",
            "postal_code": "42103",
            "city": "Wuppertal",
            "district": location.district_id,
        },
    )
    assert response.status_code == 302
    # A partner's edit of a place waits for review: the cached pages still show the old one.
    for url in urls:
        assert "Neue Straße 7" not in _text(anon_client.get(url)), url
    change = LocationChange.objects.get(location=location)
    services.location_change_decide(change=change, approve=True, by=staff_user)
    for url in urls:
        assert "Neue Straße 7" in _text(anon_client.get(url)), url


def test_staff_organisation_edit_changes_cached_offers_and_organisations(
    anon_client: Any, staff_client: Any, offer: Any, organisation: Any
) -> None:
    urls = [f"/api/v1/offers/{offer.pk}", "/api/v1/organisations", "/angebote/"]
    _warm(anon_client, urls)
    response = staff_client.post(
        f"/intern/directory/organisationen/{organisation.pk}/",
        {"name": "Brücke Wuppertal e. V.", "slug": organisation.slug, "kind": organisation.kind,
         "is_public": "on"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    for url in urls:
        assert "Brücke Wuppertal" in _text(anon_client.get(url)), url


def test_logged_in_users_are_never_served_or_stored(
    anon_client: Any, staff_client: Any, offer: Any
) -> None:
    staff = staff_client.get("/angebote/")
    assert staff.status_code == 200 and "X-Cache" not in staff
    assert "X-Cache" not in staff_client.get("/angebote/")
    # Nothing the staff member saw was stored: the first anonymous request computes.
    assert anon_client.get("/angebote/")["X-Cache"] == "miss"


def test_non_200_responses_are_not_cached(anon_client: Any, offer: Any) -> None:
    for _ in range(2):
        response = anon_client.get("/api/v1/offers/999999")
        assert response.status_code == 404 and "X-Cache" not in response
    for _ in range(2):
        response = anon_client.get("/api/v1/offers?page=99")
        assert response.status_code == 400 and "X-Cache" not in response


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NONCE = re.compile(r'nonce="([^"]+)"')


def _offer_page(client: Any, offer: Any) -> tuple[Any, str]:
    response = client.get(f"/angebote/{offer.pk}/")
    assert response.status_code == 200
    token = TOKEN.search(_text(response))
    assert token, "the offer page carries the report form"
    return response, token.group(1)


def test_the_offer_page_with_its_form_is_kept_and_every_visitor_gets_a_working_token(
    offer: Any,
) -> None:
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    miss, first_token = _offer_page(first, offer)
    with CaptureQueriesContext(connection) as queries:
        hit, token = _offer_page(second, offer)
    assert hit["X-Cache"] == "hit" and len(queries) == 0  # neither view nor database ran
    assert token != first_token and "-placeholder" not in _text(hit)
    assert second.cookies["csrftoken"].value
    # The CSP nonce is this response's own, in the body and the header.
    nonces = set(NONCE.findall(_text(hit)))
    assert len(nonces) == 1
    nonce = nonces.pop()
    assert f"'nonce-{nonce}'" in hit["Content-Security-Policy"]
    assert nonce not in miss["Content-Security-Policy"]
    # A page with a token is never compressed (BREACH), from the cache or not.
    again = second.get(f"/angebote/{offer.pk}/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert "Content-Encoding" not in again
    response = second.post(
        f"/angebote/{offer.pk}/hinweis/",
        {"message": "Die Telefonnummer stimmt nicht mehr.", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert OfferReport.objects.filter(offer=offer).count() == 1


def test_a_token_from_another_visitors_cached_page_is_refused(offer: Any) -> None:
    _, token = _offer_page(Client(enforce_csrf_checks=True), offer)
    stranger = Client(enforce_csrf_checks=True)
    _offer_page(stranger, offer)  # a cookie of its own, not the first visitor's secret
    response = stranger.post(
        f"/angebote/{offer.pk}/hinweis/",
        {"message": "Die Telefonnummer stimmt nicht mehr.", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 403
    assert not OfferReport.objects.exists()


def test_logged_in_staff_get_an_offer_page_of_their_own(
    anon_client: Any, staff_client: Any, offer: Any
) -> None:
    _offer_page(anon_client, offer)
    response, token = _offer_page(staff_client, offer)
    assert "X-Cache" not in response and "-placeholder" not in _text(response)
    assert token


def test_a_view_that_asks_for_the_token_itself_is_not_stored(rf: Any) -> None:
    from django.middleware.csrf import get_token

    @response_cache.cache_public_response
    def view(request: Any) -> HttpResponse:
        return HttpResponse(f"<p>{get_token(request)}</p>")

    middleware = response_cache.ResponseCacheMiddleware(view)
    first = middleware(rf.get("/eigene-seite/"))
    second = middleware(rf.get("/eigene-seite/"))
    assert "X-Cache" not in first and "X-Cache" not in second
    assert first.content != second.content  # each request its own token, nothing shared


def test_a_page_kept_as_template_is_filled_in_when_served_to_a_waiting_worker(
    offer: Any,
) -> None:
    url = f"/angebote/{offer.pk}/"
    _offer_page(Client(), offer)
    offer.title = "Sprachcafé am Abend"
    offer.save()
    response_cache.content_changed()  # the kept page is stale now
    cache.add(response_cache.LOCK_PREFIX + _key_of(url), 1, 10)  # another worker computes
    response, token = _offer_page(Client(), offer)
    assert "Sprachcafé am Abend" not in _text(response)  # the previous page, filled in
    assert token and "-placeholder" not in _text(response)
    cache.delete(response_cache.LOCK_PREFIX + _key_of(url))
    assert "Sprachcafé am Abend" in _text(_offer_page(Client(), offer)[0])


def test_language_is_part_of_the_key(anon_client: Any, offer: Any) -> None:
    german = anon_client.get("/angebote/")
    english = anon_client.get("/en/angebote/")
    assert anon_client.get("/en/angebote/")["X-Cache"] == "hit"
    assert german.content != english.content
    assert 'lang="en"' in _text(anon_client.get("/en/angebote/"))
    assert anon_client.get("/api/v1/offers", HTTP_ACCEPT_LANGUAGE="de")["X-Cache"] == "miss"
    assert anon_client.get("/api/v1/offers", HTTP_ACCEPT_LANGUAGE="en")["X-Cache"] == "miss"
    assert anon_client.get("/api/v1/offers", HTTP_ACCEPT_LANGUAGE="en")["X-Cache"] == "hit"


def test_etag_comes_from_the_content_version_and_answers_304(
    anon_client: Any, staff_client: Any, offer: Any
) -> None:
    first = anon_client.get("/api/v1/offers")
    etag = anon_client.get("/api/v1/offers")["ETag"]
    assert etag.startswith('W/"v')
    not_modified = anon_client.get("/api/v1/offers", HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert first.status_code == 200
    staff_client.post(f"/intern/directory/angebote/{offer.pk}/", _form_data(title="Neu"))
    changed = anon_client.get("/api/v1/offers", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_hits_and_misses_are_compressed_when_the_client_accepts_it(
    anon_client: Any, staff_client: Any, offer: Any
) -> None:
    plain = anon_client.get("/angebote/")
    assert "Content-Encoding" not in plain
    body = plain.content
    br = anon_client.get("/angebote/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert br["Content-Encoding"] == "br" and brotli.decompress(br.content) == body
    gz = anon_client.get("/angebote/", HTTP_ACCEPT_ENCODING="gzip")
    assert gz["Content-Encoding"] == "gzip" and gzip.decompress(gz.content) == body
    assert "Accept-Encoding" in gz["Vary"]
    refused = anon_client.get("/angebote/", HTTP_ACCEPT_ENCODING="br;q=0, gzip;q=0")
    assert "Content-Encoding" not in refused
    # Not cached (logged in): compressed by the middleware all the same.
    api = staff_client.get("/api/v1/offers?page_size=100", HTTP_ACCEPT_ENCODING="gzip")
    assert api["Content-Encoding"] == "gzip" and b"Sprachcaf" in gzip.decompress(api.content)


def test_stampede_guard_serves_the_previous_entry_while_another_worker_computes(
    anon_client: Any, make_offer: Any, offer: Any
) -> None:
    anon_client.get("/api/v1/offers")
    make_offer("Nähcafé")  # re-indexing bumps the version: the entry is stale now
    cache.add(response_cache.LOCK_PREFIX + _key_of("/api/v1/offers"), 1, 10)
    stale = anon_client.get("/api/v1/offers")
    assert "Nähcafé" not in _text(stale)  # somebody else computes: the old entry is served
    cache.delete(response_cache.LOCK_PREFIX + _key_of("/api/v1/offers"))
    assert "Nähcafé" in _text(anon_client.get("/api/v1/offers"))


def test_stampede_guard_waits_then_computes_when_there_is_no_previous_entry(
    anon_client: Any, offer: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(response_cache, "LOCK_WAIT_SECONDS", 0.05)
    cache.add(response_cache.LOCK_PREFIX + _key_of("/api/v1/offers"), 1, 10)
    response = anon_client.get("/api/v1/offers")
    assert response.status_code == 200 and "Sprachcafé" in _text(response)


def test_the_cache_can_be_switched_off(anon_client: Any, offer: Any, settings: Any) -> None:
    settings.BEKO_RESPONSE_CACHE_SECONDS = 0
    anon_client.get("/api/v1/offers")
    assert "X-Cache" not in anon_client.get("/api/v1/offers")


def _key_of(path: str) -> str:
    from django.test import RequestFactory

    return response_cache._key(RequestFactory().get(path))


def test_requests_for_pages_that_cannot_be_stored_never_wait_for_the_lock(
    anon_client: Any, offer: Any, monkeypatch: Any
) -> None:
    url = "/angebote/999999/"  # a 404: never stored
    assert anon_client.get(url).status_code == 404
    cache.add(response_cache.LOCK_PREFIX + _key_of(url), 1, 10)  # another worker "computes"

    def no_waiting(_seconds: float) -> None:
        raise AssertionError("waited for an entry that never comes")

    monkeypatch.setattr(response_cache.time, "sleep", no_waiting)
    response = anon_client.get(url)
    assert response.status_code == 404 and "X-Cache" not in response


def test_pages_with_a_token_are_never_compressed_also_when_the_cookie_exists(
    staff_client: Any, offer: Any
) -> None:
    # BREACH: a secret compressed together with text an attacker can inject. The second
    # request already has the CSRF cookie, so Django only renews it.
    url = f"/intern/directory/angebote/{offer.pk}/"
    for _ in range(2):
        response = staff_client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
        assert response.status_code == 200
        assert 'name="csrfmiddlewaretoken"' in _text(response)
        assert "Content-Encoding" not in response
    # Pages without a token are compressed as before.
    listing = staff_client.get("/api/v1/offers?page_size=100", HTTP_ACCEPT_ENCODING="gzip")
    assert listing["Content-Encoding"] == "gzip"

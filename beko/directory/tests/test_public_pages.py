from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beko.directory.models import OfferReport


@pytest.fixture
def offers(make_offer: Any) -> list[Any]:
    return [
        make_offer("Deutschkurs für Frauen", categories=("sprache", "frauen"), district="barmen",
                   languages=("de", "ar"), hours=((0, "09:00", "12:00"),), contact_email="kurs@example.org"),
        make_offer("Rechtsberatung", categories=("beratung-recht",), district="elberfeld"),
    ]  # fmt: skip


def test_list_page_shows_results_facets_and_keeps_state_in_the_url(
    anon_client: Any, offers: list[Any]
) -> None:
    response = anon_client.get("/angebote/?q=Deutschkurs&district=barmen")
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 Angebot gefunden" in html
    assert 'value="Deutschkurs"' in html
    assert re.search(r'<option value="barmen" selected>Barmen \(1\)</option>', html)
    # Removing a filter is a plain link that keeps the rest of the state.
    assert 'href="/angebote/?q=Deutschkurs"' in html


def test_htmx_request_gets_only_the_search_area(anon_client: Any, offers: list[Any]) -> None:
    response = anon_client.get("/angebote/?q=Rechtsberatung", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="offer-search-area"')
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]
    restore = anon_client.get(
        "/angebote/?q=x", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in restore.content.decode()


def test_no_results_suggests_removing_filters_and_nearby_districts(
    anon_client: Any, offers: list[Any]
) -> None:
    html = anon_client.get("/angebote/?q=Deutschkurs&district=oberbarmen").content.decode()
    assert "Leider haben wir dazu nichts gefunden" in html
    assert "Entfernen Sie einen Filter" in html
    assert "In der Nähe gibt es passende Angebote" in html
    assert "district=barmen" in html


def test_invalid_parameters_keep_the_page_working(anon_client: Any, offers: list[Any]) -> None:
    response = anon_client.get("/angebote/?q=" + "x" * 300 + "&page=-5&target_group=<script>")
    assert response.status_code == 200
    html = response.content.decode()
    assert "höchstens 200 Zeichen" in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_typo_correction_is_shown(anon_client: Any, offers: list[Any]) -> None:
    html = anon_client.get("/angebote/?q=Rechtsberatng").content.decode()
    assert (
        'Meinten Sie „<a href="/angebote/?q=Rechtsberatung" lang="de" dir="ltr">Rechtsberatung</a>“?'
        in html
    )
    assert "1 Angebot gefunden" in html  # the corrected spelling is searched already


@pytest.mark.parametrize("count", [2, 25])
def test_list_page_uses_a_constant_number_of_queries(
    anon_client: Any, make_offer: Any, count: int
) -> None:
    for number in range(count):
        make_offer(f"Sprachkurs {number}", categories=("sprache",), languages=("de", "uk"))
    with CaptureQueriesContext(connection) as context:
        response = anon_client.get("/angebote/?q=Sprachkurs&language=uk&sort=relevance")
    assert response.status_code == 200
    assert len(context.captured_queries) <= 12, [q["sql"][:100] for q in context.captured_queries]
    with CaptureQueriesContext(connection) as context:
        anon_client.get("/angebote/?category=sprache&sort=verified&page=2")
    assert len(context.captured_queries) <= 12


def test_detail_page_has_facts_osm_link_json_ld_and_verification_date(
    anon_client: Any, offers: list[Any]
) -> None:
    response = anon_client.get(f"/angebote/{offers[0].pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zuletzt geprüft am" in html
    assert "https://www.openstreetmap.org/search?query=" in html
    assert "Montag: 09:00–12:00" in html
    match = re.search(
        r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', html, re.S
    )
    assert match and match.group(1) in response["Content-Security-Policy"]
    data = json.loads(match.group(2))
    assert data["@type"] == "Service" and data["availableLanguage"] == ["de", "ar"]


def test_json_ld_cannot_break_out_of_its_script(anon_client: Any, make_offer: Any) -> None:
    offer = make_offer("</script><script>alert(1)</script>")
    html = anon_client.get(f"/angebote/{offer.pk}/").content.decode()
    assert "</script><script>alert(1)" not in html


def test_print_view_and_organisation_page(
    anon_client: Any, offers: list[Any], organisation: Any
) -> None:
    assert anon_client.get(f"/angebote/{offers[0].pk}/drucken/").status_code == 200
    html = anon_client.get(f"/angebote/organisationen/{organisation.slug}/").content.decode()
    assert "2 Angebote" in html and "Deutschkurs für Frauen" in html
    assert organisation.name in anon_client.get("/angebote/organisationen/").content.decode()


def test_drafts_are_404_to_the_public(anon_client: Any, make_offer: Any) -> None:
    draft = make_offer("Geheim", status="draft")
    assert anon_client.get(f"/angebote/{draft.pk}/").status_code == 404


def test_stale_offers_disappear_after_the_grace_period(
    anon_client: Any, make_offer: Any, settings: Any
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    old = make_offer("Uralt", last_verified_at=timezone.now() - timedelta(days=241))
    stale = make_offer("Etwas alt", last_verified_at=timezone.now() - timedelta(days=200))
    assert anon_client.get(f"/angebote/{old.pk}/").status_code == 404
    html = anon_client.get(f"/angebote/{stale.pk}/").content.decode()
    assert "länger nicht bestätigt" in html


def test_report_form_stores_a_report_for_staff(anon_client: Any, offers: list[Any]) -> None:
    url = f"/angebote/{offers[0].pk}/hinweis/"
    response = anon_client.post(url, {"message": "Der Kurs findet nicht mehr statt.", "email": ""})
    assert response.status_code == 302
    assert OfferReport.objects.get().message == "Der Kurs findet nicht mehr statt."


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"message": ""}, "Dieses Feld ist zwingend erforderlich."),
        ({"message": "kurz"}, "Bitte beschreiben Sie kurz"),
        ({"message": "x" * 2001}, "höchstens 2000 Zeichen"),
        ({"message": "Adresse falsch", "email": "kein-mail"}, "gültige E-Mail-Adresse"),
    ],
)
def test_invalid_reports_are_rejected_with_the_input_kept(
    anon_client: Any, offers: list[Any], data: dict[str, str], error: str
) -> None:
    response = anon_client.post(f"/angebote/{offers[0].pk}/hinweis/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert error in html
    if data.get("email"):
        assert 'value="kein-mail"' in html
    assert not OfferReport.objects.exists()


def test_hostile_report_text_is_stored_verbatim_and_escaped(
    staff_client: Any, anon_client: Any, offers: list[Any]
) -> None:
    text = "<script>alert('x')</script> مرحبا \u202e"
    anon_client.post(f"/angebote/{offers[0].pk}/hinweis/", {"message": text})
    assert OfferReport.objects.get().message == text.strip()
    html = staff_client.get("/intern/directory/").content.decode()
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;" in html


def test_honeypot_pretends_success_but_stores_nothing(anon_client: Any, offers: list[Any]) -> None:
    response = anon_client.post(
        f"/angebote/{offers[0].pk}/hinweis/",
        {"message": "Spam spam spam", "website": "http://spam"},
    )
    assert response.status_code == 302
    assert not OfferReport.objects.exists()


def test_reports_are_rate_limited(anon_client: Any, offers: list[Any], settings: Any) -> None:
    cache.clear()
    settings.BEKO_DIRECTORY_REPORT_RATE = "2/h"
    url = f"/angebote/{offers[0].pk}/hinweis/"
    statuses = [
        anon_client.post(url, {"message": f"Hinweis Nummer {n}"}).status_code for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert OfferReport.objects.count() == 2
    cache.clear()


def test_home_page_shows_search_tiles_and_districts(anon_client: Any, offers: list[Any]) -> None:
    html = anon_client.get("/").content.decode()
    assert 'action="/suche/"' in html  # the one search of the home page: the whole site
    assert "?category=sprache" in html and "Sprache" in html
    assert "?district=ronsdorf" in html
    assert "2 Angebote von 1 Organisationen in Wuppertal" in html


def test_arabic_list_page_is_right_to_left(anon_client: Any, offers: list[Any]) -> None:
    html = anon_client.get("/ar/angebote/").content.decode()
    assert 'dir="rtl"' in html and 'lang="ar"' in html


def test_english_ui_and_content_translation_with_fallback_note(
    anon_client: Any, offers: list[Any]
) -> None:
    offer = offers[0]
    offer.title_en = "German course for women"
    offer.save()
    html = anon_client.get(f"/en/angebote/{offer.pk}/").content.decode()
    assert "German course for women" in html
    assert "Last verified on" in html
    assert 'lang="de"' in html  # the untranslated summary is marked German


def test_selectors_for_other_apps(make_offer: Any, organisation: Any) -> None:
    from beko.directory.selectors import offers_for, offers_for_guide, organisations_public

    make_offer(
        "Anerkennungsberatung", categories=("anerkennung",), residence_statuses=("recognised",)
    )
    make_offer("Nur für Geduldete", categories=("anerkennung",), residence_statuses=("duldung",))
    make_offer(
        "Arbeitgeberservice",
        categories=("arbeit-beruf",),
        target_groups=("employers",),
        district="barmen",
    )
    assert [
        o.title for o in offers_for(category_slugs=["anerkennung"], residence_status="duldung")
    ] == ["Nur für Geduldete"]
    assert [o.title for o in offers_for(target_group="employers", district="barmen")] == [
        "Arbeitgeberservice"
    ]
    assert [o.title for o in offers_for(q="Arbeitgeber")] == ["Arbeitgeberservice"]
    guide = offers_for_guide(tags=["recognition_counselling"], residence_status="subsidiary")
    assert guide == [
        {
            "title": "Anerkennungsberatung",
            "url": guide[0]["url"],
            "organisation": organisation.name,
            "district": "Elberfeld",
        }
    ]
    assert offers_for_guide(tags=["unknown"], residence_status="duldung") == []
    assert organisations_public().get(pk=organisation.pk).public_offer_count == 3


def test_audience_and_id_selectors_for_news(make_offer: Any) -> None:
    from beko.directory.selectors import offers_by_ids, offers_for_audience

    employer = make_offer("Arbeitgeberberatung", target_groups=("employers",))
    volunteer = make_offer("Ehrenamtsschulung", target_groups=("volunteers",))
    draft = make_offer("Entwurf", status="draft")
    assert offers_for_audience(audience="employers") == [employer]
    assert offers_for_audience(audience="unknown") == []
    assert offers_by_ids(ids=[volunteer.pk, draft.pk, employer.pk]) == [volunteer, employer]

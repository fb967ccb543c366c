"""The directory's public face: district map, filter panel, chips, cards, distance, print."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from beko.directory.district_map import LAYOUT, haversine_km
from beko.directory.models import District, Location

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(make_offer: Any) -> list[Any]:
    return [
        make_offer("Deutschkurs für Frauen", categories=("sprache", "frauen"), district="barmen",
                   languages=("de", "ar"), is_free=True, childcare=True, wheelchair_accessible=True),
        make_offer("Sprachcafé", categories=("sprache",), district="barmen", is_free=False),
        make_offer("Rechtsberatung", categories=("beratung-recht",), district="elberfeld", online=True),
    ]  # fmt: skip


def _map_links(html: str) -> dict[str, tuple[str, str]]:
    """aria-label -> (href, attributes) of every link inside the map's SVG."""
    svg = html.split('<svg class="district-map__svg"', 1)[1].split("</svg>", 1)[0]
    links = {}
    for attributes in re.findall(r"<a ([^>]*)>", svg):
        label = unescape(re.search(r'aria-label="([^"]+)"', attributes).group(1))
        href = unescape(re.search(r'href="([^"]+)"', attributes).group(1))
        links[label] = (href, attributes)
    return links


def test_the_home_page_map_links_every_district_with_its_count(anon_client, offers):
    html = anon_client.get("/").content.decode()
    links = _map_links(html)
    assert len(links) == 10
    assert links["Barmen: 2 Angebote"][0] == "/angebote/?district=barmen"
    assert links["Elberfeld: 1 Angebot"][0] == "/angebote/?district=elberfeld"
    assert links["Ronsdorf: 0 Angebote"][0] == "/angebote/?district=ronsdorf"
    # The text alternative lists the same districts and numbers.
    listing = html.split('class="district-list"', 1)[1].split("</ul>", 1)[0]
    assert (
        '<a href="/angebote/?district=barmen">Barmen</a> <span class="count">(2)</span>' in listing
    )
    assert listing.count("<li>") == 10


def test_the_map_places_the_districts_roughly_where_they_lie():
    def column(slug: str) -> float:
        return LAYOUT[slug][0]

    def row(slug: str) -> int:
        return LAYOUT[slug][1]

    assert set(LAYOUT) == set(District.objects.values_list("slug", flat=True))
    assert min(LAYOUT.values())[0] == column("vohwinkel")  # west
    assert row("uellendahl-katernberg") < row("elberfeld") < row("cronenberg")  # north, south
    assert row("ronsdorf") > row("barmen")
    for east in ("barmen", "oberbarmen", "heckinghausen", "langerfeld-beyenburg"):
        assert column(east) > column("elberfeld") > column("elberfeld-west"), east
    assert column("langerfeld-beyenburg") == max(place[0] for place in LAYOUT.values())
    tiles = {(col, r) for col, r, _label in LAYOUT.values()}
    assert len(tiles) == len(LAYOUT)  # no two tiles on one place


def test_on_the_list_page_the_map_is_the_district_filter_and_keeps_the_other_filters(
    anon_client, offers
):
    html = anon_client.get("/angebote/?category=sprache&free=1&page=1").content.decode()
    links = _map_links(html)
    href, _attributes = links["Barmen: 1 Angebot"]  # counts follow the other filters
    assert href == "/angebote/?category=sprache&free=1&district=barmen"
    html = anon_client.get("/angebote/?category=sprache&district=barmen").content.decode()
    href, attributes = _map_links(html)["Barmen: 2 Angebote"]
    assert 'aria-current="true"' in attributes
    assert 'href="/angebote/?category=sprache">Alle Stadtbezirke</a>' in html


def test_filters_sit_in_one_collapsible_panel_that_counts_them(anon_client, offers):
    html = anon_client.get("/angebote/").content.decode()
    assert '<details class="filter-panel" id="filter-panel">' in html
    assert re.search(r"<span>Filter</span>", html)
    html = anon_client.get("/angebote/?category=sprache&district=barmen&free=1").content.decode()
    assert re.search(r"<span>Filter \(3\)</span>", html)
    # Results come right after the panel, before any filter field would need scrolling.
    assert html.index('id="filter-panel"') < html.index('id="results-title"')
    assert "<details open" not in html  # closed for phones; beko.js opens it on wide screens


def test_each_chip_removes_exactly_one_filter(anon_client, offers):
    html = anon_client.get(
        "/angebote/?q=Kurs&category=sprache&district=barmen&page=2"
    ).content.decode()
    chips = html.split('class="active-filters"', 1)[1].split("</ul>", 1)[0]
    hrefs = [unescape(h) for h in re.findall(r'href="([^"]+)"', chips)]
    assert hrefs == ["/angebote/?q=Kurs&district=barmen", "/angebote/?q=Kurs&category=sprache"]
    assert "(Filter entfernen)" in chips


def test_childcare_is_an_attribute_a_filter_and_a_count(anon_client, offers):
    html = anon_client.get("/angebote/").content.decode()
    assert 'id="id_childcare"' in html
    assert re.search(r"mit Kinderbetreuung <span class=\"count\">\(1\)</span>", html)
    html = anon_client.get("/angebote/?childcare=1").content.decode()
    assert "1 Angebot gefunden" in html and "Deutschkurs für Frauen" in html
    assert (
        "Filter (1)" in html and "mit Kinderbetreuung" in html.split('class="active-filters"', 1)[1]
    )


def test_offer_cards_show_key_attributes_as_icon_and_text(anon_client, offers):
    html = anon_client.get("/angebote/?q=Deutschkurs").content.decode()
    card = html.split('<li class="offer-card">', 1)[1].split("</li>\n</ol>", 1)[0]
    for icon, text in (("currency-euro-off", "kostenlos"), ("wheelchair", "rollstuhlgerecht"),
                       ("baby-carriage", "mit Kinderbetreuung"), ("language", "Sprachen:"),
                       ("map-pin", "Barmen")):  # fmt: skip
        assert re.search(rf'icon--{icon}" aria-hidden="true".*?</svg>(<span>)?{text}', card), icon


def test_the_distance_is_straight_line_to_the_picked_districts_centre(anon_client, offers):
    elberfeld = District.objects.get(slug="elberfeld")
    barmen = District.objects.get(slug="barmen")
    km = haversine_km(float(elberfeld.latitude), float(elberfeld.longitude),
                      float(barmen.latitude), float(barmen.longitude))  # fmt: skip
    assert 3.5 < km < 4.0
    # A place of the course in Barmen sits at Elberfeld's centre: about 4 km to Barmen's.
    location = offers[0].locations.get()
    Location.objects.filter(pk=location.pk).update(
        latitude=elberfeld.latitude, longitude=elberfeld.longitude
    )
    from beko.directory.services import offers_reindex

    offers_reindex(queryset=type(offers[0]).objects.all())
    html = anon_client.get("/angebote/?district=barmen&sort=name").content.decode()
    assert "Luftlinie vom nächsten Ort des Angebots zur Mitte von Barmen" in html
    assert "ca. 4 km zur Mitte von Barmen" in html  # the course
    assert "unter 1 km zur Mitte von Barmen" in html  # the café: no coordinates, district centre
    assert "zur Mitte von" not in anon_client.get("/angebote/").content.decode()


def test_an_offer_without_any_place_has_no_distance(make_offer):
    from beko.directory.district_map import offer_distance_km

    offer = make_offer("Online-Beratung", district="barmen", online=True)
    offer.locations.clear()
    assert offer_distance_km(offer, District.objects.get(slug="barmen")) is None
    district = District(name="Neu", slug="neu")
    assert offer_distance_km(offer, district) is None


def test_the_print_view_is_one_sheet_with_site_name_date_address_and_qr_code(
    anon_client, offers, settings
):
    from django.utils import formats, timezone

    offer = offers[0]
    html = anon_client.get(f"/angebote/{offer.pk}/drucken/").content.decode()
    assert "BeKo Wuppertal" in html
    assert f"{settings.SITE_URL}/angebote/{offer.pk}/" in html
    assert formats.date_format(timezone.localdate(), "DATE_FORMAT") in html
    assert '<svg aria-hidden="true" focusable="false"' in html and 'class="qr-code"' in html
    assert "ja, während des Angebots" in html  # the course has childcare
    assert 'media="print"' in html

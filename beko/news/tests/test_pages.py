import re

import pytest
from django.conf import settings

from beko.news.models import AudiencePage

from .conftest import create_event

pytestmark = pytest.mark.django_db

AUDIENCE_URLS = [
    "/fuer-ehrenamtliche/",
    "/fuer-unternehmen/",
    "/fuer-beratungsstellen/",
    "/fuer-vereine/",
]


@pytest.mark.parametrize("url", AUDIENCE_URLS)
def test_audience_pages_exist_from_the_start_with_all_bundle_sections(anon_client, url):
    response = anon_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    for heading in (
        "Wege in Arbeit",
        "Passende Angebote",
        "Häufige Fragen",
        "Nächste Veranstaltungen",
    ):
        assert heading in html
    assert settings.BEKO_OFFICE["hotline"] in html


def test_audience_pages_render_right_to_left_in_arabic(anon_client):
    response = anon_client.get("/ar/fuer-unternehmen/")
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_about_page_shows_services_hotline_and_address_from_settings(anon_client, settings):
    settings.BEKO_OFFICE = {
        **settings.BEKO_OFFICE,
        "hotline": "0202 999-1",
        "address": "Teststraße 5, 42103 Wuppertal",
    }
    html = anon_client.get("/ueber-uns/").content.decode()
    assert "Über uns" in html
    assert "0202 999-1" in html and 'href="tel:0202999-1"' in html
    assert "Teststraße 5, 42103 Wuppertal" in html
    assert "Für Unternehmen" in html


def test_about_page_is_not_reachable_as_audience_slug(anon_client):
    assert anon_client.get("/ueber-uns/").status_code == 200
    assert anon_client.get("/fuer-niemanden/").status_code == 404


def test_untranslated_page_falls_back_to_german_marked_as_such(anon_client):
    html = anon_client.get("/en/fuer-ehrenamtliche/").content.decode()
    assert '<span lang="de" dir="ltr">Für Ehrenamtliche</span>' in html
    assert "has not been translated yet" in html


def test_staff_edits_an_audience_page_and_the_body_is_sanitised(staff_client, anon_client):
    page = AudiencePage.objects.get(audience="employers")
    response = staff_client.post(
        f"/intern/news/seiten/{page.pk}/",
        {
            "title": "Für Betriebe",
            "intro": "Kurz",
            "body": '<p onclick="x()">Hallo</p><script>alert(1)</script>',
        },
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body_de == "<p>Hallo</p>"
    assert "Für Betriebe" in anon_client.get("/fuer-unternehmen/").content.decode()


def test_audience_page_edit_keeps_input_after_an_error(staff_client):
    page = AudiencePage.objects.get(audience="volunteers")
    response = staff_client.post(
        f"/intern/news/seiten/{page.pk}/", {"title": "", "body": "<p>Mein langer Text</p>"}
    )
    assert response.status_code == 200
    assert "Mein langer Text" in response.content.decode()
    page.refresh_from_db()
    assert page.title_de == "Für Ehrenamtliche"


def test_page_metadata_has_canonical_hreflang_and_open_graph(anon_client, make_news, make_image):
    item = make_news(title="Mit Bild", lead_image=make_image())
    html = anon_client.get(f"/en{item.get_absolute_url()}").content.decode()
    base = settings.SITE_URL
    assert f'<link rel="canonical" href="{base}/en/aktuelles/mit-bild/">' in html
    assert f'<link rel="alternate" hreflang="ar" href="{base}/ar/aktuelles/mit-bild/">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{base}/aktuelles/mit-bild/">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Mit Bild">' in html
    assert '<meta property="og:locale" content="en_GB">' in html
    assert f'<meta property="og:image" content="{base}/media/images/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    head = html.split("</head>")[0].replace('<script src="/static/', "")
    head = re.sub(
        r'<script type="application/ld\+json" nonce="[^"]+">.*?</script>', "", head, flags=re.S
    )
    assert "<script" not in head  # no third-party or inline script besides our JSON-LD data


def test_canonical_drops_filters_but_keeps_the_page_number(anon_client):
    html = anon_client.get("/aktuelles/", {"year": "2026", "page": "2"}).content.decode()
    assert f'<link rel="canonical" href="{settings.SITE_URL}/aktuelles/?page=2">' in html


def test_home_page_shows_the_latest_news(anon_client, make_news):
    make_news(title="Frisch auf der Startseite")
    assert "Frisch auf der Startseite" in anon_client.get("/").content.decode()


def test_image_credits_block_lists_every_image_of_the_page(anon_client, make_news, make_image):
    from beko.news.services import gallery_add

    item = make_news(title="Galerie", lead_image=make_image(credit="Fotografin A"))
    gallery_add(item=item, image=make_image(credit="Fotograf B", alt_text="Bühne"))
    html = anon_client.get(item.get_absolute_url()).content.decode()
    credits = html.split('id="image-credits-title"', 1)[1]
    assert "Fotografin A" in credits and "Fotograf B" in credits
    assert html.count("Bildnachweis: ") == 2
    assert 'fetchpriority="high"' in html  # the lead image is not lazy: it is the main content
    assert 'loading="lazy"' in html  # the gallery is


def test_share_block_offers_mail_copy_and_native_share_without_third_parties(
    anon_client, make_news
):
    item = make_news(title="Teilen")
    html = anon_client.get(item.get_absolute_url()).content.decode()
    share = html.split('class="share"', 1)[1].split("</aside>", 1)[0]
    assert "mailto:?subject=Teilen" in share
    assert "data-copy" in share and "data-share" in share
    for network in ("facebook", "twitter.com", "x.com", "whatsapp", "linkedin"):
        assert network not in share.lower()


def test_audience_pages_link_into_the_guide_per_residence_status(anon_client):
    html = anon_client.get("/fuer-unternehmen/").content.decode()
    assert 'href="/wege-in-arbeit/?status=ausbildungsduldung"' in html
    assert anon_client.get("/wege-in-arbeit/?status=ausbildungsduldung").status_code == 200


def test_audience_page_bundles_the_upcoming_events_of_its_audience(anon_client):
    create_event(title="Infoabend Ehrenamt", audience="volunteers")
    create_event(title="Betriebsfruehstueck", audience="employers")
    create_event(title="Entwurf Ehrenamt", audience="volunteers", status="draft")
    create_event(title="Vorbei Ehrenamt", audience="volunteers", days=-3)
    html = anon_client.get("/fuer-ehrenamtliche/").content.decode()
    section = html.split('id="bundle-events"', 1)[1].split("</section>", 1)[0]
    assert "Infoabend Ehrenamt" in section
    assert "Betriebsfruehstueck" not in section
    assert "Entwurf Ehrenamt" not in section and "Vorbei Ehrenamt" not in section
    assert "?audience=volunteers" in section


def test_news_links_related_events_only_while_they_are_public(anon_client, make_news):
    public = create_event(title="Meet and Eat Mai", audience="volunteers")
    draft = create_event(title="Geheimtermin", audience="volunteers", status="draft")
    item = make_news(title="Mit Terminen", related_event_ids=[public.pk, draft.pk])
    html = anon_client.get(item.get_absolute_url()).content.decode()
    assert "Meet and Eat Mai" in html
    assert "Geheimtermin" not in html


def test_home_page_leads_to_every_audience_page(anon_client):
    html = anon_client.get("/").content.decode()
    for url in [*AUDIENCE_URLS, "/ueber-uns/"]:
        assert f'href="{url}"' in html, url


def test_audience_page_bundles_offers_for_its_audience_from_the_directory(
    anon_client, organisation
):
    from .conftest import create_offer

    create_offer(
        title="Beratung für Betriebe", organisation=organisation, target_groups=",employers,"
    )
    create_offer(
        title="Schulung für Ehrenamt", organisation=organisation, target_groups=",volunteers,"
    )
    html = anon_client.get("/fuer-unternehmen/").content.decode()
    section = html.split('id="bundle-offers"', 1)[1].split("</section>", 1)[0]
    assert "Beratung für Betriebe" in section
    assert "Schulung für Ehrenamt" not in section


def test_audience_page_bundles_faq_entries_of_its_audience(anon_client):
    from .conftest import create_faq

    create_faq(question="Wer zahlt die Fahrtkosten im Ehrenamt?", audiences=" volunteers ")
    create_faq(question="Welche Erlaubnis braucht mein Betrieb?", audiences=" employers ")
    create_faq(question="Wie tragen wir unser Angebot ein?", audiences=" associations ")
    html = anon_client.get("/fuer-ehrenamtliche/").content.decode()
    section = html.split('id="bundle-faq"', 1)[1].split("</section>", 1)[0]
    assert "Wer zahlt die Fahrtkosten im Ehrenamt?" in section
    assert "Welche Erlaubnis" not in section
    html = anon_client.get("/fuer-vereine/").content.decode()
    assert "Wie tragen wir unser Angebot ein?" in html
    assert "Welche Erlaubnis" not in html
    assert 'href="/fragen/"' in html
    assert (
        "Wie tragen wir unser Angebot ein?"
        not in anon_client.get("/fuer-beratungsstellen/").content.decode()
    )


def test_news_detail_carries_json_ld_with_the_csp_nonce_and_no_breakout(
    anon_client, make_news, make_image
):
    import json
    import re

    item = make_news(title="Titel mit </script><script>alert(1)</script>", lead_image=make_image())
    response = anon_client.get(item.get_absolute_url())
    html = response.content.decode()
    match = re.search(
        r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', html, re.S
    )
    assert match, "no JSON-LD block"
    assert f"'nonce-{match.group(1)}'" in response["Content-Security-Policy"]
    data = json.loads(match.group(2))
    assert data["@type"] == "NewsArticle"
    assert data["headline"].startswith("Titel mit </script>")
    assert data["image"][0].startswith(settings.SITE_URL + "/media/images/")
    assert "<script>alert(1)</script>" not in html


def test_each_audience_page_has_its_own_icon_guide_entry_and_contact(anon_client):
    expected = {
        "/fuer-ehrenamtliche/": ("icon--heart-handshake", 'href="/wege-in-arbeit/"'),
        "/fuer-unternehmen/": ("icon--building-factory-2", 'href="/wege-in-arbeit/arbeitgeber/"'),
        "/fuer-beratungsstellen/": ("icon--messages", 'href="/wege-in-arbeit/"'),
        "/fuer-vereine/": ("icon--users-group", 'href="/wege-in-arbeit/"'),
    }
    for url, (icon, guide_link) in expected.items():
        html = anon_client.get(url).content.decode()
        hero = html.split('class="audience-hero"', 1)[1].split("</header>", 1)[0]
        assert icon in hero, url
        guide = html.split('class="audience-guide"', 1)[1].split("</section>", 1)[0]
        assert guide_link in guide, url
        contact = html.split('class="contact-box audience-contact"', 1)[1].split("</aside>", 1)[0]
        assert settings.BEKO_OFFICE["hotline"] in contact and 'href="/kontakt/"' in contact, url


def test_counselling_and_association_pages_answer_their_own_questions(anon_client):
    from .conftest import create_faq

    create_faq(question="Wie verweisen wir an die BeKo?", audiences=" counselling ")
    create_faq(question="Wie kommt unser Verein zum Markt?", audiences=" associations ")
    counselling = anon_client.get("/fuer-beratungsstellen/").content.decode()
    associations = anon_client.get("/fuer-vereine/").content.decode()
    assert "Wie verweisen wir an die BeKo?" in counselling
    assert "Wie verweisen wir an die BeKo?" not in associations
    assert "Wie kommt unser Verein zum Markt?" in associations
    assert "Wie kommt unser Verein zum Markt?" not in counselling
    # Answers open in place (no JavaScript needed) and link to their own page.
    assert '<details class="faq-accordion__item">' in counselling


def test_the_old_joint_address_redirects_to_the_counselling_page(anon_client):
    response = anon_client.get("/fuer-beratungsstellen-und-vereine/")
    assert response.status_code == 301
    assert response["Location"] == "/fuer-beratungsstellen/"
    assert (
        anon_client.get("/en/fuer-beratungsstellen-und-vereine/")["Location"]
        == "/en/fuer-beratungsstellen/"
    )


def test_audience_offers_link_to_the_directory_filtered_for_the_audience(anon_client):
    html = anon_client.get("/fuer-unternehmen/").content.decode()
    assert 'href="/angebote/?target_group=employers"' in html
    html = anon_client.get("/fuer-beratungsstellen/").content.decode()
    assert 'href="/angebote/?target_group=counselling"' in html


def test_about_page_shows_beko_in_numbers(anon_client, organisation):
    from django.utils import timezone

    from .conftest import create_event, create_offer

    create_offer(title="Sprachcafé", organisation=organisation)
    create_offer(title="Entwurf", organisation=organisation, status="draft")
    event = create_event(title="Meet Eat", audience="volunteers", days=0)
    html = anon_client.get("/ueber-uns/").content.decode()
    numbers = html.split('class="numbers"', 1)[1].split("</section>", 1)[0]
    values = re.findall(
        r'<span class="numbers__value">(\d+)</span><span class="numbers__label">([^<]+)</span>',
        numbers,
    )
    year = timezone.localtime(event.starts_at).year
    assert values == [
        ("1", "Angebot im Verzeichnis"),
        ("1", "Organisation mit Angeboten"),
        ("1", f"Veranstaltung im Jahr {year}"),
    ]

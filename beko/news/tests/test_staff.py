from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from beko.core.models import Image
from beko.news.models import NewsItem

from .conftest import picture_bytes

pytestmark = pytest.mark.django_db

STAFF_URLS = [
    "/intern/news/",
    "/intern/news/neu/",
    "/intern/news/seiten/",
    "/intern/news/bilder/",
    "/intern/news/kategorien/",
]


@pytest.mark.parametrize("url", STAFF_URLS)
def test_anonymous_visitors_are_sent_to_login(anon_client, url):
    response = anon_client.get(url)
    assert response.status_code == 302
    assert "/konto/" in response["Location"]


@pytest.mark.parametrize("url", STAFF_URLS)
def test_partner_editors_get_403_in_the_news_back_office(partner_client, url):
    assert partner_client.get(url).status_code == 403


def test_partner_cannot_publish_or_delete(partner_client, make_news):
    item = make_news(status="draft")
    assert partner_client.post(f"/intern/news/{item.pk}/veroeffentlichen/").status_code == 403
    assert partner_client.post(f"/intern/news/{item.pk}/loeschen/").status_code == 403
    assert NewsItem.objects.filter(pk=item.pk, status="draft").exists()


def _post_data(**overrides):
    data = {
        "title": "Meet & Eat im Mai",
        "teaser": "Fachleute beantworten Fragen.",
        "body": '<p>Text <a href="javascript:alert(1)">Link</a></p><img src=x onerror=alert(1)>',
        "kind": "news",
        "author_unit": "BeKo-Team",
        "tags": "Meet & Eat, Stadtgespräche, Meet & Eat",
    }
    data.update(overrides)
    return data


def test_staff_creates_a_draft_with_sanitised_body_and_tags(staff_client):
    response = staff_client.post("/intern/news/neu/", _post_data())
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert item.status == NewsItem.Status.DRAFT
    assert "javascript" not in item.body_de and "onerror" not in item.body_de
    assert sorted(tag.name for tag in item.tags.all()) == ["Meet & Eat", "Stadtgespräche"]
    assert item.slug == "meet-eat-im-mai"


def test_staff_creates_news_with_a_lead_image_upload(staff_client):
    data = _post_data(**{"lead-alt_text": "Gedeckter Tisch", "lead-credit": "Foto: Anna"})
    data["lead-file"] = SimpleUploadedFile("tisch.jpg", picture_bytes(), "image/jpeg")
    response = staff_client.post("/intern/news/neu/", data)
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert item.lead_image.credit == "Anna"
    assert item.lead_image.alt_text_de == "Gedeckter Tisch"


def test_lead_image_without_credit_stores_nothing_and_keeps_the_text(staff_client):
    data = _post_data(**{"lead-alt_text": "Gedeckter Tisch", "lead-credit": ""})
    data["lead-file"] = SimpleUploadedFile("tisch.jpg", picture_bytes(), "image/jpeg")
    response = staff_client.post("/intern/news/neu/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte geben Sie den Bildnachweis an" in html
    assert "Meet &amp; Eat im Mai" in html  # nothing typed is lost
    assert NewsItem.objects.count() == 0 and Image.objects.count() == 0


@pytest.mark.parametrize(
    "title",
    [
        "<script>alert(1)</script>",
        "مرحبا – أخبار BeKo",
        "Ünïcödé 🙂 ‮RTL-Override",
        "'; DROP TABLE news_newsitem; --",
    ],
)
def test_hostile_and_unicode_titles_are_stored_verbatim_and_escaped_on_output(
    staff_client, anon_client, title
):
    staff_client.post("/intern/news/neu/", _post_data(title=title))
    item = NewsItem.objects.get()
    assert item.title_de == title
    staff_client.post(f"/intern/news/{item.pk}/veroeffentlichen/", {"publish_at": ""})
    html = anon_client.get(item.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_oversized_title_is_rejected(staff_client):
    response = staff_client.post("/intern/news/neu/", _post_data(title="x" * 201))
    assert response.status_code == 200
    assert NewsItem.objects.count() == 0


def test_staff_schedules_and_then_publishes_immediately(staff_client, make_news):
    item = make_news(status="draft")
    later = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    staff_client.post(f"/intern/news/{item.pk}/veroeffentlichen/", {"publish_at": later})
    item.refresh_from_db()
    assert item.status == NewsItem.Status.SCHEDULED
    staff_client.post(f"/intern/news/{item.pk}/veroeffentlichen/", {"publish_at": ""})
    item.refresh_from_db()
    assert item.status == NewsItem.Status.PUBLISHED
    assert item.publish_at <= timezone.now()


def test_invalid_publish_date_is_refused_with_a_message(staff_client, make_news):
    item = make_news(status="draft")
    response = staff_client.post(
        f"/intern/news/{item.pk}/veroeffentlichen/", {"publish_at": "gestern"}, follow=True
    )
    item.refresh_from_db()
    assert item.status == NewsItem.Status.DRAFT
    assert "gültig" in response.content.decode()


def test_publishing_requires_post(staff_client, make_news):
    item = make_news(status="draft")
    assert staff_client.get(f"/intern/news/{item.pk}/veroeffentlichen/").status_code == 405


def test_unpublish_and_archive(staff_client, make_news):
    item = make_news()
    staff_client.post(f"/intern/news/{item.pk}/archivieren/")
    item.refresh_from_db()
    assert item.status == NewsItem.Status.ARCHIVED
    staff_client.post(f"/intern/news/{item.pk}/zurueckziehen/")
    item.refresh_from_db()
    assert item.status == NewsItem.Status.DRAFT


def test_gallery_upload_and_remove(staff_client, make_news):
    item = make_news()
    data = {
        "gallery-alt_text": "Bühne",
        "gallery-credit": "Ben",
        "gallery-file": SimpleUploadedFile("b.png", picture_bytes(fmt="PNG"), "image/png"),
    }
    assert staff_client.post(f"/intern/news/{item.pk}/galerie/", data).status_code == 302
    image = item.gallery.get()
    staff_client.post(f"/intern/news/{item.pk}/galerie/{image.pk}/entfernen/")
    assert not item.gallery.exists()


def test_image_library_upload_requires_alt_text(staff_client):
    data = {
        "alt_text": "",
        "credit": "Ben",
        "file": SimpleUploadedFile("b.jpg", picture_bytes(), "image/jpeg"),
    }
    response = staff_client.post("/intern/news/bilder/", data)
    assert response.status_code == 200
    assert "Alternativtext" in response.content.decode()
    assert Image.objects.count() == 0


def test_image_can_be_deleted_with_its_files(staff_client, make_image):
    from django.core.files.storage import default_storage

    image = make_image()
    names = [image.file.name, *(r["name"] for r in image.renditions)]
    staff_client.post(f"/intern/news/bilder/{image.pk}/", {"delete": "1"})
    assert not Image.objects.exists()
    assert not any(default_storage.exists(name) for name in names)


def test_category_names_must_be_unique(staff_client):
    staff_client.post("/intern/news/kategorien/", {"name": "Netzwerk"})
    response = staff_client.post("/intern/news/kategorien/", {"name": "Netzwerk"})
    assert "gibt es schon" in response.content.decode()


def test_staff_start_page_lists_the_news_areas(staff_client):
    html = staff_client.get("/intern/").content.decode()
    assert "/intern/news/" in html and "/intern/news/bilder/" in html


def test_news_form_offers_public_events_to_link(staff_client):
    from datetime import timedelta

    from beko.events.models import Event

    start = timezone.now() + timedelta(days=5)
    Event.objects.create(
        title="Stadtgespräche", title_de="Stadtgespräche", slug="stadtgespraeche",
        category="network-meeting", status="published", starts_at=start, ends_at=start + timedelta(hours=3),
    )  # fmt: skip
    html = staff_client.get("/intern/news/neu/").content.decode()
    assert "Stadtgespräche" in html

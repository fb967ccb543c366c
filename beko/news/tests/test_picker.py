"""The relation picker: a plain id field without JavaScript, a staff-only search behind it."""

import pytest

from beko.news.models import NewsItem

from .conftest import create_event

pytestmark = pytest.mark.django_db

PICK_URLS = ["/intern/news/auswahl/angebote/", "/intern/news/auswahl/veranstaltungen/"]


@pytest.mark.parametrize("url", PICK_URLS)
def test_anonymous_visitors_are_sent_to_login_from_the_picker_search(anon_client, url):
    response = anon_client.get(url, {"q": "a", "format": "json"})
    assert response.status_code == 302
    assert "/konto/" in response["Location"]


@pytest.mark.parametrize("url", PICK_URLS)
def test_partner_editors_cannot_use_the_picker_search(partner_client, url):
    assert partner_client.get(url, {"q": "a", "format": "json"}).status_code == 403


def test_picker_search_finds_public_upcoming_events_by_words_and_number(staff_client):
    wanted = create_event(title="Meet and Eat Mai", audience="volunteers")
    create_event(title="Stadtgespräch Arbeit", audience="volunteers")
    create_event(title="Meet and Eat Entwurf", audience="volunteers", status="draft")
    url = "/intern/news/auswahl/veranstaltungen/"
    results = staff_client.get(url, {"q": "eat MAI", "format": "json"}).json()["results"]
    assert [entry["id"] for entry in results] == [wanted.pk]
    assert "Meet and Eat Mai" in results[0]["label"]
    by_number = staff_client.get(url, {"q": str(wanted.pk), "format": "json"}).json()
    assert [entry["id"] for entry in by_number["results"]] == [wanted.pk]
    drafts = staff_client.get(url, {"q": "Entwurf", "format": "json"}).json()
    assert drafts["results"] == []


def test_picker_search_page_works_without_javascript_and_escapes_the_query(staff_client):
    event = create_event(title="Meet and Eat Mai", audience="volunteers")
    html = staff_client.get("/intern/news/auswahl/veranstaltungen/", {"q": "meet"}).content
    html = html.decode()
    assert f"<td>{event.pk}</td>" in html and "Meet and Eat Mai" in html
    hostile = staff_client.get(
        "/intern/news/auswahl/veranstaltungen/", {"q": '"><script>alert(1)</script>'}
    ).content.decode()
    assert "<script>alert(1)" not in hostile
    assert staff_client.get("/intern/news/auswahl/angebote/", {"q": "x" * 5000}).status_code == 200


def _news_data(**overrides):
    data = {
        "title": "Meet & Eat im Mai",
        "teaser": "Fachleute beantworten Fragen.",
        "body": "<p>Text</p>",
        "kind": "news",
        "author_unit": "BeKo-Team",
    }
    data.update(overrides)
    return data


def test_related_events_are_saved_from_a_plain_comma_separated_field(staff_client):
    first = create_event(title="Meet and Eat Mai", audience="volunteers")
    second = create_event(title="Stadtgespräch Arbeit", audience="volunteers")
    response = staff_client.post(
        "/intern/news/neu/", _news_data(related_event_ids=f"{second.pk}, {first.pk},{second.pk}")
    )
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert item.related_event_ids == [first.pk, second.pk]  # duplicates dropped
    form_html = staff_client.get(f"/intern/news/{item.pk}/").content.decode()
    assert f'value="{first.pk}, {second.pk}"' in form_html
    assert "Stadtgespräch Arbeit" in form_html  # chosen entries are listed by name


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "Bitte nur Nummern eingeben"),
        ("1; DROP TABLE news_newsitem", "Bitte nur Nummern eingeben"),
        ("-3", "Bitte nur Nummern eingeben"),
        ("999999", "Diese Nummern gibt es nicht"),
    ],
)
def test_bad_related_ids_are_refused_with_a_german_error(staff_client, value, message):
    draft = create_event(title="Geheimtermin", audience="volunteers", status="draft")
    response = staff_client.post("/intern/news/neu/", _news_data(related_event_ids=value))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not NewsItem.objects.exists()
    response = staff_client.post("/intern/news/neu/", _news_data(related_event_ids=str(draft.pk)))
    assert "Diese Nummern gibt es nicht" in response.content.decode()
    assert not NewsItem.objects.exists()


def test_news_form_marks_rich_text_and_picker_fields_for_the_scripts(staff_client):
    html = staff_client.get("/intern/news/neu/").content.decode()
    assert 'name="body"' in html and "data-richtext=" in html
    assert "vendor/prosemirror/prosemirror" in html
    assert 'data-picker="/intern/news/auswahl/veranstaltungen/"' in html
    assert 'href="/intern/news/auswahl/angebote/"' in html  # the no-JS lookup

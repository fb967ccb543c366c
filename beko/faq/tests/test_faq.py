from __future__ import annotations

import pytest

from beko.core.vocabulary import Audience
from beko.faq import selectors, services
from beko.faq.models import FaqEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(staff_user):
    made = {
        "duldung": services.faq_entry_create(
            question="Darf eine Person mit Duldung eine Ausbildung beginnen?",
            answer="<p>Oft ja (§ 60c AufenthG).</p><script>alert(1)</script>",
            topic="training", audiences=["volunteers", "employers"], publish=True, by=staff_user, position=1,
        ),
        "kurs": services.faq_entry_create(
            question="Wo gibt es Deutschkurse mit Kinderbetreuung?",
            answer="<p>Im Angebotsverzeichnis nach Kinderbetreuung filtern.</p>",
            topic="language", audiences=["volunteers"], publish=True, by=staff_user,
        ),
        "entwurf": services.faq_entry_create(
            question="Entwurf: Wie funktioniert die Anerkennung?", answer="<p>Noch nicht fertig.</p>",
            topic="recognition", audiences=[], publish=False, by=staff_user,
        ),
    }  # fmt: skip
    return made


def test_faq_page_groups_published_entries_by_topic(anon_client, entries):
    response = anon_client.get("/fragen/")
    html = response.content.decode()
    assert response.status_code == 200
    assert [g["topic"] for g in response.context["groups"]] == ["training", "language"]
    assert entries["duldung"].question in html
    assert "Entwurf" not in html
    assert "<script>alert(1)</script>" not in html


def test_faq_search_and_topic_filter(anon_client, entries):
    assert {e.pk for e in selectors.faq_search(query="kinderbetreuung")} == {entries["kurs"].pk}
    assert {e.pk for e in selectors.faq_search(query="Duldung Ausbildung")} == {
        entries["duldung"].pk
    }
    assert list(selectors.faq_search(query="Anerkennung")) == []
    response = anon_client.get("/fragen/", {"thema": "language"})
    assert [g["topic"] for g in response.context["groups"]] == ["language"]
    fragment = anon_client.get("/fragen/", {"q": "Kinderbetreuung"}, HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()
    assert entries["kurs"].question in fragment.content.decode()


@pytest.mark.parametrize(
    "query", ["<script>alert(1)</script>", "' OR 1=1 --", "x" * 300, "مرحبا", "%%%"]
)
def test_hostile_search_input_is_harmless(anon_client, entries, query):
    response = anon_client.get("/fragen/", {"q": query})
    assert response.status_code == 200
    main = response.content.decode().split("<main", 1)[1]
    assert "<script>alert(1)</script>" not in main
    if query.startswith("<script>"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in main
    assert anon_client.get("/fragen/", {"thema": "<b>"}).status_code == 200


def test_detail_page_and_draft_is_404(anon_client, entries):
    assert anon_client.get(entries["duldung"].get_absolute_url()).status_code == 200
    assert anon_client.get(f"/fragen/{entries['entwurf'].slug}/").status_code == 404


def test_missing_translation_falls_back_to_german_marked(anon_client, entries):
    from beko.core.services import translation_save

    html = anon_client.get(f"/en/fragen/{entries['duldung'].slug}/").content.decode()
    assert '<div class="fallback">' in html
    assert '<span lang="de" dir="ltr">Darf eine Person mit Duldung' in html
    translation_save(obj=entries["duldung"], language="en",
                     values={"question": "May a tolerated person start training?", "answer": "<p>Often yes.</p>"})  # fmt: skip
    html = anon_client.get(f"/en/fragen/{entries['duldung'].slug}/").content.decode()
    assert "May a tolerated person start training?" in html
    assert '<div class="fallback">' not in html


def test_faq_entries_for_audience_and_topic(entries):
    assert [e.pk for e in selectors.faq_entries_for(audience="employers")] == [
        entries["duldung"].pk
    ]
    assert {e.pk for e in selectors.faq_entries_for(audience="volunteers")} == {
        entries["duldung"].pk,
        entries["kurs"].pk,
    }
    assert selectors.faq_entries_for(topic="recognition") == []
    assert len(selectors.faq_entries_for(limit=1)) == 1


def test_staff_create_edit_and_unpublish(staff_client, anon_client):
    data = {"question": "Wer zahlt den Deutschkurs?", "answer": "<p>Oft das BAMF.</p>", "topic": "language",
            "audiences": ["volunteers"], "position": 5, "publish": "on"}  # fmt: skip
    assert staff_client.post("/intern/faq/neu/", data).status_code == 302
    entry = FaqEntry.objects.get()
    assert entry.is_published and entry.audience_list == ["volunteers"]
    data.pop("publish")
    data["question"] = "Wer bezahlt den Deutschkurs?"
    assert staff_client.post(f"/intern/faq/{entry.pk}/", data).status_code == 302
    entry.refresh_from_db()
    assert not entry.is_published
    assert entry.question_de == "Wer bezahlt den Deutschkurs?"
    assert anon_client.get(entry.get_absolute_url()).status_code == 404
    assert staff_client.get("/intern/faq/").status_code == 200


def test_staff_form_refuses_personal_data(staff_client):
    data = {
        "question": "Frage von max@example.org",
        "answer": "Text",
        "topic": "work",
        "position": 1,
    }
    response = staff_client.post("/intern/faq/neu/", data)
    assert response.status_code == 200
    assert "personenbezogene Daten" in response.content.decode()
    assert not FaqEntry.objects.exists()


def test_partners_and_anonymous_cannot_edit_faq(partner_client, anon_client, entries):
    for client, code in ((partner_client, 403), (anon_client, 302)):
        assert client.get("/intern/faq/").status_code == code
        assert client.post("/intern/faq/neu/", {"question": "x"}).status_code == code
        assert client.get(f"/intern/faq/{entries['kurs'].pk}/").status_code == code


def test_search_uses_the_site_search_with_german_stemming_and_folding(entries):
    assert [e.pk for e in selectors.faq_search(query="Ausbildungen")] == [entries["duldung"].pk]
    assert [e.pk for e in selectors.faq_search(query="deutschkurse kinderbetreuung")] == [
        entries["kurs"].pk
    ]
    assert [e.pk for e in selectors.faq_search(query="AUSBILDUNG")] == [entries["duldung"].pk]


def test_drafts_are_not_in_the_site_search_index(entries):
    from beko.core import search

    hits = search.Search("Anerkennung").hits([FaqEntry])
    assert entries["entwurf"].pk not in {hit.object_id for hit in hits}
    assert {hit.object_id for hit in search.Search("Kinderbetreuung").hits([FaqEntry])} == {
        entries["kurs"].pk
    }


def test_fresh_translation_is_found_before_the_next_reindex(anon_client, entries):
    from beko.core.services import translation_save

    translation_save(obj=entries["kurs"], language="en",
                     values={"question": "Where are German courses with childcare?", "answer": "<p>Filter the directory.</p>"})  # fmt: skip
    response = anon_client.get("/en/fragen/", {"q": "childcare"})
    assert [e.pk for g in response.context["groups"] for e in g["entries"]] == [entries["kurs"].pk]


def test_the_migration_maps_the_old_audience_codes_to_the_shared_ones():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("beko.faq.migrations.0002_shared_audience_codes")
    entry = FaqEntry.objects.create(
        question="Alte Codes?", answer="<p>Ja.</p>", topic="work", slug="alte-codes",
        audiences=" association counselling volunteer ",
    )  # fmt: skip
    migration.forwards(apps, None)
    entry.refresh_from_db()
    assert entry.audiences == " associations counselling volunteers "
    assert set(entry.audience_list) <= set(Audience.values)
    migration.backwards(apps, None)
    entry.refresh_from_db()
    assert entry.audiences == " association counselling volunteer "


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["a" * 100_000, "ä" * 30_000, "xyz " * 10 + "q" * 60_000])
def test_suggestions_and_search_survive_a_pasted_giant_word(entries, text):
    """SQLite refuses LIKE patterns over 50,000 bytes; overlong words are cut first."""
    from beko.faq.selectors import faq_search, faq_suggestions

    assert faq_suggestions(text=text) == []
    assert faq_search(query=text) == []


def test_cached_faq_pages_change_at_once_after_a_staff_edit(staff_client, anon_client, entries):
    entry = entries["kurs"]
    urls = ["/fragen/", entry.get_absolute_url()]
    for url in urls:
        anon_client.get(url)
        assert anon_client.get(url)["X-Cache"] == "hit"
    data = {"question": "Wo gibt es Abendkurse mit Kinderbetreuung?", "answer": "<p>Hier.</p>",
            "topic": "language", "audiences": ["volunteers"], "position": 5, "publish": "on"}  # fmt: skip
    assert staff_client.post(f"/intern/faq/{entry.pk}/", data).status_code == 302
    for url in urls:
        assert "Abendkurse" in anon_client.get(url).content.decode(), url

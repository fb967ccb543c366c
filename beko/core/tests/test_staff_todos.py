"""The staff home's "what needs doing": real counts, most urgent first, constant queries."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from beko.core.models import Page
from beko.core.selectors import staff_todo_list
from beko.directory.models import District, Location, Offer, OfferChange, OfferReport, Organisation
from beko.events.models import Event
from beko.inquiries.models import Inquiry, Status

STALE = settings.BEKO_DIRECTORY_STALE_DAYS + 1
HIDDEN = settings.BEKO_DIRECTORY_STALE_DAYS + settings.BEKO_DIRECTORY_HIDE_AFTER_DAYS + 1

OVERDUE = "Anfragen über der Antwortfrist"
NEW = "Neue Anfragen"
CHANGES = "Änderungen von Partnern warten auf Freigabe"
EVENTS = "Veranstaltungen warten auf Freigabe"
REPORTS = "Gemeldete Fehler in Angeboten"
ABOUT_TO_HIDE = "Angebote werden bald als veraltet ausgeblendet"
TRANSLATIONS = "Inhalte mit fehlender oder veralteter Übersetzung"


def _ago(days: int) -> Any:
    return timezone.now() - timedelta(days=days)


def _inquiries(*statuses_and_ages: tuple[str, int]) -> None:
    Inquiry.objects.bulk_create(
        [
            Inquiry(
                reference=f"BK-{secrets.token_hex(5)}",
                status_token_hash=secrets.token_hex(32),
                asker_type="volunteers",
                topic="work",
                question="Frage",
                email="p@example.org",
                status=status,
                created_at=_ago(age),
            )
            for status, age in statuses_and_ages
        ]
    )


def _offer(org: Organisation, title: str, *, status: str = "published", verified: int = 0) -> Offer:
    return Offer.objects.create(
        title=title,
        summary=title,
        organisation=org,
        status=status,
        last_verified_at=_ago(verified),
        created_at=_ago(verified),
    )


def _world(tag: str) -> None:
    """One of each kind of waiting work; calling it twice doubles every count."""
    org = Organisation.objects.create(name=f"Verein {tag}", slug=f"verein-{tag}")
    _inquiries(
        (Status.NEW, 0),
        (Status.NEW, 0),
        (Status.NEW, 10),  # new and overdue
        (Status.IN_PROGRESS, 10),  # overdue
        (Status.ANSWERED, 10),  # neither
    )
    fresh = _offer(org, f"Frisch {tag}")
    _offer(org, f"Bald weg {tag}", verified=STALE)
    _offer(org, f"Schon weg {tag}", verified=HIDDEN)  # already hidden: no longer "about to"
    _offer(org, f"Entwurf {tag}", status="draft", verified=STALE)
    OfferChange.objects.create(offer=fresh, organisation=org, data={"title": "x"})
    OfferChange.objects.create(organisation=org, data={"title": "neu"})
    OfferChange.objects.create(organisation=org, data={"title": "y"}, state="rejected")
    OfferReport.objects.create(offer=fresh, message="Telefonnummer stimmt nicht")
    OfferReport.objects.create(offer=fresh, message="erledigt", state="done")
    Location.objects.create(
        organisation=org, street="Hofaue 1", postal_code="42103", district=District.objects.first()
    )
    start = timezone.now() + timedelta(days=3)
    for status in (Event.Status.PROPOSED, Event.Status.PUBLISHED):
        Event.objects.create(
            title_de=f"Stadtgespräch {tag} {status}",
            slug=f"stadtgespraech-{tag}-{status}",
            category=Event.Category.MEET_EAT,
            status=status,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
        )


def _counts(user: Any) -> dict[str, int]:
    return {todo.label: todo.count for todo in staff_todo_list(user=user)}


@pytest.mark.django_db
def test_counts_match_the_known_data(staff_user: Any) -> None:
    _world("a")
    counts = _counts(staff_user)
    assert counts[OVERDUE] == 2
    assert counts[NEW] == 3
    assert counts[CHANGES] == 2
    assert counts[EVENTS] == 1
    assert counts[REPORTS] == 1
    assert counts[ABOUT_TO_HIDE] == 1


@pytest.mark.django_db
def test_new_untranslated_content_is_counted(staff_user: Any) -> None:
    before = _counts(staff_user)[TRANSLATIONS]
    Page.objects.create(slug="neu", title="Neue Seite", body="<p>nur deutsch</p>")
    assert _counts(staff_user)[TRANSLATIONS] == before + 1


@pytest.mark.django_db
def test_open_work_comes_first_most_urgent_on_top_and_zero_counts_last(staff_user: Any) -> None:
    org = Organisation.objects.create(name="Verein", slug="verein")
    _offer(org, "Bald weg", verified=STALE)
    _inquiries((Status.NEW, 10))
    labels = [todo.label for todo in staff_todo_list(user=staff_user) if todo.label != TRANSLATIONS]
    assert labels[:3] == [OVERDUE, NEW, ABOUT_TO_HIDE]
    assert set(labels[3:]) == {CHANGES, EVENTS, REPORTS}
    assert all(t.count == 0 for t in staff_todo_list(user=staff_user) if t.label in labels[3:])


@pytest.mark.django_db
def test_the_number_of_count_queries_does_not_grow_with_the_data(staff_user: Any) -> None:
    _world("a")
    with CaptureQueriesContext(connection) as small:
        staff_todo_list(user=staff_user)
    _world("b")
    _world("c")
    with CaptureQueriesContext(connection) as large:
        doubled = _counts(staff_user)
    assert doubled[NEW] == 9  # the data really grew
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.django_db
def test_staff_home_shows_the_counts_with_links_and_calm_zeros(staff_client: Any) -> None:
    _inquiries((Status.NEW, 10))
    html = staff_client.get("/intern/").content.decode()
    assert "Was zu tun ist" in html
    assert (
        '<li class="todo">\n        <a href="/intern/inquiries/?age=ueberfaellig">'
        '<span class="todo__count">1</span> <span class="todo__label">'
        "Anfragen über der Antwortfrist</span></a>"
    ) in html
    assert 'href="/intern/inquiries/?status=new"' in html
    assert 'href="/intern/directory/freigaben/"' in html
    assert 'href="/intern/events/?status=proposed"' in html
    assert 'href="/intern/uebersetzungen/"' in html
    assert html.index(OVERDUE) < html.index(NEW) < html.index(CHANGES)
    assert 'class="todo todo--done"' in html  # nothing waiting here: shown, but calm


def test_partners_and_anonymous_users_do_not_get_the_staff_home(
    partner_client: Any, anon_client: Any
) -> None:
    assert partner_client.get("/intern/").status_code == 403
    assert anon_client.get("/intern/").status_code == 302

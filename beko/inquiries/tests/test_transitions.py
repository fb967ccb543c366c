from __future__ import annotations

import pytest

from beko.core.models import AuditEntry
from beko.inquiries import services
from beko.inquiries.models import TRANSITIONS, Inquiry, Status

pytestmark = pytest.mark.django_db

ALL_PAIRS = [(a, b) for a in Status.values for b in Status.values if a != b]


def _in_status(inquiry, status):
    Inquiry.objects.filter(pk=inquiry.pk).update(status=status)
    inquiry.refresh_from_db()
    return inquiry


@pytest.mark.parametrize(("start", "target"), ALL_PAIRS)
def test_every_status_change_follows_the_transition_table(make_inquiry, staff_user, start, target):
    inquiry = _in_status(make_inquiry(), start)
    if target in TRANSITIONS[start]:
        services.inquiry_transition(inquiry=inquiry, to=target, by=staff_user)
        inquiry.refresh_from_db()
        assert inquiry.status == target
        entry = AuditEntry.objects.get(action="inquiries.status_changed")
        assert entry.data == {"from": start, "to": target}
        assert entry.actor == staff_user
    else:
        with pytest.raises(services.TransitionNotAllowed):
            services.inquiry_transition(inquiry=inquiry, to=target, by=staff_user)
        inquiry.refresh_from_db()
        assert inquiry.status == start


def test_closing_sets_and_reopening_clears_closed_at(make_inquiry, staff_user):
    inquiry = make_inquiry()
    services.inquiry_transition(inquiry=inquiry, to=Status.CLOSED, by=staff_user)
    assert inquiry.closed_at is not None
    services.inquiry_transition(inquiry=inquiry, to=Status.IN_PROGRESS, by=staff_user)
    assert inquiry.closed_at is None


def test_claiming_a_new_inquiry_assigns_it_and_starts_work(make_inquiry, staff_user):
    inquiry = make_inquiry()
    services.inquiry_claim(inquiry=inquiry, by=staff_user)
    inquiry.refresh_from_db()
    assert inquiry.assignee == staff_user
    assert inquiry.status == Status.IN_PROGRESS
    assert AuditEntry.objects.filter(
        action="inquiries.assigned", object_id=str(inquiry.pk)
    ).exists()


def test_reply_by_phone_marks_answered_and_records_first_answer(make_inquiry, staff_user):
    inquiry = make_inquiry(email="")
    services.inquiry_reply(
        inquiry=inquiry, subject="Antwort", body="Am Telefon erklärt.", via="phone", by=staff_user
    )
    inquiry.refresh_from_db()
    assert inquiry.status == Status.ANSWERED
    first = inquiry.first_answered_at
    assert first is not None
    services.inquiry_reply(
        inquiry=inquiry, subject="Nachtrag", body="Noch etwas.", via="phone", by=staff_user
    )
    inquiry.refresh_from_db()
    assert inquiry.first_answered_at == first
    assert inquiry.replies.count() == 2


def test_reply_to_a_closed_inquiry_reopens_and_answers_it(make_inquiry, staff_user):
    inquiry = make_inquiry(email="")
    services.inquiry_transition(inquiry=inquiry, to=Status.CLOSED, by=staff_user)
    services.inquiry_reply(inquiry=inquiry, subject="S", body="Antwort", via="phone", by=staff_user)
    assert inquiry.status == Status.ANSWERED


def test_email_reply_without_address_is_refused(make_inquiry, staff_user):
    inquiry = make_inquiry(email="")
    with pytest.raises(services.MailNotSent):
        services.inquiry_reply(inquiry=inquiry, subject="S", body="B", via="email", by=staff_user)
    assert inquiry.replies.count() == 0


def test_reply_is_not_stored_when_the_mail_server_refuses(make_inquiry, staff_user, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    inquiry = make_inquiry()
    with pytest.raises(services.MailNotSent):
        services.inquiry_reply(inquiry=inquiry, subject="S", body="B", via="email", by=staff_user)
    inquiry.refresh_from_db()
    assert inquiry.replies.count() == 0
    assert inquiry.status == Status.NEW


def test_merging_closes_the_duplicate_and_notes_it_on_the_main_inquiry(make_inquiry, staff_user):
    main, duplicate = make_inquiry(), make_inquiry()
    services.inquiry_merge(duplicate=duplicate, into=main, by=staff_user)
    duplicate.refresh_from_db()
    assert duplicate.status == Status.CLOSED
    assert duplicate.merged_into == main
    assert duplicate.reference in main.notes.get().text
    with pytest.raises(services.TransitionNotAllowed):
        services.inquiry_merge(duplicate=main, into=main, by=staff_user)
    with pytest.raises(services.TransitionNotAllowed):
        services.inquiry_merge(duplicate=main, into=duplicate, by=staff_user)


def test_anonymised_inquiry_cannot_be_changed(make_inquiry, staff_user):
    inquiry = services.inquiry_anonymise(inquiry=make_inquiry())
    for action in (
        lambda: services.inquiry_transition(inquiry=inquiry, to=Status.IN_PROGRESS, by=staff_user),
        lambda: services.inquiry_note_add(inquiry=inquiry, text="x", by=staff_user),
        lambda: services.inquiry_claim(inquiry=inquiry, by=staff_user),
    ):
        with pytest.raises(services.TransitionNotAllowed):
            action()


def test_template_placeholders_are_filled_and_unknown_ones_kept(make_inquiry, staff_user):
    inquiry = make_inquiry(name="Erika")
    values = services.placeholders_for(inquiry=inquiry, by=staff_user)
    text = services.template_fill("Hallo {name}, {referenz} – {unbekannt} {name.__class__}", values)
    assert text == f"Hallo Erika, {inquiry.reference} – {{unbekannt}} {{name.__class__}}"


def test_references_are_unique_and_readable(make_inquiry):
    references = {make_inquiry().reference for _ in range(20)}
    assert len(references) == 20
    for reference in references:
        assert reference.startswith("BK-") and len(reference) == 12
        assert not set(reference) & set("01OI")

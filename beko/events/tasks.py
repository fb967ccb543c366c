"""Background jobs of the events app: the mails to participants.

Mails leave through django_tasks so a slow SMTP server never holds the event lock or the
visitor's request in production (database backend + `manage.py db_worker`).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

logger = logging.getLogger(__name__)


def _subject(kind: str, title: str) -> str:
    labels = {
        "confirmation": _("Anmeldung bestätigt: %(title)s"),
        "waiting": _("Warteliste: %(title)s"),
        "promoted": _("Ein Platz ist frei geworden: %(title)s"),
        "cancelled": _("Abmeldung bestätigt: %(title)s"),
    }
    return labels[kind] % {"title": title}


@task()
def registration_mail(
    registration_id: int = 0, kind: str = "confirmation", ticket_code: str = ""
) -> None:
    """Confirmation / waiting list / moved up / cancelled, in the visitor's language.

    Confirmed seats get the appointment as .ics and the ticket QR code as SVG attached.
    The registration is named by its id or, when the mail is queued before the registration
    is inserted (in the same transaction, services.registration_create), by its ticket code.
    """
    from . import ical, services, tickets
    from .models import Registration

    found = Registration.objects.select_related("event", "event__venue", "session").filter(
        anonymised_at=None
    )
    registration = (
        found.filter(pk=registration_id)
        if registration_id
        else found.filter(ticket_code=ticket_code)
    ).first()
    if registration is None or not registration.email:
        return
    if kind == "confirmation" and registration.status == Registration.Status.WAITING:
        kind = "waiting"
    with translation.override(registration.language):
        event = registration.event
        token = services.registration_token(registration)
        context = {
            "registration": registration,
            "event": event,
            "kind": kind,
            "site_url": settings.SITE_URL,
            "page_url": settings.SITE_URL
            + reverse("events:registration_detail", kwargs={"token": token}),
            "cancel_url": settings.SITE_URL
            + reverse("events:registration_cancel", kwargs={"token": token}),
            "event_url": settings.SITE_URL + event.get_absolute_url(),
        }
        message = EmailMultiAlternatives(
            subject=_subject(kind, str(event.title)),
            body=render_to_string("emails/events/registration.txt", context),
            to=[registration.email],
        )
        if kind in {"confirmation", "promoted"}:
            message.attach("veranstaltung.ics", ical.event_calendar(event), "text/calendar")
            message.attach(
                f"ticket-{registration.ticket_code}.svg",
                tickets.qr_svg(registration.ticket_code),
                "image/svg+xml",
            )
    message.send()
    logger.info("registration mail sent", extra={"registration": registration_id, "kind": kind})


@task()
def participant_message(registration_id: int, subject: str, body: str) -> None:
    """Staff message to one participant (room change, cancellation of the event)."""
    from . import services
    from .models import Registration

    registration = (
        Registration.objects.select_related("event")
        .filter(pk=registration_id, anonymised_at=None)
        .first()
    )
    if registration is None or not registration.email:
        return
    with translation.override(registration.language):
        token = services.registration_token(registration)
        text = render_to_string(
            "emails/events/participant_message.txt",
            {
                "registration": registration,
                "event": registration.event,
                "body": body,
                "page_url": settings.SITE_URL
                + reverse("events:registration_detail", kwargs={"token": token}),
            },
        )
    EmailMultiAlternatives(subject=subject, body=text, to=[registration.email]).send()


@task()
def anonymise_past_registrations() -> int:
    """Nightly retention job (see the `events_retention` management command)."""
    from . import services

    return services.registrations_anonymise(older_than_days=settings.EVENTS_RETENTION_DAYS)


@task()
def refresh_next_dates() -> int:
    """Every few minutes: recurring series move on to their next occurrence."""
    from . import services

    return services.events_refresh_next_dates()

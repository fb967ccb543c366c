"""Writes of the inquiries app. Every action on personal data is audit-logged."""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from beko.core.audit import audit_redact, log_action
from beko.core.privacy import Subject, subject_export
from beko.core.vocabulary import Topic
from beko.faq import services as faq_services

from .models import (
    TRANSITIONS,
    Attachment,
    Channel,
    Inquiry,
    Note,
    Reply,
    ReplyTemplate,
    Status,
)

if TYPE_CHECKING:
    from beko.accounts.models import User
    from beko.faq.models import FaqEntry

logger = logging.getLogger(__name__)

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out by phone


class TransitionNotAllowed(Exception):
    pass


class MailNotSent(Exception):
    pass


@dataclass(frozen=True)
class Submission:
    inquiry: Inquiry
    token: str


def digits_of(phone: str) -> str:
    """National form of a phone number's digits: +49 202 … and 0202 … compare equal."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if phone.strip().startswith("+49"):
        digits = "0" + digits[2:]
    elif digits.startswith("0049"):
        digits = "0" + digits[4:]
    return digits


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_reference() -> str:
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"BK-{chars[:4]}-{chars[4:]}"


def status_url(token: str, *, language: str = "de") -> str:
    with translation.override(language):
        path = reverse("inquiries:status", kwargs={"token": token})
    return f"{settings.SITE_URL}{path}"


def _store_attachment(
    *, inquiry: Inquiry, upload: UploadedFile, content_type: str, extension: str
) -> Attachment:
    original = get_valid_filename((upload.name or "anhang").rsplit("/", 1)[-1])[:200] or "anhang"
    attachment = Attachment(
        inquiry=inquiry, original_name=original, content_type=content_type, size=upload.size or 0
    )
    # The stored name is random: nothing the sender chose reaches the file system.
    attachment.file.save(f"{uuid.uuid4().hex}.{extension}", upload, save=False)
    attachment.save()
    return attachment


class InquiryData(TypedDict):
    """What `inquiry_submit` reads: the contact form's or the phone form's cleaned data."""

    asker_type: str  # models.AskerType
    topic: str  # core.vocabulary.Topic
    question: str
    name: NotRequired[str]
    email: NotRequired[str]
    phone: NotRequired[str]


class ReplyTemplateData(TypedDict):
    """What `reply_template_save` reads: `ReplyTemplateForm`'s cleaned data."""

    title: str
    subject: str
    body: str
    topic: str  # core.vocabulary.Topic, or "" for every topic


def inquiry_submit(
    *,
    data: InquiryData,
    attachment: tuple[UploadedFile, str, str] | None = None,
    channel: str = Channel.WEB,
    language: str = "de",
    by: User | None = None,
    send_confirmation: bool = True,
) -> Submission:
    """Store a new inquiry (form or phone) and send the confirmation with the status link.

    `attachment` is (file, content type, extension) as checked by the form. The mail goes out
    after the rows are stored; a mail failure is logged and never loses the inquiry.
    """
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        inquiry = Inquiry(
            status_token_hash=token_hash(token),
            channel=channel,
            asker_type=data["asker_type"],
            topic=data["topic"],
            question=data["question"],
            name=data.get("name", ""),
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            phone_digits=digits_of(data.get("phone", "")),
            language=language,
            consent_at=timezone.now(),
            created_at=timezone.now(),
            created_by=by,
        )
        for _attempt in range(5):
            inquiry.reference = _new_reference()
            try:
                with transaction.atomic():
                    inquiry.save()
                break
            except IntegrityError:
                continue
        else:
            raise RuntimeError("could not allocate a reference number")
        if attachment is not None:
            upload, content_type, extension = attachment
            _store_attachment(
                inquiry=inquiry, upload=upload, content_type=content_type, extension=extension
            )
        if by is not None:
            log_action(inquiry, "inquiries.created", by=by, data={"channel": channel})
    if inquiry.email and send_confirmation:
        try:
            _send_confirmation(inquiry=inquiry, token=token)
        except (OSError, MailNotSent):
            logger.exception("confirmation mail failed", extra={"reference": inquiry.reference})
    return Submission(inquiry=inquiry, token=token)


def _send(*, subject: str, body: str, to: str, auto: bool = False) -> None:
    headers = {"Auto-Submitted": "auto-generated"} if auto else {}
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=[settings.BEKO_OFFICE["email"]],
        headers=headers,
    )
    try:
        sent = message.send(fail_silently=False)
    except OSError as exc:  # smtplib errors are OSErrors
        raise MailNotSent(str(exc)) from exc
    if sent != 1:
        raise MailNotSent("backend accepted no message")


def _send_confirmation(*, inquiry: Inquiry, token: str) -> None:
    with translation.override(inquiry.language):
        context = {
            "inquiry": inquiry,
            "status_url": status_url(token, language=inquiry.language),
            "office": settings.BEKO_OFFICE,
        }
        subject = _("Ihre Anfrage %(reference)s ist eingegangen") % {"reference": inquiry.reference}
        body = render_to_string("emails/inquiry_received.txt", context)
    _send(subject=subject, body=body, to=inquiry.email, auto=True)


def _check_changeable(inquiry: Inquiry) -> None:
    if inquiry.is_anonymised:
        raise TransitionNotAllowed(
            _("Die Anfrage ist anonymisiert und kann nicht mehr bearbeitet werden.")
        )


@transaction.atomic
def inquiry_transition(*, inquiry: Inquiry, to: str, by: User) -> Inquiry:
    """Change the status along the allowed transitions (models.TRANSITIONS)."""
    _check_changeable(inquiry)
    if to not in TRANSITIONS.get(inquiry.status, frozenset()):
        raise TransitionNotAllowed(
            _("Von „%(from)s“ nach „%(to)s“ ist kein Statuswechsel möglich.")
            % {"from": inquiry.get_status_display(), "to": dict(Status.choices).get(to, to)}
        )
    previous = inquiry.status
    inquiry.status = to
    now = timezone.now()
    if to == Status.CLOSED:
        inquiry.closed_at = now
    elif previous == Status.CLOSED:
        inquiry.closed_at = None
    if to == Status.ANSWERED and inquiry.first_answered_at is None:
        inquiry.first_answered_at = now
    inquiry.save()
    log_action(inquiry, "inquiries.status_changed", by=by, data={"from": previous, "to": to})
    return inquiry


@transaction.atomic
def inquiry_assign(*, inquiry: Inquiry, assignee: User | None, by: User) -> Inquiry:
    """Assign (or with assignee=None release) an inquiry; a new one moves to 'in progress'."""
    _check_changeable(inquiry)
    inquiry.assignee = assignee
    inquiry.save(update_fields=["assignee", "updated_at"])
    log_action(inquiry, "inquiries.assigned", by=by, data={"to": assignee.pk if assignee else None})
    if assignee is not None and inquiry.status == Status.NEW:
        inquiry_transition(inquiry=inquiry, to=Status.IN_PROGRESS, by=by)
    return inquiry


def inquiry_claim(*, inquiry: Inquiry, by: User) -> Inquiry:
    return inquiry_assign(inquiry=inquiry, assignee=by, by=by)


@transaction.atomic
def inquiry_note_add(*, inquiry: Inquiry, text: str, by: User) -> Note:
    _check_changeable(inquiry)
    note = Note.objects.create(inquiry=inquiry, author=by, text=text)
    log_action(inquiry, "inquiries.note_added", by=by, data={"note": note.pk})
    return note


_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Text the person must never receive: a field staff fill by hand ("[[Termin]]"), an automatic
# placeholder nobody knows ("{termin}"), or the "…" the first templates used as a gap.
_MANUAL_PLACEHOLDER = re.compile(r"\[\[[^\[\]\n]{0,80}\]\]")
_LONE_ELLIPSIS = re.compile(r"(?<!\S)(?:…|\.\.\.)(?!\S)")
AUTOMATIC_PLACEHOLDERS = ("name", "referenz", "thema", "frage", "bearbeiter", "hotline")


class ReplyIncomplete(Exception):
    """A reply still holds placeholders; `missing` names them as they appear in the text."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(unfilled_message(missing))


@dataclass(frozen=True)
class RenderedReply:
    """A reply exactly as it leaves the office: the e-mail and the status-page entry."""

    email_subject: str
    email_body: str
    reply: Reply


def placeholders_for(*, inquiry: Inquiry, by: User) -> dict[str, str]:
    """Values for reply templates. Unknown placeholders stay as typed (and block sending)."""
    return {
        "name": inquiry.name or _("Damen und Herren"),
        "referenz": inquiry.reference,
        "thema": str(dict(Topic.choices).get(inquiry.topic, "")),
        "frage": inquiry.question,
        "bearbeiter": (by.get_full_name() or by.get_username()) if by else "",
        "hotline": settings.BEKO_OFFICE["hotline"],
    }


def template_fill(text: str, values: dict[str, str]) -> str:
    # A regex instead of str.format: no attribute access, no errors on stray braces.
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def unfilled_placeholders(text: str) -> list[str]:
    """Every gap left in `text`, in order of appearance, each named once."""
    found = [
        (match.start(), match.group(0))
        for pattern in (_MANUAL_PLACEHOLDER, _PLACEHOLDER, _LONE_ELLIPSIS)
        for match in pattern.finditer(text)
    ]
    return list(dict.fromkeys(name for _start, name in sorted(found)))


def unfilled_message(missing: list[str]) -> str:
    names = ", ".join(f"„{name}“" for name in missing)
    return _(
        "Bitte füllen Sie zuerst alle Platzhalter aus – noch offen: %(names)s. "
        "Die Antwort wurde nicht gesendet."
    ) % {"names": names}


def reply_subject_for(*, inquiry: Inquiry, template_subject: str, values: dict[str, str]) -> str:
    """A template's subject, filled; the inquiry's topic stays in it so the person sees
    at a glance which question is answered."""
    subject = template_fill(template_subject, values).strip()
    topic = inquiry.get_topic_display()
    if not subject:
        return _("Ihre Anfrage zum Thema %(topic)s") % {"topic": topic}
    if topic and topic.casefold() not in subject.casefold():
        subject = f"{subject} – {topic}"
    return subject


def reply_render(*, inquiry: Inquiry, subject: str, body: str, via: str) -> RenderedReply:
    """The one rendering of a reply: used for the preview and for sending, so both agree.

    The status page shows `reply` through `inquiries/_reply.html`, the preview does too.
    """
    with translation.override(inquiry.language):
        email_body = render_to_string(
            "emails/inquiry_reply.txt",
            {"inquiry": inquiry, "body": body, "office": settings.BEKO_OFFICE},
        )
    reply = Reply(inquiry=inquiry, via=via, subject=subject, body=body)
    reply.created_at = timezone.now()
    return RenderedReply(
        email_subject=f"[{inquiry.reference}] {subject}", email_body=email_body, reply=reply
    )


def inquiry_reply(*, inquiry: Inquiry, subject: str, body: str, via: str, by: User) -> Reply:
    """Answer the person. By e-mail it is sent first and stored only when the server took it.

    Refused (ReplyIncomplete) while a placeholder is left in subject or text.
    """
    _check_changeable(inquiry)
    missing = unfilled_placeholders(subject) + unfilled_placeholders(body)
    if missing:
        raise ReplyIncomplete(list(dict.fromkeys(missing)))
    if via == Reply.Via.EMAIL and not inquiry.email:
        raise MailNotSent(_("Zu dieser Anfrage gibt es keine E-Mail-Adresse."))
    rendered = reply_render(inquiry=inquiry, subject=subject, body=body, via=via)
    with transaction.atomic():
        reply = Reply.objects.create(
            inquiry=inquiry,
            author=by,
            via=via,
            subject=subject,
            body=body,
            sent_to=inquiry.email if via == Reply.Via.EMAIL else "",
        )
        if inquiry.status != Status.ANSWERED:
            if inquiry.status == Status.CLOSED:
                inquiry_transition(inquiry=inquiry, to=Status.IN_PROGRESS, by=by)
            inquiry_transition(inquiry=inquiry, to=Status.ANSWERED, by=by)
        log_action(inquiry, "inquiries.replied", by=by, data={"reply": reply.pk, "via": via})
        if via == Reply.Via.EMAIL:
            # Inside the transaction: if the mail server refuses, nothing is stored.
            _send(subject=rendered.email_subject, body=rendered.email_body, to=inquiry.email)
    return reply


@transaction.atomic
def inquiry_merge(*, duplicate: Inquiry, into: Inquiry, by: User) -> Inquiry:
    """Close `duplicate` as merged into `into`; its notes point there, nothing is deleted."""
    _check_changeable(duplicate)
    _check_changeable(into)
    if duplicate.pk == into.pk or into.merged_into_id == duplicate.pk:
        raise TransitionNotAllowed(
            _("Eine Anfrage kann nicht mit sich selbst zusammengeführt werden.")
        )
    if into.merged_into_id is not None:
        raise TransitionNotAllowed(_("Die Ziel-Anfrage wurde selbst schon zusammengeführt."))
    duplicate.merged_into = into
    duplicate.save(update_fields=["merged_into", "updated_at"])
    Note.objects.create(
        inquiry=into,
        author=by,
        text=_("Doppelte Anfrage %(reference)s wurde hierher zusammengeführt.")
        % {"reference": duplicate.reference},
    )
    if duplicate.status != Status.CLOSED:
        if duplicate.status == Status.NEW:
            inquiry_transition(inquiry=duplicate, to=Status.IN_PROGRESS, by=by)
        inquiry_transition(inquiry=duplicate, to=Status.CLOSED, by=by)
    log_action(duplicate, "inquiries.merged", by=by, data={"into": into.pk})
    log_action(into, "inquiries.merged_from", by=by, data={"duplicate": duplicate.pk})
    return duplicate


@transaction.atomic
def inquiry_faq_entry_create(
    *, inquiry: Inquiry, data: faq_services.FaqEntryData, by: User
) -> FaqEntry:
    """Turn an answered inquiry into a generic FAQ entry (the form checked for personal data)."""
    entry = faq_services.faq_entry_create(
        question=data["question"],
        answer=data["answer"],
        topic=data["topic"],
        audiences=data["audiences"],
        publish=data["publish"],
        by=by,
        position=data["position"],
    )
    inquiry.faq_entry = entry
    inquiry.save(update_fields=["faq_entry", "updated_at"])
    log_action(inquiry, "inquiries.faq_created", by=by, data={"faq_entry": entry.pk})
    return entry


@transaction.atomic
def inquiry_anonymise(*, inquiry: Inquiry, now: datetime | None = None) -> Inquiry:
    """Delete the personal data of one inquiry; topic, type, channel and times remain."""
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if inquiry.is_anonymised:
        return inquiry
    for attachment in inquiry.attachments.all():
        attachment.file.delete(save=False)
        attachment.delete()
    inquiry.notes.all().delete()
    inquiry.replies.all().delete()
    inquiry.name = ""
    inquiry.email = ""
    inquiry.phone = ""
    inquiry.phone_digits = ""
    inquiry.question = ""
    inquiry.status_token_hash = ""
    inquiry.anonymised_at = now or timezone.now()
    inquiry.save()
    audit_redact(inquiry)
    log_action(inquiry, "inquiries.anonymised", by=None)
    return inquiry


def inquiries_anonymise_expired(*, days: int | None = None, now: datetime | None = None) -> int:
    """Anonymise every inquiry closed more than `days` ago. Safe to run again: it skips done ones."""
    days = settings.BEKO_INQUIRY_RETENTION_DAYS if days is None else days
    now = now or timezone.now()
    cutoff = now - timedelta(days=days)
    due = Inquiry.objects.filter(
        status=Status.CLOSED, closed_at__lt=cutoff, anonymised_at__isnull=True
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due.iterator()):
        inquiry_anonymise(inquiry=Inquiry(pk=pk), now=now)
        count += 1
    if count:
        logger.info("inquiries anonymised", extra={"count": count, "days": days})
    return count


def _inquiry_export(inquiry: Inquiry) -> dict[str, Any]:
    return {
        "reference": inquiry.reference,
        "received_at": inquiry.created_at.isoformat(timespec="seconds"),
        "channel": inquiry.channel,
        "asker_type": inquiry.asker_type,
        "topic": inquiry.topic,
        "status": inquiry.status,
        "name": inquiry.name,
        "email": inquiry.email,
        "phone": inquiry.phone,
        "question": inquiry.question,
        "consent_at": inquiry.consent_at.isoformat(timespec="seconds")
        if inquiry.consent_at
        else None,
        # The files themselves belong to the copy of the data (Art. 15 (3) GDPR).
        "attachments": [
            {
                "name": a.original_name,
                "type": a.content_type,
                "size": a.size,
                "content_base64": _file_base64(a.file),
            }
            for a in inquiry.attachments.all()
        ],
        "replies": [
            {
                "at": r.created_at.isoformat(timespec="seconds"),
                "via": r.via,
                "subject": r.subject,
                "text": r.body,
            }
            for r in inquiry.replies.all()
        ],
        "internal_notes": [
            {"at": n.created_at.isoformat(timespec="seconds"), "text": n.text}
            for n in inquiry.notes.all()
        ],
    }


def _file_base64(file: FieldFile) -> str | None:
    try:
        with file.open("rb") as handle:
            return base64.b64encode(handle.read()).decode("ascii")
    except (OSError, ValueError):
        return None  # the file is gone (restored without media): the listing still says so


def subject_inquiries_export(subject: Subject) -> list[dict[str, Any]]:
    """The personal-data source `inquiries` (core.privacy): every inquiry of the subject."""
    from .selectors import inquiries_for_subject

    found = inquiries_for_subject(email=subject.email, phone=subject.phone)
    return [_inquiry_export(i) for i in found]


def subject_inquiries_erase(subject: Subject, by: User) -> int:
    from .selectors import inquiries_for_subject

    found = list(inquiries_for_subject(email=subject.email, phone=subject.phone))
    for inquiry in found:
        inquiry_anonymise(inquiry=inquiry)
        log_action(inquiry, "inquiries.erased", by=by, data={"art": 17})
    return len(found)


def inquiries_anonymise_stale(*, days: int | None = None, now: datetime | None = None) -> int:
    """Anonymise inquiries nobody has touched for `days` although they were never closed.

    Without this, an inquiry forgotten in the queue would keep its personal data forever.
    """
    days = settings.BEKO_INQUIRY_STALE_DAYS if days is None else days
    now = now or timezone.now()
    due = Inquiry.objects.filter(
        anonymised_at__isnull=True, updated_at__lt=now - timedelta(days=days)
    ).exclude(status=Status.CLOSED)
    pks = list(due.values_list("pk", flat=True))
    for pk in pks:
        inquiry_anonymise(inquiry=Inquiry(pk=pk), now=now)
    return len(pks)


def inquiries_retention(now: datetime) -> dict[str, int]:
    return {
        "closed_anonymised": inquiries_anonymise_expired(now=now),
        "stale_anonymised": inquiries_anonymise_stale(now=now),
    }


def subject_access_export(*, email: str = "", phone: str = "", by: User) -> dict[str, Any]:
    """Art. 15 GDPR: everything stored about the person, in every app (core.privacy)."""
    from .selectors import inquiries_for_subject

    payload = subject_export(subject=Subject(email=email, phone=phone), by=by)
    payload["retention_days_after_closing"] = settings.BEKO_INQUIRY_RETENTION_DAYS
    for inquiry in inquiries_for_subject(email=email, phone=phone):
        log_action(inquiry, "inquiries.exported", by=by, data={"art": 15})
    return payload


def reply_template_save(
    *, template: ReplyTemplate | None, data: ReplyTemplateData, by: User
) -> ReplyTemplate:
    template = template or ReplyTemplate()
    for field in ("title", "subject", "body", "topic"):
        setattr(template, field, data[field])
    template.save()
    log_action(template, "inquiries.template_saved", by=by)
    return template


def reply_template_delete(*, template: ReplyTemplate, by: User) -> None:
    log_action(template, "inquiries.template_deleted", by=by)
    template.delete()

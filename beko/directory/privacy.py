"""Personal data in the directory (core.privacy source `directory`).

- "Report outdated information" entries: message and the reporter's optional e-mail;
- offers' contact person (name, e-mail, phone), published on purpose by the organisation;
- CSV import jobs: the uploaded file (deleted right after the import) and the error list.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from beko.core.audit import log_action
from beko.core.privacy import Subject

from .models import ImportJob, Offer, OfferReport


def _offers_of(subject: Subject) -> Any:
    match = Q(pk__in=[])
    if subject.email_normalised:
        match |= Q(contact_email__iexact=subject.email_normalised)
    if len(subject.phone_digits) >= 6:
        # Phone numbers are stored as typed; compare digits only.
        candidates = Offer.objects.exclude(contact_phone="").values_list("pk", "contact_phone")
        match |= Q(
            pk__in=[
                pk
                for pk, phone in candidates
                if "".join(c for c in phone if c.isdigit()) == subject.phone_digits
            ]
        )
    return Offer.objects.filter(match)


def _reports_of(subject: Subject) -> Any:
    if not subject.email_normalised:
        return OfferReport.objects.none()
    return OfferReport.objects.filter(email__iexact=subject.email_normalised)


def subject_directory_export(subject: Subject) -> dict[str, Any]:
    return {
        "offer_reports": [
            {
                "offer": r.offer_id,
                "at": r.created_at.isoformat(timespec="seconds"),
                "message": r.message,
                "email": r.email,
                "state": r.state,
            }
            for r in _reports_of(subject)
        ],
        "offer_contacts": [
            {
                "offer": o.pk,
                "title": o.title_de,  # type: ignore[attr-defined]  # modeltranslation adds title_de at run time
                "contact_name": o.contact_name,
                "contact_email": o.contact_email,
                "contact_phone": o.contact_phone,
            }
            for o in _offers_of(subject)
        ],
    }


@transaction.atomic
def subject_directory_erase(subject: Subject, by: Any) -> int:
    reports = _reports_of(subject)
    count = reports.count()
    reports.delete()
    offers = list(_offers_of(subject))
    for offer in offers:
        offer.contact_name = offer.contact_email = offer.contact_phone = ""
        offer.save(update_fields=["contact_name", "contact_email", "contact_phone", "updated_at"])
        log_action(offer, "directory.contact_erased", by=by, data={"art": 17})
    return count + len(offers)


@transaction.atomic
def directory_retention(now: datetime) -> dict[str, int]:
    reports_cutoff = now - timedelta(days=settings.BEKO_REPORT_RETENTION_DAYS)
    reports, _ = OfferReport.objects.filter(created_at__lt=reports_cutoff).delete()
    # A file left behind by a crashed worker goes after a day; the job rows after the period.
    files = 0
    for job in ImportJob.objects.exclude(file="").filter(created_at__lt=now - timedelta(days=1)):
        job.file.delete(save=False)
        job.save(update_fields=["file"])
        files += 1
    jobs_cutoff = now - timedelta(days=settings.BEKO_IMPORT_RETENTION_DAYS)
    stale_jobs = ImportJob.objects.filter(created_at__lt=jobs_cutoff)
    for job in stale_jobs.exclude(file=""):
        job.file.delete(save=False)
    jobs, _ = stale_jobs.delete()
    return {"reports_deleted": reports, "import_files_deleted": files, "import_jobs_deleted": jobs}

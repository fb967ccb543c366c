"""Background jobs of the directory (django_tasks): CSV import, freshness reminders and
re-indexing offers after a related record changed."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def import_run(*, job_id: int) -> None:
    from . import csv_io
    from .models import ImportJob

    job = ImportJob.objects.get(pk=job_id)
    job.state = ImportJob.State.RUNNING
    job.save(update_fields=["state"])

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(processed_rows=done, total_rows=total)

    with job.file.open("rb") as handle:
        data = handle.read()
    # The file holds contact data: once read, it has served its purpose (the rows live on in
    # the offers, the errors in the job). Deleted before validation so no outcome keeps it.
    job.file.delete(save=False)
    ImportJob.objects.filter(pk=job_id).update(file="")
    result = csv_io.validate(data, progress=progress)
    job.refresh_from_db()
    job.total_rows = result.total
    if result.errors:
        job.state = ImportJob.State.FAILED
        job.errors = result.errors[:1000]
    else:
        try:
            job.created_count = csv_io.apply(result.rows, by=job.created_by)
            job.state = ImportJob.State.DONE
        except Exception:  # the transaction rolled back; tell staff instead of hanging
            logger.exception("directory.import failed", extra={"job": job_id})
            job.state = ImportJob.State.FAILED
            job.errors = [
                {
                    "row": 0,
                    "column": "",
                    "message": "Interner Fehler beim Übernehmen – nichts wurde gespeichert.",
                }
            ]
    job.processed_rows = result.total
    job.finished_at = timezone.now()
    job.save()
    logger.info("directory.import", extra={"job": job_id, "state": job.state, "rows": result.total})


@task()
def freshness_run() -> dict[str, int]:
    from .services import freshness_check

    return freshness_check()


@task()
def offers_reindex_run(*, offer_ids: list[int]) -> int:
    from beko.core.search import restrict_to_ids

    from .models import Offer
    from .services import offers_reindex

    written = offers_reindex(queryset=restrict_to_ids(Offer.objects.all(), offer_ids))
    logger.info("directory.reindex", extra={"offers": len(offer_ids), "documents": written})
    return written

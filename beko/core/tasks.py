"""Background jobs of the core app (django_tasks; run at once in development and tests)."""

from __future__ import annotations

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def generate_image_renditions(*, image_id: int) -> int:
    """Make the responsive sizes of one uploaded image; returns how many files were written."""
    from .images import image_generate_renditions
    from .models import Image

    image = Image.objects.filter(pk=image_id).first()
    if image is None:
        logger.warning(
            "image vanished before its renditions were made", extra={"image_id": image_id}
        )
        return 0
    return len(image_generate_renditions(image=image).renditions)


@task()
def privacy_retention_run() -> dict[str, dict[str, int]]:
    """Nightly: every retention period of every app (same as `manage.py privacy_retention`)."""
    from .privacy import retention_run

    return retention_run()

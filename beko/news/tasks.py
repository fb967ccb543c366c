"""Background jobs of the news app (django_tasks)."""

from __future__ import annotations

from django_tasks import task

from .services import news_publish_due


@task()
def publish_due_news() -> int:
    """Same as `manage.py news_publish_due`, for a scheduler that enqueues tasks."""
    return news_publish_due()

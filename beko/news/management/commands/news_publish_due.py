from __future__ import annotations

from typing import Any

from django.core.management import BaseCommand

from beko.news.services import news_publish_due


class Command(BaseCommand):
    help = "Mark scheduled news whose time has come as published (run every 5 minutes)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = news_publish_due()
        self.stdout.write(f"{count} geplante Meldung(en) veröffentlicht.")

from __future__ import annotations

import json
from typing import Any

from django.core.management import BaseCommand

from beko.core.privacy import retention_run


class Command(BaseCommand):
    help = (
        "Apply every retention period to every personal field, file and log record "
        "(docs/data-map.md). Safe to run repeatedly; run it nightly (deploy/systemd/beko-nightly.timer)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(json.dumps(retention_run(), sort_keys=True))

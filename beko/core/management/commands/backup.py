from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import BaseCommand, CommandError

from beko.core.backup import BackupError, backup_create, backups_prune


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite copy or pg_dump), MEDIA_ROOT and PRIVATE_MEDIA_ROOT with "
        "a manifest of SHA-256 checksums into <BACKUP_DIR>/<timestamp>/; keep BACKUP_KEEP."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output-dir", type=Path, default=None, help="Instead of BACKUP_DIR.")
        parser.add_argument("--keep", type=int, default=None, help="Instead of BACKUP_KEEP.")

    def handle(self, *args: Any, output_dir: Path | None, keep: int | None, **options: Any) -> None:
        if keep is not None and keep < 1:
            raise CommandError("--keep must be at least 1.")
        try:
            folder = backup_create(target=output_dir)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        removed = backups_prune(target=output_dir, keep=keep)
        self.stdout.write(f"Backup written: {folder}")
        if removed:
            self.stdout.write(f"Older backups removed: {len(removed)}")

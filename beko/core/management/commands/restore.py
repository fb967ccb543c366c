from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import BaseCommand, CommandError

from beko.core.backup import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = (
        "Restore a backup folder written by `manage.py backup` into an empty database and empty "
        "media folders, after checking every checksum. --force replaces existing data."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("backup", type=Path, help="The backup folder (with manifest.json).")
        parser.add_argument("--force", action="store_true", help="Replace a non-empty database.")
        parser.add_argument("--verify-only", action="store_true", help="Only check checksums.")

    def handle(
        self, *args: Any, backup: Path, force: bool, verify_only: bool, **options: Any
    ) -> None:
        try:
            if verify_only:
                manifest = backup_verify(folder=backup)
                self.stdout.write(f"Backup intact: {len(manifest['files'])} files verified.")
                return
            result = backup_restore(folder=backup, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored {result.vendor} database and {result.files} files from {result.path}."
        )

"""Backup and restore: the database, both media folders and a manifest with checksums.

A backup is a folder `<BACKUP_DIR>/<UTC timestamp>/`:
- `database.sqlite3` (SQLite online backup API: consistent while the site runs) or
  `database.pgdump` (`pg_dump --format=custom`, restored with `pg_restore`);
- `media/` (MEDIA_ROOT: public images) and `private/` (PRIVATE_MEDIA_ROOT: attachments,
  unapproved images);
- `manifest.json`: format, creation time, database vendor, the newest migration per app, and
  the SHA-256 and size of every file. A restore checks every checksum before it touches
  anything, and refuses a database that already has tables unless forced.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


@dataclass(frozen=True)
class RestoreResult:
    path: Path
    files: int
    vendor: str


def backup_dir() -> Path:
    return Path(settings.BACKUP_DIR)


def backups_prune(*, target: Path | None = None, keep: int | None = None) -> list[Path]:
    """Delete all but the `keep` newest backups (folders with a manifest) in the target."""
    keep = settings.BACKUP_KEEP if keep is None else keep
    root = target or backup_dir()
    found = sorted(p.parent for p in root.glob(f"*/{MANIFEST}"))
    doomed = found[:-keep] if keep else found
    for folder in doomed:
        shutil.rmtree(folder)
    return doomed


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env_and_args() -> tuple[dict[str, str], list[str]]:
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["--dbname", str(db["NAME"])]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return env, args


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} not found: install the PostgreSQL client tools.")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed tool, arguments from settings
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:2000]}")


def _latest_migrations() -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def backup_create(*, target: Path | None = None) -> Path:
    """Write a complete backup and return its folder."""
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    folder = (target or backup_dir()) / stamp
    if folder.exists():
        raise BackupError(f"{folder} exists already.")
    folder.mkdir(parents=True)
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(folder / SQLITE_FILE)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    elif vendor == "postgresql":
        env, args = _pg_env_and_args()
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-acl", "--file",
             str(folder / PG_FILE), *args],
            env,
        )  # fmt: skip
    else:
        raise BackupError(f"Unsupported database: {vendor}.")
    for name, root in (("media", settings.MEDIA_ROOT), ("private", settings.PRIVATE_MEDIA_ROOT)):
        source = Path(root)
        if source.is_dir():
            shutil.copytree(source, folder / name, symlinks=False)
        else:
            (folder / name).mkdir()
    files = {
        str(path.relative_to(folder)): {"sha256": _sha256(path), "size": path.stat().st_size}
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "database": {"vendor": vendor, "file": SQLITE_FILE if vendor == "sqlite" else PG_FILE},
        "migrations": _latest_migrations(),
        "files": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return folder


def backup_verify(*, folder: Path) -> dict[str, Any]:
    """Read the manifest and check every file; raise BackupError on the first problem."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"No readable {MANIFEST} in {folder}.") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.is_file():
            raise BackupError(f"Missing file in the backup: {name}")
        if _sha256(path) != expected["sha256"]:
            raise BackupError(f"Checksum mismatch, the backup is damaged: {name}")
    return dict(manifest)


def database_is_empty() -> bool:
    """No tables at all: a new database, never migrated (`make restore` target)."""
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def database_drop_all() -> None:
    """Drop every table (restore --force; tests make an empty database this way)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)}")


def _media_has_files(root: Path) -> bool:
    return root.is_dir() and any(p.is_file() for p in root.rglob("*"))


def backup_restore(*, folder: Path, force: bool = False) -> RestoreResult:
    """Restore database and media from a verified backup into this installation."""
    manifest = backup_verify(folder=folder)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"The backup holds a {vendor} database, this installation uses {connection.vendor}."
        )
    roots = {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}
    if not force:
        if not database_is_empty():
            raise BackupError(
                "The database is not empty. Restore into a new, empty database, or use "
                "FORCE=1 (--force) to replace everything in it."
            )
        busy = [str(root) for root in roots.values() if _media_has_files(root)]
        if busy:
            raise BackupError(f"Media folders are not empty: {', '.join(busy)}. Use --force.")
    if force and not database_is_empty():
        database_drop_all()
    database = folder / manifest["database"]["file"]
    if vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(database)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        env, args = _pg_env_and_args()
        connection.close()  # pg_restore needs no lock held by us
        _run(["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", *args, str(database)], env)
    for name, root in roots.items():
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(folder / name, root)
    return RestoreResult(path=folder, files=len(manifest["files"]), vendor=vendor)

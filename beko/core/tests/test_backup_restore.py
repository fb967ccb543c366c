"""Backup → restore into an empty database → the same site: offers, status link, attachment.

Runs on whichever database the suite uses (SQLite: online backup API; PostgreSQL: pg_dump
and pg_restore), so `make test` covers both.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from beko.core.backup import (
    BackupError,
    backup_create,
    backup_restore,
    database_drop_all,
    database_is_empty,
)
from beko.directory import services as directory_services
from beko.directory.models import Offer, Organisation
from beko.inquiries import services as inquiry_services

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def site(settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "images").mkdir(parents=True)
    (tmp_path / "media" / "images" / "bild.jpg").write_bytes(b"public image bytes")
    organisation = Organisation.objects.create(name="Verein Brücke e. V.", slug="bruecke")
    offer = Offer.objects.create(
        title="Sprachcafé am Ölberg", summary="Deutsch üben", organisation=organisation,
        status=Offer.Status.PUBLISHED, last_verified_at=timezone.now(),
    )  # fmt: skip
    directory_services.offers_reindex(queryset=Offer.objects.filter(pk=offer.pk))  # its window
    submission = inquiry_services.inquiry_submit(
        data={
            "asker_type": "volunteers", "topic": "work", "question": "Darf ich helfen?",
            "name": "Erika Muster", "email": "erika@example.org", "phone": "",
        },
        attachment=(SimpleUploadedFile("zeugnis.pdf", PDF), "application/pdf", "pdf"),
    )  # fmt: skip
    return {"offer": offer, "submission": submission, "tmp": tmp_path}


def _empty_everything(settings: Any) -> None:
    database_drop_all()
    shutil.rmtree(settings.MEDIA_ROOT)
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT)
    assert database_is_empty()


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_into_an_empty_database_serve_the_same_site(
    site: dict[str, Any], staff_client: Any, client: Any, settings: Any
) -> None:
    offer, submission = site["offer"], site["submission"]
    attachment = submission.inquiry.attachments.get()
    folder = backup_create(target=site["tmp"] / "backups")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == connection.vendor
    assert "media/images/bild.jpg" in manifest["files"]
    assert f"private/{attachment.file.name}" in manifest["files"]
    assert all(len(entry["sha256"]) == 64 for entry in manifest["files"].values())

    _empty_everything(settings)
    result = backup_restore(folder=folder)
    assert result.vendor == connection.vendor

    page = client.get(f"/angebote/{offer.pk}/")
    assert page.status_code == 200 and "Sprachcafé am Ölberg" in page.content.decode()
    status = client.get(f"/kontakt/status/{submission.token}/")
    assert status.status_code == 200 and submission.inquiry.reference in status.content.decode()
    download = staff_client.get(
        f"/intern/inquiries/{submission.inquiry.pk}/anhang/{attachment.pk}/"
    )
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert (Path(settings.MEDIA_ROOT) / "images/bild.jpg").read_bytes() == b"public image bytes"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_non_empty_database_unless_forced(
    site: dict[str, Any], settings: Any
) -> None:
    folder = backup_create(target=site["tmp"] / "backups")
    with pytest.raises(BackupError, match="not empty"):
        backup_restore(folder=folder)
    Offer.objects.all().delete()
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(folder))
    assert not Offer.objects.exists()  # refused: nothing was touched
    call_command("restore", str(folder), force=True)
    assert Offer.objects.get().title == "Sprachcafé am Ölberg"


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_before_anything_changes(
    site: dict[str, Any], settings: Any
) -> None:
    call_command("backup", output_dir=site["tmp"] / "backups")
    [folder] = [p.parent for p in (site["tmp"] / "backups").glob("*/manifest.json")]
    attachment = next((folder / "private").rglob("*.pdf"))
    attachment.write_bytes(b"tampered")
    _empty_everything(settings)
    with pytest.raises(CommandError, match="Checksum mismatch"):
        call_command("restore", str(folder))
    assert database_is_empty()
    with pytest.raises(CommandError, match="Checksum mismatch"):
        call_command("restore", str(folder), verify_only=True)
    # Put a table back so the end-of-test flush finds the schema it expects.
    call_command("migrate", verbosity=0)


def test_backups_beyond_the_kept_number_are_pruned(tmp_path: Path) -> None:
    from beko.core.backup import backups_prune

    for stamp in ("20260101T000000Z", "20260102T000000Z", "20260103T000000Z"):
        (tmp_path / stamp).mkdir()
        (tmp_path / stamp / "manifest.json").write_text("{}")
    (tmp_path / "notes").mkdir()
    removed = backups_prune(target=tmp_path, keep=2)
    assert [p.name for p in removed] == ["20260101T000000Z"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "20260102T000000Z",
        "20260103T000000Z",
        "notes",
    ]

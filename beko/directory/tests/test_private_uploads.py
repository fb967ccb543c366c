"""Import files and organisation logos never sit in the public media folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from beko.core.tests.imagefiles import assert_clean, html_polyglot, jpeg_with_gps, png_bomb
from beko.directory import csv_io
from beko.directory.models import ImportJob, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _files(root: Any) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()]


def _csv() -> bytes:
    row = {
        "organisation": "Verein Brücke e. V.", "title": "Sprachkurs", "summary": "Deutsch A1",
        "categories": "sprache", "languages": "de", "street": "Hauptstraße 1",
        "postal_code": "42103", "district": "Elberfeld", "is_free": "ja",
        "contact_email": "erika.muster@example.org",
    }  # fmt: skip
    lines = [";".join(csv_io.COLUMNS), ";".join(row.get(c, "") for c in csv_io.COLUMNS)]
    return "\n".join(lines).encode()


def test_queued_import_file_is_private_and_not_named_after_the_upload(
    staff_client: Any, organisation: Any, settings: Any
) -> None:
    upload = SimpleUploadedFile("kontakte-erika-muster.csv", _csv(), content_type="text/csv")
    with mock.patch("beko.directory.staff_views.import_run"):
        assert staff_client.post("/intern/directory/import/", {"file": upload}).status_code == 302
    job = ImportJob.objects.get()
    assert job.original_name == "kontakte-erika-muster.csv"
    assert "erika" not in job.file.name
    assert _files(settings.MEDIA_ROOT) == []
    assert [p.name for p in _files(settings.PRIVATE_MEDIA_ROOT)] == [Path(job.file.name).name]
    assert staff_client.get(f"/media/{job.file.name}").status_code == 404


def test_import_file_is_deleted_once_the_import_has_run(
    staff_client: Any, organisation: Any, settings: Any
) -> None:
    upload = SimpleUploadedFile("angebote.csv", _csv(), content_type="text/csv")
    assert staff_client.post("/intern/directory/import/", {"file": upload}).status_code == 302
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.DONE, job.errors
    assert not job.file
    assert _files(settings.PRIVATE_MEDIA_ROOT) == [] and _files(settings.MEDIA_ROOT) == []


def test_failed_import_deletes_its_file_too(staff_client: Any, settings: Any) -> None:
    upload = SimpleUploadedFile("kaputt.csv", b"nur;quatsch\n1;2", content_type="text/csv")
    staff_client.post("/intern/directory/import/", {"file": upload})
    assert ImportJob.objects.get().state == ImportJob.State.FAILED
    assert _files(settings.PRIVATE_MEDIA_ROOT) == []


def _organisation_post(staff_client: Any, logo: bytes, **extra: str) -> Any:
    data = {
        "name": "Verein Logo", "slug": "verein-logo", "kind": "association",
        "logo_credit": "Verein Logo", "is_public": "on",
        "logo": SimpleUploadedFile("logo.jpg", logo, content_type="image/jpeg"),
    }  # fmt: skip
    data.update(extra)
    return staff_client.post("/intern/directory/organisationen/neu/", data)


def test_logo_is_cleaned_private_and_served_by_the_app(
    staff_client: Any, client: Any, settings: Any
) -> None:
    assert _organisation_post(staff_client, jpeg_with_gps()).status_code == 302
    organisation = Organisation.objects.get(slug="verein-logo")
    assert _files(settings.MEDIA_ROOT) == []
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / organisation.logo.name
    assert_clean(stored.read_bytes())
    page = client.get("/angebote/organisationen/verein-logo/").content.decode()
    assert 'src="/angebote/organisationen/verein-logo/logo/"' in page
    response = client.get("/angebote/organisationen/verein-logo/logo/")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert_clean(b"".join(response.streaming_content))
    edit = staff_client.get(f"/intern/directory/organisationen/{organisation.pk}/").content.decode()
    assert 'href="/angebote/organisationen/verein-logo/logo/"' in edit and "/media/" not in edit


def test_logo_of_a_hidden_organisation_is_not_public(staff_client: Any, client: Any) -> None:
    _organisation_post(staff_client, jpeg_with_gps(), is_public="")
    organisation = Organisation.objects.get(slug="verein-logo")
    assert organisation.logo and not organisation.is_public
    assert client.get("/angebote/organisationen/verein-logo/logo/").status_code == 404
    response = staff_client.get("/angebote/organisationen/verein-logo/logo/")
    assert b"".join(response.streaming_content)  # consumed: the test client closes the file
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (html_polyglot(), "Nur Fotos und Grafiken"),
        (png_bomb(), "zu viele Pixel"),
        (b"GIF89a" + b"\x00" * 64, "Nur Fotos und Grafiken"),
    ],
)
def test_hostile_logos_are_refused_and_nothing_is_stored(
    staff_client: Any, settings: Any, payload: bytes, message: str
) -> None:
    response = _organisation_post(staff_client, payload)
    assert response.status_code == 200
    assert message in response.content.decode() or "gültiges Bild" in response.content.decode()
    assert not Organisation.objects.filter(slug="verein-logo").exists()
    assert _files(settings.PRIVATE_MEDIA_ROOT) == [] and _files(settings.MEDIA_ROOT) == []

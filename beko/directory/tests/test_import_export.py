from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from beko.directory import csv_io
from beko.directory.models import ImportJob, Offer, Organisation

HEADER = ";".join(csv_io.COLUMNS)


def _row(**values: str) -> str:
    defaults = {
        "organisation": "Verein Brücke e. V.", "title": "Sprachkurs", "summary": "Deutsch A1",
        "categories": "sprache", "languages": "de|ar", "street": "Hauptstraße 1",
        "postal_code": "42103", "district": "Elberfeld", "is_free": "ja", "opening_hours": "Mo 09:00-12:00",
    }  # fmt: skip
    defaults.update(values)
    return ";".join(defaults.get(c, "").replace(";", ",") for c in csv_io.COLUMNS)


def _upload(client: Any, text: str) -> ImportJob:
    upload = SimpleUploadedFile("angebote.csv", text.encode("utf-8"), content_type="text/csv")
    response = client.post("/intern/directory/import/", {"file": upload})
    assert response.status_code == 302
    return ImportJob.objects.latest("created_at")


def test_valid_file_is_imported_completely(staff_client: Any, organisation: Any) -> None:
    rows = [_row(title=f"Sprachkurs {n}", street=f"Hauptstraße {n}") for n in range(3)]
    rows.append(
        _row(
            organisation="Neue Initiative",
            title="Begegnung",
            categories="begegnung-freizeit",
            district="barmen",
        )
    )
    job = _upload(staff_client, "\n".join([HEADER, *rows]))
    assert job.state == ImportJob.State.DONE, job.errors
    assert job.created_count == 4 and job.processed_rows == 4
    assert Organisation.objects.filter(name="Neue Initiative").exists()
    offer = Offer.objects.get(title="Sprachkurs 1")
    assert [lang.code for lang in offer.languages.order_by("code")] == ["ar", "de"]
    assert offer.opening_hours.get().weekday == 0
    page = staff_client.get("/angebote/?q=Sprachkurs").content.decode()
    assert "<mark>Sprachkurs</mark> 1" in page  # found, the matched word highlighted
    status = staff_client.get(f"/intern/directory/import/{job.pk}/").content.decode()
    assert "4 Angebote angelegt" in status


def test_one_bad_row_means_nothing_is_imported_and_every_error_is_listed(
    staff_client: Any, organisation: Any
) -> None:
    rows = [
        _row(title="Gut"),
        _row(title="", street="Nebenstraße 2"),
        _row(title="Kategorie", categories="unbekannt", street="Nebenstraße 3"),
        _row(title="Bezirk", district="Düsseldorf", street="Nebenstraße 4"),
        _row(title="Zeiten", opening_hours="irgendwann", street="Nebenstraße 5"),
        _row(title="Mail", contact_email="kein@", street="Nebenstraße 6"),
        _row(title="Gut"),  # duplicate of row 2 (same title and address)
    ]
    job = _upload(staff_client, "\n".join([HEADER, *rows]))
    assert job.state == ImportJob.State.FAILED
    assert not Offer.objects.exists()
    found = {(e["row"], e["column"]) for e in job.errors}
    assert {
        (3, "title"),
        (4, "categories"),
        (5, "district"),
        (6, "opening_hours"),
        (7, "contact_email"),
        (8, "title"),
    } <= found
    html = staff_client.get(f"/intern/directory/import/{job.pk}/").content.decode()
    assert "nichts übernommen" in html and "Dublette von Zeile 2" in html


def test_duplicates_of_existing_offers_are_rejected(staff_client: Any, make_offer: Any) -> None:
    existing = make_offer("Sprachkurs")
    location = existing.locations.get()
    job = _upload(
        staff_client,
        "\n".join([HEADER, _row(street=location.street, postal_code=location.postal_code)]),
    )
    assert job.state == ImportJob.State.FAILED
    assert "Dublette" in job.errors[0]["message"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("title;summary\nA;B", "Pflichtspalte fehlt"),
        ("\xff\xfe".encode("latin-1").decode("latin-1") + HEADER, None),
    ],
)
def test_broken_files_fail_with_a_message(
    staff_client: Any, content: str, message: str | None
) -> None:
    job = _upload(staff_client, content)
    assert job.state == ImportJob.State.FAILED
    if message:
        assert message in job.errors[0]["message"]


def test_upload_form_rejects_wrong_types(staff_client: Any) -> None:
    upload = SimpleUploadedFile("angebote.exe", b"MZ...", content_type="application/octet-stream")
    response = staff_client.post("/intern/directory/import/", {"file": upload})
    assert response.status_code == 200
    assert "CSV-Datei" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_export_round_trips_through_import(staff_client: Any, make_offer: Any) -> None:
    make_offer('=HYPERLINK("http://evil")', categories=("sprache",), hours=((2, "10:00", "11:00"),))
    csv_text = b"".join(staff_client.get("/intern/directory/export.csv").streaming_content).decode(
        "utf-8-sig"
    )
    rows = list(csv.DictReader(io.StringIO(csv_text), delimiter=";"))
    assert rows[0]["title"].startswith("'=")  # spreadsheet formula injection neutralised
    assert rows[0]["opening_hours"] == "Mi 10:00-11:00"
    workbook = load_workbook(io.BytesIO(staff_client.get("/intern/directory/export.xlsx").content))
    sheet = workbook.active
    assert [c.value for c in next(sheet.iter_rows(max_row=1))] == csv_io.COLUMNS
    # The same file imported again is recognised as duplicates, row by row.
    result = csv_io.validate(csv_text.encode())
    assert result.errors and "Dublette" in result.errors[0]["message"]


def test_progress_is_reported_for_large_files(organisation: Any) -> None:
    rows = [_row(title=f"Kurs {n}", street=f"Weg {n}") for n in range(1200)]
    seen: list[tuple[int, int]] = []
    result = csv_io.validate(
        "\n".join([HEADER, *rows]).encode(), progress=lambda done, total: seen.append((done, total))
    )
    assert not result.errors
    assert seen[0] == (499, 1200) and seen[-1] == (1200, 1200)

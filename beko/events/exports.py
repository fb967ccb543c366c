"""CSV and XLSX exports of participant and contact lists."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook

from beko.core.lib.spreadsheet import safe_cell

from .models import District, Event, NetworkContact, Registration

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _response(
    *, header: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, filename: str
) -> HttpResponse:
    clean_rows = [[safe_cell(v) for v in row] for row in rows]
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(list(header))  # type: ignore[union-attr]  # a new Workbook always has an active sheet
        for row in clean_rows:
            sheet.append(row)  # type: ignore[union-attr]  # a new Workbook always has an active sheet
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        buffer_text = io.StringIO()
        # Semicolons and a BOM: what German Excel opens correctly by double-click.
        writer = csv.writer(buffer_text, delimiter=";")
        writer.writerow(header)
        writer.writerows(clean_rows)
        response = HttpResponse(
            "\ufeff" + buffer_text.getvalue(), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


def _local(value: Any) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def participants_response(
    *, event: Event, registrations: Iterable[Registration], fmt: str
) -> HttpResponse:
    header = [
        _("Name"), _("E-Mail-Adresse"), _("Organisation"), _("Status"), _("Parallele Sitzung"),
        _("Ticket-Code"), _("Barrierefreiheit"), _("Essenswünsche"), _("Fragen vorab"),
        _("Angemeldet am"), _("Eingecheckt"),
    ]  # fmt: skip
    rows = (
        [
            r.name,
            r.email,
            r.organisation_name,
            r.get_status_display(),
            r.session.title if r.session else "",
            r.ticket_code,
            r.accessibility_needs,
            r.dietary_wishes,
            r.questions,
            _local(r.created_at),
            _local(r.checked_in_at),
        ]
        for r in registrations
    )
    return _response(header=header, rows=rows, fmt=fmt, filename=f"teilnehmende-{event.slug}")


def contacts_response(*, contacts: Iterable[NetworkContact]) -> HttpResponse:
    names = dict(District.choices)
    header = [
        _("Organisation"), _("Name"), _("Funktion"), _("E-Mail-Adresse"), _("Telefon"),
        _("Themen"), _("Stadtbezirke"), _("Rechtsgrundlage"),
    ]  # fmt: skip
    rows = (
        [
            c.organisation.name,
            c.name,
            c.role,
            c.email,
            c.phone,
            c.topics,
            ", ".join(str(names.get(d, d)) for d in c.districts),
            c.get_legal_basis_display(),
        ]
        for c in contacts
    )
    return _response(header=header, rows=rows, fmt="csv", filename="netzwerkkontakte")

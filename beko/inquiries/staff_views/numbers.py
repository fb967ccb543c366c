"""Monthly numbers of the inquiries: page with chart, CSV download."""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from beko.accounts.permissions import AuthenticatedRequest, staff_required
from beko.core.lib.charts import Chart, Series, chart_svg
from beko.core.lib.spreadsheet import SafeCsvWriter

from .. import selectors
from ..forms import MonthForm


def _month(request: AuthenticatedRequest) -> tuple[MonthForm, int, int]:
    form = MonthForm(request.GET or None)
    today = timezone.localdate()
    year, month = today.year, today.month
    if form.is_valid() and form.cleaned_data["monat"]:
        year, month = (int(part) for part in form.cleaned_data["monat"].split("-"))
    return form, year, month


@staff_required
def stats(request: AuthenticatedRequest) -> HttpResponse:
    form, year, month = _month(request)
    numbers = selectors.monthly_stats(year=year, month=month)
    return render(
        request,
        "inquiries/staff/stats.html",
        {
            "form": form,
            "numbers": numbers,
            "month_value": f"{year:04d}-{month:02d}",
            "month_date": date(year, month, 1),
            "chart": chart_svg(
                Chart(
                    slug="themen",
                    title=_("Nach Thema"),
                    description=_("Eingegangene Anfragen im Monat je Thema."),
                    row_header=_("Thema"),
                    rows=tuple(row["label"] for row in numbers["by_topic"]),
                    series=(
                        Series(_("Anzahl"), tuple(row["count"] for row in numbers["by_topic"])),
                    ),
                    kind="bars",
                ),
                rtl=get_language_bidi(),
            ),
        },
    )


@staff_required
def stats_csv(request: AuthenticatedRequest) -> HttpResponse:
    _form, year, month = _month(request)
    numbers = selectors.monthly_stats(year=year, month=month)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="anfragen-{year:04d}-{month:02d}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = SafeCsvWriter(response, delimiter=";")  # the one formula guard of every export
    writer.writerow([_("Bereich"), _("Wert"), _("Anzahl")])
    for section, key in (
        (_("Thema"), "by_topic"),
        (_("Wer fragt"), "by_asker_type"),
        (_("Eingang"), "by_channel"),
    ):
        for row in numbers[key]:
            writer.writerow([section, row["label"], row["count"]])
    writer.writerow([_("Gesamt"), "", numbers["total"]])
    writer.writerow(
        [
            _("Median bis zur ersten Antwort (Stunden)"),
            "",
            numbers["median_hours"] if numbers["median_hours"] is not None else "",
        ]
    )
    return response

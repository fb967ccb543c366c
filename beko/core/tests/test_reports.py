"""Staff reports: server-side SVG charts whose table and CSV carry the same numbers."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timedelta
from html import unescape
from typing import Any

import pytest
from django.utils import timezone

from beko.core.lib.charts import Chart, Series, chart_csv, chart_svg, nice_step
from beko.core.reports import report_period

pytestmark = pytest.mark.django_db


def _chart(**overrides: Any) -> Chart:
    data: dict[str, Any] = {
        "slug": "test",
        "title": "Testgrafik",
        "description": "Was die Grafik zeigt",
        "row_header": "Monat",
        "rows": ("Januar 2026", "Februar 2026"),
        "series": (Series("Arbeit", (3, 1)), Series("Sprache", (2, 0))),
        "stacked": True,
        "total_label": "Gesamt",
    }
    data.update(overrides)
    return Chart(**data)


def _table_cells(html: str, slug: str) -> list[list[str]]:
    table = html.split(f'data-chart="{slug}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)  # the empty-state row has a class
    return [
        [
            unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)
        ]
        for row in rows
    ]


def _csv_rows(response: Any) -> list[list[str]]:
    text = response.content.decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_table_and_csv_are_built_from_the_same_rows_with_a_total():
    chart = _chart()
    header, rows = chart.table()
    assert header == ["Monat", "Arbeit", "Sprache", "Gesamt"]
    assert rows == [["Januar 2026", "3", "2", "5"], ["Februar 2026", "1", "0", "1"]]
    assert list(csv.reader(io.StringIO(chart_csv(chart)), delimiter=";")) == [header, *rows]


def test_decimals_follow_the_language_in_table_and_csv():
    chart = _chart(series=(Series("Median", (1.25, 2.0), decimals=1),), total_label="")
    assert chart.table()[1] == [["Januar 2026", "1,2"], ["Februar 2026", "2,0"]]


def test_the_svg_names_itself_and_offers_every_row_to_the_keyboard():
    svg = str(chart_svg(_chart()))
    assert '<title id="chart-test-title">Testgrafik</title>' in svg
    assert '<desc id="chart-test-desc">Was die Grafik zeigt</desc>' in svg
    points = re.findall(
        r'<g class="chart__point" tabindex="0" role="img" aria-label="([^"]+)"', svg
    )
    assert points == [
        "Januar 2026 – Arbeit: 3, Sprache: 2, Gesamt: 5",
        "Februar 2026 – Arbeit: 1, Sprache: 0, Gesamt: 1",
    ]
    assert "style=" not in svg and "<script" not in svg


def test_labels_are_escaped_in_svg():
    svg = str(chart_svg(_chart(rows=("<script>x</script>", "B&C"), kind="bars")))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "B&amp;C" in svg


def test_right_to_left_mirrors_horizontal_bars():
    chart = _chart(kind="bars", series=(Series("Anzahl", (4, 2)),), stacked=False, total_label="")
    ltr, rtl = str(chart_svg(chart)), str(chart_svg(chart, rtl=True))
    first_bar = r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"'
    x_ltr, width = (float(v) for v in re.search(first_bar, ltr).groups())
    x_rtl, width_rtl = (float(v) for v in re.search(first_bar, rtl).groups())
    assert width == width_rtl
    assert x_rtl == pytest.approx(680 - x_ltr - width)


def test_a_series_that_does_not_match_the_rows_is_refused():
    with pytest.raises(ValueError, match="does not match"):
        _chart(series=(Series("Arbeit", (1,)),))


@pytest.mark.parametrize(("peak", "step"), [(0, 1), (3, 1), (10, 2.5), (37, 10), (180, 50)])
def test_grid_steps_are_round_numbers(peak, step):
    assert nice_step(peak) == step


def test_the_default_period_is_the_last_twelve_months_including_this_one():
    period = report_period(today=date(2026, 3, 15))
    assert period.months[0] == (2025, 4) and period.months[-1] == (2026, 3)
    assert len(period.months) == 12
    year = report_period(year=2025, today=date(2026, 3, 15))
    assert year.months == tuple((2025, m) for m in range(1, 13))


# --- the page ---------------------------------------------------------------------------


@pytest.fixture
def inquiries() -> list[Any]:
    """Three inquiries of last month: two about work (answered the same day and after
    three working days), one about language (unanswered)."""
    from beko.inquiries.models import AskerType, Channel, Inquiry

    today = timezone.localdate()
    first = today.replace(day=1) - timedelta(days=1)
    start = datetime(first.year, first.month, 2, 9, 0, tzinfo=timezone.get_current_timezone())
    start += timedelta(days=(7 - start.weekday()) % 7)  # a Monday in that month
    rows = [
        ("work", start, start + timedelta(hours=3)),
        ("work", start, start + timedelta(days=3)),
        ("language", start, None),
    ]
    created = []
    for n, (topic, received, answered) in enumerate(rows):
        created.append(
            Inquiry.objects.create(
                reference=f"BK-TEST-000{n}",
                channel=Channel.WEB,
                asker_type=AskerType.VOLUNTEERS,
                topic=topic,
                question="Testfrage",
                created_at=received,
                first_answered_at=answered,
            )
        )
    return created


def test_strangers_and_partners_do_not_see_the_reports(anon_client, partner_client):
    response = anon_client.get("/intern/berichte/")
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
    assert anon_client.get("/intern/berichte/uebersetzungen.csv").status_code == 302
    assert partner_client.get("/intern/berichte/").status_code == 403
    assert partner_client.get("/intern/berichte/uebersetzungen.csv").status_code == 403


def test_staff_see_every_chart_with_table_and_csv_link(staff_client, inquiries):
    html = staff_client.get("/intern/berichte/").content.decode()
    for slug in ("anfragen-themen", "antwortzeiten", "veranstaltungen",
                 "verzeichnis-aktualitaet", "uebersetzungen"):  # fmt: skip
        assert f'id="report-{slug}"' in html, slug
        assert f'data-chart="{slug}"' in html, slug
        assert f"/intern/berichte/{slug}.csv" in html, slug
    assert (
        html.count('<svg class="chart"') >= 3
    )  # inquiries (2) and translations; the rest is empty
    assert "Seite teilen" not in html


def test_numbers_of_the_inquiries_land_in_the_right_month_and_topic(staff_client, inquiries):
    html = staff_client.get("/intern/berichte/").content.decode()
    header, *rows = _table_cells(html, "anfragen-themen")
    month = timezone.localtime(inquiries[0].created_at)
    label = {1: "Januar", 2: "Februar", 3: "März", 4: "April", 5: "Mai", 6: "Juni", 7: "Juli",
             8: "August", 9: "September", 10: "Oktober", 11: "November", 12: "Dezember"}[month.month]  # fmt: skip
    row = next(r for r in rows if r[0] == f"{label} {month.year}")
    cells = dict(zip(header, row, strict=True))
    assert cells["Arbeit"] == "2" and cells["Sprache"] == "1" and cells["Gesamt"] == "3"
    header, *rows = _table_cells(html, "antwortzeiten")
    cells = dict(zip(header, next(r for r in rows if r[0] == row[0]), strict=True))
    # Same day = 0 working days, Monday to Thursday = 3: median 1,5; one of two within 2 days.
    assert cells["Median (Arbeitstage)"] == "1,5"
    assert cells["beantwortet"] == "2"
    assert cells["im Ziel (%)"] == "50,0"


@pytest.mark.parametrize(
    "slug",
    [
        "anfragen-themen",
        "antwortzeiten",
        "veranstaltungen",
        "verzeichnis-aktualitaet",
        "uebersetzungen",
    ],
)
def test_each_csv_has_exactly_the_numbers_of_its_table(
    staff_client, inquiries, make_offer_for_reports, registrations, slug
):
    html = staff_client.get("/intern/berichte/").content.decode()
    response = staff_client.get(f"/intern/berichte/{slug}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    assert _csv_rows(response) == _table_cells(html, slug)


def test_a_year_can_be_chosen_and_the_csv_follows_it(staff_client):
    year = timezone.localdate().year - 1
    html = staff_client.get(f"/intern/berichte/?jahr={year}").content.decode()
    assert f"Januar {year}" in html and f"Dezember {year}" in html
    assert f"/intern/berichte/anfragen-themen.csv?jahr={year}" in html
    rows = _csv_rows(staff_client.get(f"/intern/berichte/anfragen-themen.csv?jahr={year}"))
    assert rows[1][0] == f"Januar {year}" and len(rows) == 13


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "Bitte ein Jahr als Zahl angeben"),
        ("<script>alert(1)</script>", "Bitte ein Jahr als Zahl angeben"),
        ("1999", "Zahlen gibt es erst ab 2016"),
        ("9" * 40, "Für dieses Jahr gibt es noch keine Zahlen"),
    ],
)
def test_an_invalid_year_gets_a_clear_german_error(staff_client, value, message):
    response = staff_client.get("/intern/berichte/", {"jahr": value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "<script>alert" not in response.content.decode()
    csv_response = staff_client.get("/intern/berichte/uebersetzungen.csv", {"jahr": value})
    assert csv_response.status_code == 400
    assert message in csv_response.content.decode()


def test_an_unknown_chart_is_not_found(staff_client):
    assert staff_client.get("/intern/berichte/gibt-es-nicht.csv").status_code == 404


def test_translation_coverage_counts_current_outdated_and_missing(staff_client):
    from beko.core.lib.content_i18n import source_fingerprint
    from beko.core.models import Page
    from beko.core.reports import translation_coverage

    before = translation_coverage()
    page = Page.objects.create(slug="test-seite", title="Testseite", title_de="Testseite")
    page.title_en = "Test page"
    page.translation_sources = {"en": source_fingerprint(page)}
    page.save()
    after = translation_coverage()
    assert after["en"]["current"] == before["en"]["current"] + 1
    assert after["ar"]["missing"] == before["ar"]["missing"] + 1
    page.title_de = page.title = "Testseite neu"
    page.save()
    assert translation_coverage()["en"]["outdated"] == before["en"]["outdated"] + 1


@pytest.fixture
def make_offer_for_reports(organisation: Any) -> Any:
    """One fresh and one long-unverified offer so the freshness chart has rows."""
    from beko.directory.models import Offer

    old = timezone.now() - timedelta(days=400)
    Offer.objects.create(title="Frisch", summary="x", organisation=organisation,
                         status=Offer.Status.PUBLISHED, last_verified_at=timezone.now())  # fmt: skip
    Offer.objects.create(title="Alt", summary="x", organisation=organisation,
                         status=Offer.Status.PUBLISHED, last_verified_at=old, created_at=old)  # fmt: skip


@pytest.fixture
def registrations() -> None:
    """An event last week with three confirmed registrations, two checked in, one waiting."""
    from beko.events.models import Event, Registration

    start = timezone.now() - timedelta(days=7)
    event = Event.objects.create(
        title="Meet & Eat Test", title_de="Meet & Eat Test", slug="meet-eat-test", category="info",
        status="published", starts_at=start, ends_at=start + timedelta(hours=2),
        registration_required=True, capacity=3,
    )  # fmt: skip
    for n, (status, checked_in) in enumerate(
        [("confirmed", True), ("confirmed", True), ("confirmed", False), ("waiting", False)]
    ):
        Registration.objects.create(
            event=event, status=status, name=f"Person {n}", email=f"p{n}@example.invalid",
            consent_at=start, checked_in_at=start if checked_in else None,
        )  # fmt: skip


def test_event_registrations_and_attendance_are_counted(staff_client, registrations):
    html = staff_client.get("/intern/berichte/").content.decode()
    header, row = _table_cells(html, "veranstaltungen")
    cells = dict(zip(header, row, strict=True))
    assert cells["Veranstaltung"].startswith("Meet & Eat Test (")
    assert (cells["angemeldet"], cells["teilgenommen"], cells["Warteliste"], cells["Plätze"]) == (
        "3",
        "2",
        "1",
        "3",
    )
    assert cells["Teilnahme (%)"] == "66,7"


def test_freshness_per_organisation_counts_verified_due_and_hidden(
    staff_client, make_offer_for_reports
):
    from beko.directory.models import Offer

    due = timezone.now() - timedelta(days=200)
    Offer.objects.create(title="Fällig", summary="x", organisation=Offer.objects.first().organisation,
                         status=Offer.Status.PUBLISHED, last_verified_at=due, created_at=due)  # fmt: skip
    html = staff_client.get("/intern/berichte/").content.decode()
    header, row = _table_cells(html, "verzeichnis-aktualitaet")
    assert dict(zip(header, row, strict=True)) == {
        "Organisation": row[0], "geprüft": "1", "Prüfung fällig": "1", "ausgeblendet": "1", "Angebote": "3",
    }  # fmt: skip

"""The staff reports page (`/intern/berichte/`): numbers for management, as charts.

Like the home page, the page is assembled from the apps: every domain app may offer
`report_charts(*, period: ReportPeriod) -> list[Chart]` in its `selectors.py` (charts from
`beko.core.lib.charts`). Core adds what it owns itself: the translation coverage of the
content. Core stays ignorant of the apps; the providers are looked up once per process.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from . import providers
from .lib.charts import Chart, Series
from .lib.content_i18n import (
    TranslationState,
    target_languages,
    translated_field_names,
    translation_state,
)
from .models import TranslatableContent

MONTHS_DEFAULT = 12


@dataclass(frozen=True)
class ReportPeriod:
    """Whole months from `months[0]` to `months[-1]`; `start`/`end` are aware datetimes
    (end exclusive) in the site's time zone."""

    months: tuple[tuple[int, int], ...]
    label: str

    @property
    def start(self) -> datetime:
        year, month = self.months[0]
        return datetime(year, month, 1, tzinfo=timezone.get_current_timezone())

    @property
    def end(self) -> datetime:
        year, month = self.months[-1]
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return datetime(year, month, 1, tzinfo=timezone.get_current_timezone())

    def month_labels(self) -> tuple[str, ...]:
        """Long labels for tables ("Januar 2026")."""
        return tuple(date_format(date(y, m, 1), "F Y") for y, m in self.months)

    def month_axis_labels(self) -> tuple[str, ...]:
        """Two-line short labels for a chart's axis ("Jan\\n2026")."""
        return tuple(date_format(date(y, m, 1), "M\nY") for y, m in self.months)

    def month_index(self, moment: datetime) -> int | None:
        local = timezone.localtime(moment)
        try:
            return self.months.index((local.year, local.month))
        except ValueError:
            return None


def report_period(*, year: int | None = None, today: date | None = None) -> ReportPeriod:
    """A calendar year, or (default) the last twelve months including the current one."""
    today = today or timezone.localdate()
    if year:
        months = tuple((year, month) for month in range(1, 13))
        return ReportPeriod(months=months, label=str(year))
    recent: list[tuple[int, int]] = []
    y, m = today.year, today.month
    for _step in range(MONTHS_DEFAULT):
        recent.append((y, m))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    recent.reverse()
    return ReportPeriod(months=tuple(recent), label=_("letzte 12 Monate"))


Provider = Callable[..., list[Chart]]


def report_providers() -> tuple[Provider, ...]:
    """Every app's chart provider, registered in its `AppConfig.ready()`."""
    return providers.providers(providers.REPORT_CHARTS)


def report_charts(*, period: ReportPeriod) -> list[Chart]:
    """All charts of the reports page, the apps' first, then core's own."""
    charts: list[Chart] = []
    for provider in report_providers():
        charts.extend(provider(period=period))
    charts.append(translation_coverage_chart())
    return charts


def translation_coverage() -> dict[str, dict[str, int]]:
    """Per target language: how many content objects are current, outdated or missing.

    Every model that inherits `TranslatableContent` counts, drafts included: staff translate
    ahead of publishing.
    """
    languages = target_languages()
    counts = {lang: dict.fromkeys(TranslationState, 0) for lang in languages}
    for model in apps.get_models():
        if not issubclass(model, TranslatableContent):
            continue
        fields = translated_field_names(model)
        if not fields:
            continue
        columns = [f"{name}_{lang}" for name in fields for lang in ["de", *languages]]
        for obj in model._default_manager.only("pk", "translation_sources", *columns):
            for lang in languages:
                counts[lang][translation_state(obj, lang)] += 1
    return {lang: {str(state): n for state, n in states.items()} for lang, states in counts.items()}


def translation_coverage_chart() -> Chart:
    coverage = translation_coverage()
    names = dict(settings.LANGUAGES)
    languages = list(coverage)
    totals = [sum(coverage[lang].values()) for lang in languages]

    def values(state: TranslationState) -> tuple[float, ...]:
        return tuple(coverage[lang][str(state)] for lang in languages)

    current = values(TranslationState.CURRENT)
    return Chart(
        slug="uebersetzungen",
        title=_("Übersetzungsstand der Inhalte je Sprache"),
        description=_(
            "Für jede Sprache: wie viele Inhalte (Angebote, Kategorien, Meldungen, Seiten, "
            "häufige Fragen, Veranstaltungen, Bildtexte) aktuell übersetzt, veraltet "
            "(deutscher Text seitdem geändert) oder gar nicht übersetzt sind."
        ),
        row_header=_("Sprache"),
        rows=tuple(str(names.get(lang, lang)) for lang in languages),
        kind="bars",
        stacked=True,
        series=(
            Series(_("aktuell"), current, color="#1e6b34"),
            Series(_("veraltet"), values(TranslationState.OUTDATED), color="#8a5a00"),
            Series(_("fehlt"), values(TranslationState.MISSING), color="#b3261e"),
            Series(
                _("aktuell (%)"),
                tuple(
                    round(100 * n / total, 1) if total else 0.0
                    for n, total in zip(current, totals, strict=True)
                ),
                plot=False,
                decimals=1,
            ),
        ),
        total_label=_("Inhalte"),
    )

"""Shared vocabularies: one definition per concept, used by every app that needs it.

Every app stores these codes and shows these labels; a test (`core/tests/test_vocabulary.py`)
fails when an app defines its own list again. Codes that apps used before the lists were
unified were migrated in the database (events 0004, directory 0009, inquiries 0003); requests
that still carry them (old links, API clients) are understood through the `*_ALIASES` tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .lib.fallback_marks import german


class Audience(models.TextChoices):
    """Who something is for or who asks: the four groups the office works with (an audience
    page each in news, the FAQ's audiences, the inquiries' asker types) and the refugees
    themselves (events and directory offers can be for them too)."""

    VOLUNTEERS = "volunteers", _("Ehrenamtliche")
    EMPLOYERS = "employers", _("Unternehmen")
    COUNSELLING = "counselling", _("Beratungsstellen")
    ASSOCIATIONS = "associations", _("Vereine und Initiativen")
    REFUGEES = "refugees", _("Geflüchtete")


# The four groups the office works with: audience pages, FAQ audiences, asker types.
OFFICE_AUDIENCES: tuple[Audience, ...] = (
    Audience.VOLUNTEERS,
    Audience.EMPLOYERS,
    Audience.COUNSELLING,
    Audience.ASSOCIATIONS,
)

# Codes of the apps' former own lists -> the shared codes they stand for.
AUDIENCE_ALIASES: dict[str, tuple[Audience, ...]] = {
    # events: one audience "Beratungsstellen und Vereine"
    "organisations": (Audience.COUNSELLING, Audience.ASSOCIATIONS),
    # directory target group "Fachkräfte" (staff of counselling services)
    "professionals": (Audience.COUNSELLING,),
    # inquiries' asker types were singular
    "volunteer": (Audience.VOLUNTEERS,),
    "employer": (Audience.EMPLOYERS,),
    "association": (Audience.ASSOCIATIONS,),
}


class ResidenceStatus(models.TextChoices):
    """Residence status groups an offer is open to (directory offers and their filter). The
    codes are the guide's status codes (`beko.guide.engine.Status`) where they name the same
    status; `RESIDENCE_STATUS_GROUPS` puts each of the guide's statuses into its group."""

    RECOGNISED = "recognised", _("anerkannt/Schutz")
    GESTATTUNG = "gestattung", _("Gestattung")
    DULDUNG = "duldung", _("Duldung")
    TEMPORARY_PROTECTION = "temporary_protection", _("§ 24 (vorübergehender Schutz)")


RESIDENCE_STATUS_ALIASES: dict[str, tuple[ResidenceStatus, ...]] = {
    "para24": (ResidenceStatus.TEMPORARY_PROTECTION,),  # the directory's former code
}

# The guide's (finer) residence statuses -> the group offers are tagged with.
RESIDENCE_STATUS_GROUPS: dict[str, ResidenceStatus] = {
    "recognised": ResidenceStatus.RECOGNISED,
    "subsidiary": ResidenceStatus.RECOGNISED,
    "deportation_ban": ResidenceStatus.RECOGNISED,
    "residence_25_5": ResidenceStatus.RECOGNISED,
    "residence_25a": ResidenceStatus.RECOGNISED,
    "residence_25b": ResidenceStatus.RECOGNISED,
    "settlement": ResidenceStatus.RECOGNISED,
    "temporary_protection": ResidenceStatus.TEMPORARY_PROTECTION,
    "gestattung": ResidenceStatus.GESTATTUNG,
    "duldung": ResidenceStatus.DULDUNG,
    "duldung_unclear_identity": ResidenceStatus.DULDUNG,
    "ausbildungsduldung": ResidenceStatus.DULDUNG,
    "beschaeftigungsduldung": ResidenceStatus.DULDUNG,
}


def expand_code(code: str, *, aliases: Mapping[str, Iterable[str]]) -> list[str]:
    """The shared codes a (possibly former) code stands for: itself unless it is an alias.
    Unknown codes come back unchanged (and then simply match nothing)."""
    return [str(c) for c in aliases[code]] if code in aliases else [code]


def choices_of(
    members: Iterable[models.TextChoices], *extra: tuple[str, str | Promise]
) -> list[tuple[str, str | Promise]]:
    """`choices` for a field that takes some codes of a vocabulary (and app-only extras)."""
    return [(m.value, m.label) for m in members] + list(extra)


class Topic(models.TextChoices):
    """What a question is about: FAQ entries, inquiries and their reply templates."""

    WORK = "work", _("Arbeit")
    TRAINING = "training", _("Ausbildung")
    RESIDENCE = "residence", _("Aufenthalt")
    BENEFITS = "benefits", _("Leistungen")
    LANGUAGE = "language", _("Sprache")
    RECOGNITION = "recognition", _("Anerkennung")
    EVENTS = "events", _("Veranstaltungen")
    OTHER = "other", _("Sonstiges")


class District(models.TextChoices):
    """Wuppertal's ten Stadtbezirke (city districts). German names: in a page in another
    language they are marked as German (beko.core.lib.fallback_marks.german). The codes are
    the slugs of the directory's `District` rows (seeded from this list; a test compares)."""

    ELBERFELD = "elberfeld", german("Elberfeld")
    ELBERFELD_WEST = "elberfeld-west", german("Elberfeld-West")
    UELLENDAHL_KATERNBERG = "uellendahl-katernberg", german("Uellendahl-Katernberg")
    VOHWINKEL = "vohwinkel", german("Vohwinkel")
    CRONENBERG = "cronenberg", german("Cronenberg")
    BARMEN = "barmen", german("Barmen")
    OBERBARMEN = "oberbarmen", german("Oberbarmen")
    HECKINGHAUSEN = "heckinghausen", german("Heckinghausen")
    LANGERFELD_BEYENBURG = "langerfeld-beyenburg", german("Langerfeld-Beyenburg")
    RONSDORF = "ronsdorf", german("Ronsdorf")

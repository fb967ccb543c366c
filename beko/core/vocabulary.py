"""Shared vocabularies: one definition per concept, used by every app that needs it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .lib.fallback_marks import german


class Audience(models.TextChoices):
    """The four groups the office works with: an audience page each (news), the audiences of
    FAQ entries. Events and the directory's target groups map onto these codes
    (`news.selectors.EVENT_AUDIENCES`, `directory.selectors.AUDIENCE_TARGET_GROUPS`)."""

    VOLUNTEERS = "volunteers", _("Ehrenamtliche")
    EMPLOYERS = "employers", _("Unternehmen")
    COUNSELLING = "counselling", _("Beratungsstellen")
    ASSOCIATIONS = "associations", _("Vereine und Initiativen")


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

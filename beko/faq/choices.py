"""The FAQ's vocabularies, shared with other apps: defined once in `beko.core.vocabulary`.

FAQ entries are for the four groups the office works with (`OFFICE_AUDIENCES`: an audience
page each shows their entries)."""

from beko.core.vocabulary import OFFICE_AUDIENCES, Audience, Topic, choices_of

AUDIENCE_CHOICES = choices_of(OFFICE_AUDIENCES)

__all__ = ["AUDIENCE_CHOICES", "Audience", "Topic"]

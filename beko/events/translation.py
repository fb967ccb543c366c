from modeltranslation.translator import TranslationOptions, register

from .models import Event, MarketStand, ProgrammeItem, Venue


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description")


@register(ProgrammeItem)
class ProgrammeItemTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(MarketStand)
class MarketStandTranslationOptions(TranslationOptions):
    fields = ("topic",)


@register(Venue)
class VenueTranslationOptions(TranslationOptions):
    fields = ("accessibility_notes", "directions")

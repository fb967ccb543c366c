from modeltranslation.translator import TranslationOptions, register

from .models import Category, Offer, Organisation


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("short_description", "description")


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Offer)
class OfferTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description", "cost", "schedule_note")

from modeltranslation.translator import TranslationOptions, register

from .models import FaqEntry


@register(FaqEntry)
class FaqEntryTranslationOptions(TranslationOptions):
    fields = ("question", "answer")

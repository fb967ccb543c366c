from modeltranslation.translator import TranslationOptions, register

from .models import Image, Page


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "intro", "body")


@register(Image)
class ImageTranslationOptions(TranslationOptions):
    fields = ("alt_text", "caption")

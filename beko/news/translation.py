from modeltranslation.translator import TranslationOptions, register

from .models import AudiencePage, Category, NewsItem


@register(NewsItem)
class NewsItemTranslationOptions(TranslationOptions):
    fields = ("title", "teaser", "body")


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(AudiencePage)
class AudiencePageTranslationOptions(TranslationOptions):
    fields = ("title", "intro", "body")

"""RSS 2.0 and Atom feeds of the published news, one pair per language (URL prefix)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import selectors
from .models import NewsItem


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def title(self) -> str:
        return _("BeKo – Aktuelles und Pressemitteilungen")

    def description(self) -> str:
        return _("Neuigkeiten der Beratungs- und Koordinierungsstelle (BeKo) in Wuppertal.")

    subtitle = description

    def link(self) -> str:
        return _absolute(reverse("news:news_list"))

    def feed_url(self) -> str:
        return _absolute(reverse(self.url_name))

    url_name = "news:feed_rss"

    # `language = None` (inherited): Django uses the active language, i.e. the URL prefix.

    def items(self) -> QuerySet[NewsItem]:
        return selectors.news_public()[: settings.BEKO_FEED_ITEMS]

    def item_title(self, item: NewsItem) -> str:
        return item.title

    def item_description(self, item: NewsItem) -> str:
        return item.teaser

    def item_link(self, item: NewsItem) -> str:
        return _absolute(item.get_absolute_url())

    def item_guid(self, item: NewsItem) -> str:
        # Stable across languages and slug edits.
        return f"{settings.SITE_URL}/aktuelles/#news-{item.pk}-{get_language()}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: NewsItem) -> datetime | None:
        return item.publish_at

    def item_updateddate(self, item: NewsItem) -> datetime:
        return item.updated_at

    def item_author_name(self, item: NewsItem) -> str:
        return item.author_unit

    def item_categories(self, item: NewsItem) -> list[str]:
        return [category.name for category in item.categories.all()]

    def item_copyright(self, item: NewsItem) -> str | None:
        if item.lead_image:
            return _("Bildnachweis") + ": " + item.lead_image.credit
        return None


class NewsAtomFeed(NewsRssFeed):
    # The stubs type feed_type by the RSS class; any SyndicationFeed class is allowed.
    feed_type = Atom1Feed  # type: ignore[assignment]  # see above
    url_name = "news:feed_atom"

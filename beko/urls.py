"""URL map. Public pages live inside i18n_patterns: German without prefix, other languages
under /en/, /ar/, … so the language is part of the address and needs no cookie.

Each domain app brings `urls.py` (public pages, mounted at its German prefix) and may bring
`staff_urls.py` (back office, mounted under /intern/<app>/, listed in STAFF_APPS). The JSON API is assembled in
beko/api.py from each app's `api.py`.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from beko.api import api_v1
from beko.core import views as core_views

PUBLIC_PREFIXES = {
    "directory": "angebote/",
    "guide": "wege-in-arbeit/",
    "events": "veranstaltungen/",
    "news": "aktuelles/",
    "inquiries": "kontakt/",
    "faq": "fragen/",
}

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("api/v1/", api_v1.urls),
]
urlpatterns += [
    path("events/", include("beko.events.root_urls")),
    path("api/hsds/", include("beko.directory.hsds")),
    # robots.txt and sitemap.xml live outside the language prefixes.
    path("", include("beko.news.site_urls")),
]
if settings.BEKO_SERVE_MEDIA:
    urlpatterns.append(re_path(r"^media/(?P<path>.+)$", core_views.media, name="media"))
if settings.BEKO_BENCH_FLOOR:
    urlpatterns.append(path("__bench__/floor", core_views.bench_floor))

localised = [
    path("", include("beko.core.urls")),
    path("konto/", include("beko.accounts.urls")),
    path("admin/", admin.site.urls),
    # Audience pages, "Über uns" and the site-wide search (news app, top-level addresses).
    path("", include("beko.news.page_urls")),
]
# Apps with a back office under /intern/<app>/ (their `staff_urls.py`).
STAFF_APPS = ["directory", "guide", "events", "news", "inquiries", "faq"]
for app, prefix in PUBLIC_PREFIXES.items():
    localised.append(path(prefix, include(f"beko.{app}.urls")))
for app in STAFF_APPS:
    localised.append(path(f"intern/{app}/", include(f"beko.{app}.staff_urls")))

urlpatterns += i18n_patterns(*localised, prefix_default_language=False)

handler400 = "beko.core.views.bad_request"
handler403 = "beko.core.views.permission_denied"
handler404 = "beko.core.views.page_not_found"
handler500 = "beko.core.views.server_error"

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .sitemap import sitemaps

# Back office, accounts and API are of no use to search engines, in any language.
PRIVATE_PREFIXES = ["/intern/", "/konto/", "/admin/", "/api/"]


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *"]
    for code, _name in settings.LANGUAGES:
        prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
        for private in PRIVATE_PREFIXES:
            if private == "/api/" and prefix:
                continue
            lines.append(f"Disallow: {prefix}{private}")
    lines.append("Allow: /")
    lines.append("")
    lines.append(f"Sitemap: {settings.SITE_URL}{reverse('site:sitemap')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=600)
def sitemap_index(request: HttpRequest) -> HttpResponse:
    return sitemap_views.index(
        request, sitemaps(non_empty=True), sitemap_url_name="site:sitemap_section"
    )


@require_GET
@cache_control(public=True, max_age=600)
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    return sitemap_views.sitemap(request, sitemaps(), section=section)

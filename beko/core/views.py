from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from beko.accounts import permissions
from beko.accounts.permissions import staff_required
from beko.core.lib.response_cache import cache_public_response, content_version

from . import legal, selectors
from .lib.fallback_marks import shown_field
from .lib.problem import api_error_detail, problem_response
from .middleware import is_api_request
from .models import Image
from .seed.pages import LEGAL_SLUGS, SIGN_LANGUAGE_SLUG
from .templatetags.beko_images import images_shown, remember_images

logger = logging.getLogger(__name__)


def _render_section(request: HttpRequest, section: dict[str, Any]) -> tuple[int, str]:
    html = render_to_string(section["template"], {"section": section["context"]}, request=request)
    return section.get("order", 100), html


def _home_sections_html(request: HttpRequest, *, language: str) -> list[str]:
    """The domain apps' blocks on the home page, rendered, in their `order`.

    A provider returns one block (a dict), several (a list of dicts, each with its own
    `order`, so an app can place blocks apart) or None. A provider that sets
    `home_section.cache_seconds = 60` promises that its blocks are the same for every
    visitor (no user data, no form with a CSRF token); their HTML is then cached per
    language for that long, so an expensive block (upcoming events) costs nothing on most
    requests.
    """
    blocks: list[tuple[int, str]] = []
    version = content_version()  # one cache read for all blocks
    for provider in selectors.home_section_providers():
        seconds = getattr(provider, "cache_seconds", 0)
        # Under the content version: a staff edit shows at once, not after `seconds`.
        key = f"core:home-blocks:{version}:{provider.__module__}:{language}"
        cached = cache.get(key) if seconds else None
        if cached is None:
            found = provider(request)
            sections = [found] if isinstance(found, dict) else found or []
            before = images_shown(request)
            rendered = [_render_section(request, section) for section in sections]
            # Pictures in a block are credited at the end of the page; a cached block must
            # bring its credits along.
            images = [pk for pk in images_shown(request) if pk not in before]
            # Ids, never model instances, in the cache; the credits are read again on a hit.
            cached = {"blocks": rendered, "image_ids": images}
            if seconds:
                cache.set(key, cached, seconds)
        elif cached["image_ids"]:
            found = Image.objects.in_bulk(cached["image_ids"])
            remember_images(request, [found[pk] for pk in cached["image_ids"] if pk in found])
        blocks.extend(block for block in cached["blocks"] if block[1].strip())
    blocks.sort(key=lambda block: block[0])
    return [html for _order, html in blocks]


@cache_public_response
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    language = get_language() or settings.LANGUAGE_CODE
    return render(
        request,
        "core/home.html",
        {"sections": _home_sections_html(request, language=language), "is_home": True},
    )


@cache_public_response
@require_GET
def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_object_or_404(selectors.pages_public(), slug=slug)
    context: dict[str, Any] = {"page": page, "crumbs": [(shown_field(page, "title"), "")]}
    # Impressum, Datenschutz and Barrierefreiheit are built from the structured legal details,
    # the sign-language page from its videos; the page body adds what staff wrote.
    if slug in LEGAL_SLUGS:
        context.update(legal_template=f"core/legal/{slug}.html", legal=legal.legal_details())
    elif slug == SIGN_LANGUAGE_SLUG:
        context.update(
            legal_template="core/legal/gebaerdensprache.html",
            videos=legal.sign_language_videos(),
        )
    return render(request, "core/page_detail.html", context)


@require_GET
def placeholder(request: HttpRequest, title: str) -> HttpResponse:
    """Temporary page for a section whose app is still being built."""
    return render(request, "core/placeholder.html", {"title": title})


@require_GET
def set_language(request: HttpRequest) -> HttpResponse:
    """Language switch without cookie: redirect to the same page in the chosen language.

    Unknown codes fall back to German instead of failing.
    """
    available = {code for code, _name in settings.LANGUAGES}
    language = request.GET.get("language", "")
    if language not in available:
        language = settings.LANGUAGE_CODE
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    return HttpResponseRedirect(translate_url(target, language))


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness for the load balancer: database reachable, migrations applied."""
    result: dict[str, Any] = {"status": "ok", "database": "ok", "migrations": "ok"}
    status = 200
    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            result["migrations"] = f"{len(pending)} pending"
            result["status"] = "error"
            status = 503
    except DatabaseError:
        logger.exception("healthz: database unreachable")
        result.update(status="error", database="unreachable", migrations="unknown")
        status = 503
    return JsonResponse(result, status=status)


def bench_floor(request: HttpRequest) -> JsonResponse:
    """Minimal JSON view without database, the floor `make bench` compares against."""
    return JsonResponse({"ok": True})


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    """Start page of the back office: the entries of every app this user may open."""
    return render(
        request,
        "core/staff_home.html",
        {
            "menu": selectors.staff_menu(user=request.user),
            "todos": selectors.staff_todo_list(user=request.user),
            "can_use_django_admin": permissions.can_use_django_admin(request.user),
        },
    )


def _api_problem(request: HttpRequest, status: int) -> HttpResponse | None:
    """API clients get problem details (RFC 9457) for errors raised outside ninja's handlers
    too (unknown API address, an unexpected exception), never an HTML page."""
    if not is_api_request(request):
        return None
    return problem_response(request, status=status, detail=api_error_detail(status))


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _api_problem(request, 400) or render(
        request, "core/error.html", {"code": 400}, status=400
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _api_problem(request, 403) or render(
        request, "core/error.html", {"code": 403}, status=403
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _api_problem(request, 404) or render(
        request, "core/error.html", {"code": 404}, status=404
    )


def server_error(request: HttpRequest) -> HttpResponse:
    if problem := _api_problem(request, 500):
        return problem
    # Rendered without the context processors: the error may come from the database they
    # would query. The page is plainer (no navigation) but never fails itself.
    html = loader.get_template("core/error.html").render({"code": 500, "minimal": True})
    return HttpResponse(html, status=500)


def media(request: HttpRequest, path: str) -> HttpResponse | FileResponse:
    """Serve uploaded files where no web server does (development, tests, `make bench`).

    Stored names contain a random folder and never change, so browsers may cache them long.
    """
    from django.core.exceptions import SuspiciousFileOperation
    from django.http import Http404
    from django.views.static import serve

    try:
        response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    except SuspiciousFileOperation as exc:
        raise Http404 from exc
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response

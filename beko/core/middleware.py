import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

request_logger = logging.getLogger("beko.request")


class SecurityHeadersMiddleware:
    """Headers Django does not set itself (CSP comes from django-csp)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class OwnNotFoundPageMiddleware:
    """With DEBUG on, show the site's own 404 page instead of Django's technical one.

    Developers and testers then see what visitors see (layout, language, links). Django still
    logs the missing URL; add `?technical-404` to a URL to get Django's page with the URL list.
    """

    # Only Django's technical page carries this meta tag; our 404 page and JSON 404s do not.
    TECHNICAL_MARK = b'<meta name="robots" content="NONE,NOARCHIVE">'

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and "technical-404" not in request.GET
            and not response.streaming
            and self.TECHNICAL_MARK in response.content
        ):
            from .views import page_not_found

            return page_not_found(request)
        return response


class RequestLogMiddleware:
    """One structured log line per request: method, path, status, duration.

    Query strings are left out on purpose: they may carry search terms or tokens.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        request_logger.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response

import logging
import re
import time
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse

from beko.core.lib.client_address import client_ip
from beko.core.lib.logging import redact_secrets
from beko.core.lib.problem import PROBLEM_CONTENT_TYPE, api_error_detail, problem_response

request_logger = logging.getLogger("beko.request")

_LANGUAGES = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
# Back office and account pages, in every language: /intern/…, /admin/…, /konto/…, /en/konto/…
PRIVATE_AREA = re.compile(rf"^/(?:(?:{_LANGUAGES})/)?(?:intern|admin|konto)/")
API_PREFIX = "/api/"
# JSON escapes a NUL as \u0000 (any case of the hex digits).
_JSON_NUL = re.compile(rb"\\u0000", re.IGNORECASE)


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


class SecurityHeadersMiddleware:
    """Headers Django does not set itself (CSP comes from django-csp)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if PRIVATE_AREA.match(request.path_info):
            # Personal data and back-office screens must not stay in a shared computer's
            # browser cache or in any proxy (ASVS 8.2.1).
            response.headers["Cache-Control"] = "no-store"
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


class ApiProblemMiddleware:
    """Every API error is `application/problem+json`, also those produced outside the API's
    own handlers: Django's 405 for a method an endpoint does not take, a 413, the error
    handlers' pages. A client never has to parse HTML."""

    KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not is_api_request(request)
            or response.get("Content-Type", "").startswith(PROBLEM_CONTENT_TYPE)
        ):
            return response
        problem = problem_response(
            request, status=response.status_code, detail=api_error_detail(response.status_code)
        )
        for header in self.KEPT_HEADERS:
            if header in response:
                problem[header] = response[header]
        return problem


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path or "\x00" in request.META.get("QUERY_STRING", ""):
        return True
    if any(
        "\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values
    ):
        return True
    if request.method not in {"POST", "PUT", "PATCH"}:
        return False
    content_type = request.content_type or ""
    # Multipart bodies (uploads) are left to the views, which refuse oversized ones before
    # reading them; their text fields are Django form fields, which refuse NUL themselves.
    if content_type == "application/x-www-form-urlencoded":
        return any(
            "\x00" in key or "\x00" in value
            for key, values in request.POST.lists()
            for value in values
        )
    if content_type.endswith("json"):
        return b"\x00" in request.body or bool(_JSON_NUL.search(request.body))
    return False


class RejectNulMiddleware:
    """Answer 400 to a NUL character anywhere in the address, query or submitted fields.

    No text we store or look up may contain one, and PostgreSQL refuses it with an error
    (SQLite does not), so one check here keeps every view from answering 500 on PostgreSQL.
    Sits after LocaleMiddleware so the error page is in the visitor's language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            if is_api_request(request):
                return problem_response(
                    request, status=400, detail="Steuerzeichen NUL ist nicht erlaubt."
                )
            # The error page (handler400, in the visitor's language) explains; this text is
            # for the log only.
            raise BadRequest("NUL character in the request")
        return self.get_response(request)


class RequestLogMiddleware:
    """One structured log line per request: method, path, status, duration, client address.

    Query strings are left out on purpose: they may carry search terms or tokens. Secret link
    tokens in the path (inquiry status, registration, password reset, "still correct") are
    replaced by a placeholder: the database keeps only their hash, the log must not keep them.
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
                "path": redact_secrets(request.path),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "client": client_ip(request),
            },
        )
        return response

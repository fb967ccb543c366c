"""RFC 9457 problem details for every API error: one shape, one content type."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

PROBLEM_CONTENT_TYPE = "application/problem+json"
# Details for errors that reach an API client from outside the API's own handlers (an
# unknown address, a method the endpoint does not take, an unexpected exception).
API_ERROR_DETAILS = {
    400: "Ungültige Anfrage.",
    403: "Kein Zugriff.",
    404: "Nicht gefunden.",
    405: "Diese Methode ist hier nicht erlaubt.",
    413: "Die Anfrage ist zu groß.",
    500: "Interner Fehler. Bitte später noch einmal versuchen.",
}


class ProblemError(Exception):
    """Raise from API code to answer with a problem detail naming the offending parameter."""

    def __init__(self, status: int, detail: str, *, param: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.param = param
        self.extra = extra


def problem_response(
    request: HttpRequest,
    *,
    status: int,
    detail: str,
    errors: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if errors:
        body["errors"] = errors
    body.update(extra)
    return JsonResponse(
        body,
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


def api_error_detail(status: int) -> str:
    return API_ERROR_DETAILS.get(status) or HTTPStatus(status).phrase


def _validation_errors(exc: ValidationError) -> list[dict[str, Any]]:
    errors = []
    for error in exc.errors:
        location = [
            str(part) for part in error.get("loc", ()) if part not in {"query", "body", "path"}
        ]
        errors.append({"param": ".".join(location) or None, "detail": error.get("msg", "")})
    return errors


def _document_problem_content_type(api: NinjaAPI) -> None:
    """Error responses are application/problem+json; say so in the OpenAPI schema too."""
    original = api.get_openapi_schema

    def get_openapi_schema(*args: Any, **kwargs: Any) -> Any:
        schema = original(*args, **kwargs)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if str(status)[:1] in {"4", "5"} and "application/json" in content:
                        response["content"] = {PROBLEM_CONTENT_TYPE: content["application/json"]}
        return schema

    api.get_openapi_schema = get_openapi_schema  # type: ignore[method-assign]  # wraps ninja's schema builder on purpose


def install_problem_handlers(api: NinjaAPI) -> None:
    _document_problem_content_type(api)

    @api.exception_handler(ValidationError)
    def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = _validation_errors(exc)
        names = ", ".join(sorted({e["param"] for e in errors if e["param"]}))
        return problem_response(
            request,
            status=400,
            detail=f"Ungültige Parameter: {names}" if names else "Ungültige Anfrage.",
            errors=errors,
        )

    @api.exception_handler(ProblemError)
    def _problem(request: HttpRequest, exc: ProblemError) -> HttpResponse:
        errors = [{"param": exc.param, "detail": exc.detail}] if exc.param else None
        return problem_response(
            request, status=exc.status, detail=exc.detail, errors=errors, **exc.extra
        )

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem_response(request, status=404, detail="Nicht gefunden.")

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem_response(request, status=401, detail="Anmeldung erforderlich.")

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem_response(request, status=exc.status_code, detail=str(exc))

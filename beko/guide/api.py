"""GET /api/v1/guide/evaluate – the guide's answers as JSON (same names as the form)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from ninja import Field, Query, Router, Schema

from beko.core.lib.problem import ProblemError

from .engine import FIELD_NAMES, InvalidInput
from .selectors import local_offers_for
from .services import guide_evaluate

router = Router(tags=["guide"])


class EvaluateQuery(Schema):
    """Documents the parameters for OpenAPI; values are validated by engine.parse_input."""

    status: str = Field(
        description="recognised, subsidiary, deportation_ban, temporary_protection, gestattung, "
        "duldung, duldung_unclear_identity, ausbildungsduldung, beschaeftigungsduldung, "
        "residence_25_5, residence_25a, residence_25b, residence_16g, settlement, unknown"
    )
    months_in_germany: str | None = Field(None, description="whole months, 0–1200")
    arrived_on: str | None = Field(None, description="YYYY-MM-DD, instead of months_in_germany")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 nationality, e.g. SY")
    reception_centre: str | None = Field(None, description="true/false, default false")
    identity_clarified: str | None = Field(None, description="true/false, default true")
    asylum_rejected_manifestly_unfounded: str | None = Field(
        None, description="true/false, default false"
    )
    age: str | None = Field(None, description="years, optional")
    has_job_offer: str | None = Field(None, description="true/false, default false")
    has_training_offer: str | None = Field(None, description="true/false, default false")
    german_level: str | None = Field(None, description="none, A1, A2, B1, B2, C1, C2")
    as_of: str | None = Field(None, description="reference date YYYY-MM-DD, default today")


# A real query is well under 400 characters; anything much longer is not a situation.
MAX_QUERY_LENGTH = 1000


def _query_parameters(request: HttpRequest) -> dict[str, str]:
    """Single-valued query parameters, or a problem detail naming the offending one."""
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        raise ProblemError(400, f"Die Anfrage ist zu lang (höchstens {MAX_QUERY_LENGTH} Zeichen).")
    data: dict[str, str] = {}
    for name, values in request.GET.lists():
        if len(values) > 1:
            raise ProblemError(400, f"{name}: nur ein Wert erlaubt", param=name[:40])
        data[name] = values[0]
    return data


@router.get(
    "/evaluate",
    url_name="guide_evaluate",
    summary="Wege in Arbeit: Auswertung einer Situation",
    description=(
        "Parameter wie im Formular: "
        + ", ".join(FIELD_NAMES)
        + ". Antwortet mit Verdikten, Erklärungen (de/en) und Rechtsgrundlagen. "
        "Ungültige Eingaben ergeben 400 (RFC 9457) mit dem Namen des Parameters."
    ),
    response=dict[str, Any],
)
def evaluate(request: HttpRequest, query: Query[EvaluateQuery]) -> JsonResponse:
    # The raw parameters, not the schema: unknown or repeated names must be refused too.
    data = _query_parameters(request)
    try:
        evaluation = guide_evaluate(data=data, strict=True)
    except InvalidInput as exc:
        raise ProblemError(400, f"{exc.field}: {exc.message}", param=exc.field) from exc
    result = evaluation.to_dict()
    result["local_offers"] = local_offers_for(evaluation=evaluation)
    # The dict is built by the engine in the documented shape; returning it directly skips a
    # second validation pass over ~15 KB of nested data on every request.
    return JsonResponse(result, json_dumps_params={"ensure_ascii": False})

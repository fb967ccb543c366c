"""GET /api/v1/guide/evaluate – the guide's answers as JSON (same names as the form)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from beko.core.lib.problem import ProblemError

from .engine import FIELD_NAMES, InvalidInput
from .selectors import local_offers_for
from .services import guide_evaluate

router = Router(tags=["guide"])

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
    summary="Wege in Arbeit: Auswertung einer Situation",
    description=(
        "Parameter wie im Formular: "
        + ", ".join(FIELD_NAMES)
        + ". Antwortet mit Verdikten, Erklärungen (de/en) und Rechtsgrundlagen. "
        "Ungültige Eingaben ergeben 400 (RFC 9457) mit dem Namen des Parameters."
    ),
    response=dict[str, Any],
)
def evaluate(request: HttpRequest) -> dict[str, Any]:
    data = _query_parameters(request)
    try:
        evaluation = guide_evaluate(data=data, strict=True)
    except InvalidInput as exc:
        raise ProblemError(400, f"{exc.field}: {exc.message}", param=exc.field) from exc
    result = evaluation.to_dict()
    result["local_offers"] = local_offers_for(evaluation=evaluation)
    return result

"""GET /api/v1/guide/evaluate – the guide's answers as JSON (same names as the form)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from beko.core.lib.problem import ProblemError
from beko.core.lib.response_cache import cache_public_response, count_on_hit

from .engine import FIELD_NAMES, InvalidInput
from .present import evaluation_json
from .selectors import local_offers_for
from .services import USAGE_HIT_HOOK, guide_evaluate
from .texts import LANGUAGES, SOURCE_LANGUAGE

router = Router(tags=["guide"])
LANG_PARAM = "lang"


class EvaluateQuery(Schema):
    """Documents the parameters for OpenAPI; values are validated by engine.parse_input."""

    status: str = Field(
        description="recognised, subsidiary, deportation_ban, temporary_protection, gestattung, "
        "duldung, duldung_unclear_identity, ausbildungsduldung, beschaeftigungsduldung, "
        "residence_25_5, residence_25a, residence_25b, residence_16g, settlement, unknown"
    )
    months_in_germany: str | None = Field(None, description="whole months, 0–1200; omit if unknown")
    arrived_on: str | None = Field(None, description="YYYY-MM-DD, instead of months_in_germany")
    months_with_duldung: str | None = Field(
        None, description="whole months since the Duldung was first issued; omit if unknown"
    )
    first_permit_on: str | None = Field(
        None,
        description="YYYY-MM-DD the first residence permit (for § 24: permit or "
        "Fiktionsbescheinigung) was issued; omit if unknown",
    )
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 nationality, e.g. SY")
    reception_centre: str | None = Field(
        None, description="true/false; omit or 'unknown' if unknown"
    )
    identity_clarified: str | None = Field(
        None, description="true/false; omit or 'unknown' if unknown"
    )
    asylum_rejected_manifestly_unfounded: str | None = Field(
        None, description="true/false; omit or 'unknown' if unknown"
    )
    age: str | None = Field(None, description="years, optional")
    has_job_offer: str | None = Field(None, description="true/false, default false")
    has_training_offer: str | None = Field(None, description="true/false, default false")
    german_level: str | None = Field(None, description="none, A1, A2, B1, B2, C1, C2")
    as_of: str | None = Field(None, description="reference date YYYY-MM-DD, default today")
    lang: str | None = Field(
        None,
        description="language of the texts: de, en, ar, fa, uk, tr, ru; default: the "
        "Accept-Language header, else de",
    )


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


def requested_language(request: HttpRequest, explicit: str | None) -> str:
    """The ``lang`` parameter, else the best supported Accept-Language, else German."""
    if explicit is not None:
        value = explicit.strip().lower()
        if value not in LANGUAGES:
            raise ProblemError(
                400,
                f"lang: Diese Sprache gibt es nicht. Erlaubt sind: {', '.join(LANGUAGES)}.",
                param=LANG_PARAM,
            )
        return value
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header[:500]):
        short = code.split("-")[0].lower()
        if short in LANGUAGES:
            return short
    return SOURCE_LANGUAGE


@router.get(
    "/evaluate",
    url_name="guide_evaluate",
    summary="Wege in Arbeit: Auswertung einer Situation",
    description=(
        "Parameter wie im Formular: "
        + ", ".join(FIELD_NAMES)
        + ", dazu lang. Antwortet mit Verdikten, Erklärungen in der gewünschten Sprache "
        "(jeder Text als {text, lang, fallback}; fallback=true, wo noch Deutsch steht) und "
        "Rechtsgrundlagen. Nicht beantwortete Fragen gelten als unbekannt; hängt eine Antwort "
        "davon ab, nennt sie depends_on und zeigt die Zweige (branches). "
        "Ungültige Eingaben ergeben 400 (RFC 9457) mit dem Namen des Parameters."
    ),
    response=dict[str, Any],
)
# Cached like every public answer (same input, language and content version, same bytes);
# the rule usage is still counted on every answer through the hit hook.
@decorate_view(cache_public_response)
def evaluate(request: HttpRequest, query: Query[EvaluateQuery]) -> JsonResponse:
    # The raw parameters, not the schema: unknown or repeated names must be refused too.
    data = _query_parameters(request)
    lang = requested_language(request, data.pop(LANG_PARAM, None))
    try:
        evaluation = guide_evaluate(data=data, strict=True)
    except InvalidInput as exc:
        raise ProblemError(400, f"{exc.field}: {exc.message}", param=exc.field) from exc
    count_on_hit(request, USAGE_HIT_HOOK, sorted(evaluation.used_rule_ids))
    result = evaluation_json(evaluation, lang)
    with translation.override(lang):  # offer titles are translated content
        result["local_offers"] = local_offers_for(evaluation=evaluation)
    response = JsonResponse(result, json_dumps_params={"ensure_ascii": False})
    response["Content-Language"] = lang
    response["Vary"] = "Accept-Language"
    return response

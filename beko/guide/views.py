from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .engine import ANSWER_TOPICS, Evaluation, GuideInput
from .forms import GuideForm, questions_for
from .labels import (
    CONFIDENCE_LABELS,
    STATUS_LABELS,
    TOPIC_LABELS,
    VERDICT_LABELS,
    VERDICT_TONES,
)
from .selectors import local_offers_for
from .services import guide_evaluate


def _text_language() -> str:
    # Rule explanations exist in German and English; other UI languages fall back to German
    # like the rest of the UI (docs/architecture.md).
    return "en" if get_language() == "en" else "de"


def _form_context(form: GuideForm, status: str | None) -> dict[str, Any]:
    situation, general = questions_for(status)
    return {
        "form": form,
        "status": status,
        "situation_fields": [form[name] for name in situation],
        "general_fields": [form[name] for name in general],
        "ask_questions": status is not None,
    }


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """Step form. With htmx the questions for the chosen status appear in place; without
    JavaScript "Weiter" reloads the page with the questions as the next step."""
    status = request.GET.get("status")
    if status not in STATUS_LABELS:
        status = None
    form = GuideForm(initial=request.GET.dict() if status else None)
    context = _form_context(form, status)
    context["missing_status"] = status is None and "step" in request.GET
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "guide/_questions.html", context)
    return render(request, "guide/start.html", context)


def _answer_rows(evaluation: Evaluation, language: str) -> list[dict[str, Any]]:
    rows = []
    for topic in ANSWER_TOPICS:
        answer = evaluation.answers[topic]
        rows.append(
            {
                "topic": topic,
                "label": TOPIC_LABELS[topic],
                "verdict": answer.verdict,
                "verdict_label": VERDICT_LABELS[answer.verdict],
                "tone": VERDICT_TONES[answer.verdict],
                "explanation": answer.explanation.get(language),
                "office": answer.office_name.get(language) if answer.office_name else "",
                "citations": answer.citations,
                "confidence": CONFIDENCE_LABELS[answer.confidence],
                "rules": answer.rule_ids,
            }
        )
    return rows


def _result_context(request: HttpRequest, evaluation: Evaluation) -> dict[str, Any]:
    language = _text_language()
    query = urlencode(evaluation.input.to_query())
    return {
        "evaluation": evaluation,
        "input": evaluation.input,
        "status_label": STATUS_LABELS[evaluation.input.status.value],
        "answers": _answer_rows(evaluation, language),
        "routes": [
            {
                "id": route.id,
                "title": route.title.get(language),
                "explanation": route.explanation.get(language),
                "requirements": [item.get(language) for item in route.requirements],
                "citations": route.citations,
            }
            for route in evaluation.routes
        ],
        "next_steps": [step.text.get(language) for step in evaluation.next_steps],
        "local_offers": local_offers_for(evaluation=evaluation),
        "disclaimer": evaluation.disclaimer.get(language),
        "text_language": language,
        "query": query,
        "edit_url": f"{reverse('guide:start')}?{query}&step=2",
        "print_url": f"{reverse('guide:result_print')}?{query}",
        "api_url": f"{reverse('api_v1:guide_evaluate')}?{query}",
        "share_title": _("Ergebnis – Wege in Arbeit"),
    }


def _result(request: HttpRequest, *, template: str) -> HttpResponse:
    form = GuideForm(request.GET or None)
    if not request.GET or not form.is_valid():
        status = request.GET.get("status")
        context = _form_context(form, status if status in STATUS_LABELS else None)
        return render(request, "guide/start.html", context, status=400 if request.GET else 200)
    guide_input: GuideInput = form.guide_input
    canonical = guide_input.to_query()
    # One address per situation: shorter to share, and the reference date is fixed in it so
    # the shared link shows the same result later.
    repeated = any(len(values) > 1 for _name, values in request.GET.lists())
    if repeated or request.GET.dict() != canonical:
        return redirect(f"{request.path}?{urlencode(canonical)}")
    evaluation = guide_evaluate(data=request.GET.dict(), strict=False)
    return render(request, template, _result_context(request, evaluation))


@require_GET
def result(request: HttpRequest) -> HttpResponse:
    return _result(request, template="guide/result.html")


@require_GET
def result_print(request: HttpRequest) -> HttpResponse:
    return _result(request, template="guide/result_print.html")

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from beko.accounts.permissions import is_staff_member
from beko.core.lib.response_cache import cache_public_response, count_on_hit

from . import content
from .engine import Evaluation, GuideInput
from .forms import EmployerForm, GuideForm, employer_questions_for, questions_for
from .labels import STATUS_LABELS
from .present import present, ui
from .selectors import local_offers_for
from .services import USAGE_HIT_HOOK, guide_evaluate
from .texts import LANGUAGES, RTL_LANGUAGES, SOURCE_LANGUAGE, base_language

# The bilingual sheet: German beside the person's language, chosen on the page.
SHEET_LANGUAGE_PARAM = "sheet_lang"
SHEET_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE)


def _language() -> str:
    return base_language(get_language())


def _form_context(form: GuideForm, status: str | None) -> dict[str, Any]:
    situation, general = questions_for(status)
    return {
        "form": form,
        "status": status,
        "situation_fields": [form[name] for name in situation],
        "general_fields": [form[name] for name in general],
        "ask_questions": status is not None,
        "status_unknown": status == "unknown",
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
    if request.htmx:  # type: ignore[attr-defined]  # set by django-htmx's middleware
        return render(request, "guide/_questions.html", context)
    return render(request, "guide/start.html", context)


def _links(query: str) -> dict[str, str]:
    return {
        "edit_url": f"{reverse('guide:start')}?{query}&step=2",
        "print_url": f"{reverse('guide:result_print')}?{query}",
        "sheet_url": f"{reverse('guide:result_sheet')}?{query}",
        "api_url": f"{reverse('api_v1:guide_evaluate')}?{query}",
        "papers_url": reverse("guide:papers"),
        "glossary_url": reverse("guide:glossary"),
        "employer_url": f"{reverse('guide:employer_result')}?{query}&purpose=job",
    }


def _result_context(request: HttpRequest, evaluation: Evaluation) -> dict[str, Any]:
    query = urlencode(evaluation.input.to_query())
    return {
        # Rule ids help staff trace an answer; the public never sees them (issue 15).
        "show_rule_ids": is_staff_member(request.user),
        "evaluation": evaluation,
        "input": evaluation.input,
        "view": present(evaluation, _language()),
        "local_offers": local_offers_for(evaluation=evaluation),
        "query": query,
        "share_title": _("Ergebnis – Wege in Arbeit"),
        **_links(query),
    }


def _canonical_redirect(request: HttpRequest, canonical: dict[str, str]) -> HttpResponse | None:
    """One address per situation: shorter to share, and the reference date fixed in it, so
    a shared link shows the same result later."""
    repeated = any(len(values) > 1 for _name, values in request.GET.lists())
    if repeated or request.GET.dict() != canonical:
        return redirect(f"{request.path}?{urlencode(canonical)}")
    return None


def _result(request: HttpRequest, *, template: str) -> HttpResponse:
    form = GuideForm(request.GET or None)
    if not request.GET or not form.is_valid():
        status = request.GET.get("status")
        context = _form_context(form, status if status in STATUS_LABELS else None)
        return render(request, "guide/start.html", context, status=400 if request.GET else 200)
    guide_input: GuideInput = form.guide_input
    response = _canonical_redirect(request, guide_input.to_query())
    if response is not None:
        return response
    evaluation = guide_evaluate(data=request.GET.dict(), strict=False)
    count_on_hit(request, USAGE_HIT_HOOK, sorted(evaluation.used_rule_ids))
    return render(request, template, _result_context(request, evaluation))


@require_GET
@cache_public_response
def result(request: HttpRequest) -> HttpResponse:
    return _result(request, template="guide/result.html")


@require_GET
@cache_public_response
def result_print(request: HttpRequest) -> HttpResponse:
    return _result(request, template="guide/result_print.html")


@require_GET
@cache_public_response
def result_sheet(request: HttpRequest) -> HttpResponse:
    """The bilingual result sheet: German beside a second language, one row per paragraph."""
    params = request.GET.copy()
    requested = params.pop(SHEET_LANGUAGE_PARAM, [None])[-1]
    form = GuideForm(params or None)
    if not params or not form.is_valid():
        status = params.get("status")
        context = _form_context(form, status if status in STATUS_LABELS else None)
        return render(request, "guide/start.html", context, status=400 if params else 200)
    page_language = _language()
    default = page_language if page_language != SOURCE_LANGUAGE else "en"
    second = requested if requested in SHEET_LANGUAGES else default
    canonical = {**form.guide_input.to_query(), SHEET_LANGUAGE_PARAM: second}
    response = _canonical_redirect(request, canonical)
    if response is not None:
        return response
    evaluation = guide_evaluate(data=params.dict(), strict=False)
    count_on_hit(request, USAGE_HIT_HOOK, sorted(evaluation.used_rule_ids))
    query = urlencode(evaluation.input.to_query())
    german = present(evaluation, SOURCE_LANGUAGE)
    other = present(evaluation, second)
    return render(
        request,
        "guide/result_sheet.html",
        {
            "evaluation": evaluation,
            "de": german,
            "other": other,
            "second": second,
            "second_rtl": second in RTL_LANGUAGES,
            "languages": [(code, _language_name(code)) for code in SHEET_LANGUAGES],
            "rows": _sheet_rows(german, other),
            "labels_de": _sheet_labels(SOURCE_LANGUAGE, german),
            "labels_other": _sheet_labels(second, other),
            "query": query,
            "sheet_query": urlencode(canonical),
            "site_url": getattr(settings, "SITE_URL", ""),
            "no_glossary_links": True,
            **_links(query),
        },
    )


# Headings of the bilingual sheet, resolved in both languages (a missing translation is
# shown in German and marked as such).
SHEET_LABELS = {
    "title": gettext_lazy("Ergebnis: Wege in Arbeit"),
    "facts": gettext_lazy("Ihre Angaben"),
    "answers": gettext_lazy("Was ist möglich?"),
    "routes": gettext_lazy("Wege zu einem sicheren Aufenthalt"),
    "basis": gettext_lazy("Rechtsgrundlage"),
    "confidence": gettext_lazy("Sicherheit der Auskunft"),
    "missing": gettext_lazy("Es fehlen Angaben zu:"),
    "status_needed": gettext_lazy("Wir brauchen den Aufenthaltsstatus"),
    "as_of": gettext_lazy("Stand der Rechtslage: %(date)s"),
    "version": gettext_lazy("Stand des Regelwerks: %(version)s"),
    "rule_from": gettext_lazy("Diese Regel gilt ab %(date)s."),
}


def _sheet_labels(lang: str, view: Any) -> dict[str, Any]:
    labels = {key: ui(label, lang) for key, label in SHEET_LABELS.items()}
    for key, values in (
        ("as_of", {"date": view.as_of_text}),
        ("version", {"version": view.rulebase_version}),
    ):
        label = labels[key]
        labels[key] = type(label)(label.text % values, label.lang, label.fallback)
    return labels


def _language_name(code: str) -> str:
    names = dict(settings.LANGUAGES)
    return str(names.get(code, code))


def _sheet_rows(german: Any, other: Any) -> list[dict[str, Any]]:
    """Paragraph pairs for the sheet: (kind, German side, other side)."""
    rows: list[dict[str, Any]] = []
    if german.status_unknown:
        rows.append({"kind": "status", "de": german.status_needed, "other": other.status_needed})
        return rows
    for de_answer, other_answer in zip(german.answers, other.answers, strict=True):
        rows.append({"kind": "answer", "de": de_answer, "other": other_answer})
    for de_route, other_route in zip(german.routes_possible, other.routes_possible, strict=True):
        rows.append({"kind": "route", "de": de_route, "other": other_route})
    return rows


@require_GET
def papers_page(request: HttpRequest) -> HttpResponse:
    """ "Welches Papier hat die Person?": sample drawings of the papers, each leading to the
    matching status in the guide."""
    lang = _language()
    start = reverse("guide:start")
    items = []
    for paper in content.papers():
        leads = []
        for lead in paper.leads:
            query = {"status": lead.status, **dict(lead.params), "step": "2"}
            if lead.status == "unknown":
                query = {"status": "unknown"}
                url = f"{reverse('guide:result')}?{urlencode(query)}"
            else:
                url = f"{start}?{urlencode(query)}"
            leads.append({"label": lead.label.resolve(lang), "url": url})
        items.append(
            {
                "key": paper.key,
                "image": f"guide/papers/{paper.image}",
                "name": paper.name.resolve(lang),
                "alt": paper.alt.resolve(lang),
                "description": paper.description.resolve(lang),
                "look_for": [item.resolve(lang) for item in paper.look_for],
                "leads": leads,
            }
        )
    return render(request, "guide/papers.html", {"papers": items})


@require_GET
def glossary_page(request: HttpRequest) -> HttpResponse:
    """The public glossary: every legal term the results link to, with its definition."""
    lang = _language()
    terms = [
        {
            "key": term.key,
            "name": term.name(lang),
            "german": term.de,
            "law": term.law,
            "definition": term.definition.resolve(lang),
        }
        for term in content.glossary()
    ]
    terms.sort(key=lambda item: str(item["name"]).casefold())
    return render(request, "guide/glossary.html", {"terms": terms})


# -- employer view ------------------------------------------------------------------------


def _employer_context(form: EmployerForm, status: str | None) -> dict[str, Any]:
    return {
        "form": form,
        "status": status,
        "situation_fields": [form[name] for name in employer_questions_for(status)],
        "ask_questions": status is not None,
    }


@require_GET
def employer(request: HttpRequest) -> HttpResponse:
    """ "Ich möchte jemanden einstellen / ausbilden": the same engine, the employer's questions."""
    status = request.GET.get("status")
    if status not in STATUS_LABELS or status == "unknown":
        status = None
    form = EmployerForm(initial=request.GET.dict() if status else {"purpose": "job"})
    context = _employer_context(form, status)
    context["missing_status"] = status is None and "step" in request.GET
    if request.htmx:  # type: ignore[attr-defined]  # set by django-htmx's middleware
        return render(request, "guide/_employer_questions.html", context)
    return render(request, "guide/employer.html", context)


@require_GET
@cache_public_response
def employer_result(request: HttpRequest) -> HttpResponse:
    form = EmployerForm(request.GET or None)
    if not request.GET or not form.is_valid():
        status = request.GET.get("status")
        context = _employer_context(form, status if status in STATUS_LABELS else None)
        return render(request, "guide/employer.html", context, status=400 if request.GET else 200)
    guide_input: GuideInput = form.guide_input
    purpose = "training" if guide_input.has_training_offer else "job"
    canonical = {
        key: value
        for key, value in guide_input.to_query().items()
        if key not in ("has_job_offer", "has_training_offer")
    }
    canonical["purpose"] = purpose
    response = _canonical_redirect(request, canonical)
    if response is not None:
        return response
    evaluation = guide_evaluate(data=guide_input.to_query(), strict=False)
    count_on_hit(request, USAGE_HIT_HOOK, sorted(evaluation.used_rule_ids))
    query = urlencode(evaluation.input.to_query())
    view = present(evaluation, _language())
    topic = "vocational_training" if purpose == "training" else "employment"
    return render(
        request,
        "guide/employer_result.html",
        {
            "evaluation": evaluation,
            "view": view,
            "show_rule_ids": is_staff_member(request.user),
            "purpose": purpose,
            "answer": next(a for a in view.answers if a.topic == topic),
            "purpose_label": ui(
                gettext_lazy("Ausbildung") if purpose == "training" else gettext_lazy("Arbeit"),
                view.lang,
            ),
            "query": query,
            "employer_edit_url": f"{reverse('guide:employer')}?{urlencode(canonical)}&step=2",
            **_links(query),
        },
    )

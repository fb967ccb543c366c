from __future__ import annotations

from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_bidi, get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beko.accounts.permissions import AuthenticatedRequest, staff_required
from beko.core.lib.cleaned import cleaned

from . import legal, reports, selectors, services
from .audit import audit_entries
from .forms import (
    LegalDetailsForm,
    PageForm,
    ReportPeriodForm,
    SignLanguageVideoForm,
    TranslationForm,
    TranslationReviewForm,
)
from .lib.charts import chart_csv, chart_svg
from .lib.content_i18n import (
    TranslationState,
    target_languages,
    translated_field_names,
    translation_state,
)
from .models import Page, SignLanguageVideo
from .reports import ReportPeriod


@staff_required
def page_list(request: AuthenticatedRequest) -> HttpResponse:
    pages = [{"page": page} for page in Page.objects.all()]
    return render(request, "core/staff/page_list.html", {"pages": pages})


@staff_required
def page_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    page = get_object_or_404(Page, pk=pk)
    initial = {
        "title": page.title_de, "intro": page.intro_de, "body": page.body_de,  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
        "placement": page.placement, "position": page.position,
    }  # fmt: skip
    form = PageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.page_update(page=page, data=cleaned(form, services.PageData), by=request.user)
        messages.success(request, _("Die Seite wurde gespeichert."))
        return redirect("core:staff_pages")
    return render(
        request,
        "core/staff/page_edit.html",
        {"page": page, "form": form},
    )


@staff_required
def translation_edit(
    request: AuthenticatedRequest, app_label: str, model_name: str, pk: int, language: str
) -> HttpResponse:
    """Translate any registered content object into one language, German text alongside."""
    if language not in target_languages():
        raise Http404
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as exc:
        raise Http404 from exc
    if not translated_field_names(model):
        raise Http404
    obj = get_object_or_404(model, pk=pk)
    initial = {
        name: getattr(obj, f"{name}_{language}") or "" for name in translated_field_names(model)
    }
    form = TranslationForm(request.POST or None, obj=obj, language=language, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.translation_save(obj=obj, language=language, values=form.cleaned_data)
        messages.success(request, _("Die Übersetzung wurde gespeichert."))
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("core:staff_home")
        return redirect(target)
    return render(
        request,
        "core/staff/translation_edit.html",
        {
            "obj": obj,
            "form": form,
            "language": language,
            "language_name": dict(settings.LANGUAGES)[language],
            "language_bidi": get_language_info(language)["bidi"],
            "state": translation_state(obj, language),
        },
    )


@staff_required
def audit_log(request: AuthenticatedRequest) -> HttpResponse:
    """The site-wide audit log: who viewed, changed or exported which record."""
    filters = {
        "action_prefix": request.GET.get("aktion", "").strip()[:100],
        "actor_label": request.GET.get("person", "").strip()[:150],
        "object_repr": request.GET.get("objekt", "").strip()[:200],
    }
    page_obj = Paginator(audit_entries(**filters), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/staff/audit_log.html",
        {"page_obj": page_obj, "filters": filters, "query": query.urlencode()},
    )


def _report_charts(request: AuthenticatedRequest) -> tuple[ReportPeriodForm, ReportPeriod | None]:
    """The period from `?jahr=`; None (and the form's German error) for an invalid value."""
    today = timezone.localdate()
    form = ReportPeriodForm(request.GET or None, this_year=today.year)
    if form.is_bound and not form.is_valid():
        return form, None
    year = form.cleaned_data.get("jahr") if form.is_bound else None
    return form, reports.report_period(year=year, today=today)


@staff_required
def report_overview(request: AuthenticatedRequest) -> HttpResponse:
    """Numbers for management: every chart with its table and a CSV download."""
    form, period = _report_charts(request)
    crumbs = [(_("Interner Bereich"), reverse("core:staff_home")), (_("Berichte und Zahlen"), "")]
    if period is None:
        return render(
            request, "core/staff/reports.html", {"form": form, "crumbs": crumbs}, status=400
        )
    rtl = get_language_bidi()
    query = request.GET.urlencode()
    items = []
    for chart in reports.report_charts(period=period):
        header, rows = chart.table()
        csv_url = reverse("core:staff_report_csv", kwargs={"slug": chart.slug})
        items.append(
            {
                "chart": chart,
                "svg": chart_svg(chart, rtl=rtl),
                "header": header,
                "rows": rows,
                "csv_url": f"{csv_url}?{query}" if query else csv_url,
            }
        )
    return render(
        request,
        "core/staff/reports.html",
        {"form": form, "period": period, "items": items, "crumbs": crumbs},
    )


@staff_required
def report_csv(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """One chart's table as CSV – the same rows the page shows."""
    form, period = _report_charts(request)
    if period is None:
        errors = "; ".join(str(e) for e in form.errors.get("jahr", []))
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    chart = next((c for c in reports.report_charts(period=period) if c.slug == slug), None)
    if chart is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="beko-{slug}-{period.months[0][0]}.csv"'
    )
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    response.write(chart_csv(chart))
    return response


def _language_names() -> dict[str, str]:
    return {code: name for code, name in settings.LANGUAGES if code in target_languages()}


@staff_required
def translations_overview(request: AuthenticatedRequest) -> HttpResponse:
    """Content type × language (missing / outdated / current), the interface catalogues and
    which translations a native speaker has reviewed."""
    languages = _language_names()
    reviews = selectors.translation_reviews_latest()
    subjects = selectors.translation_review_subjects()
    return render(
        request,
        "core/staff/translations.html",
        {
            "languages": languages,
            "content": selectors.translation_counts(),
            "ui": selectors.ui_catalogue_counts(),
            "review_rows": [
                {
                    "key": key,
                    "label": label,
                    "reviews": [(code, reviews.get((code, key))) for code in languages],
                }
                for key, label in subjects
            ],
        },
    )


@staff_required
def translation_list(
    request: AuthenticatedRequest, app_label: str, model_name: str, language: str
) -> HttpResponse:
    """The objects of one content type in one language, filtered by state, with editor links."""
    languages = _language_names()
    model = selectors.translation_model(app_label=app_label, model_name=model_name)
    if model is None or language not in languages:
        raise Http404
    state = request.GET.get("status", "")
    if state not in TranslationState.__members__.values():
        state = ""
    rows = selectors.translation_rows(model=model, language=language, state=state or None)
    page_obj = Paginator(rows, 50).get_page(request.GET.get("page"))
    back = request.get_full_path()
    items = [
        {
            "label": row.label,
            "state": row.states[language],
            "url": reverse(
                "core:staff_translation_edit",
                kwargs={
                    "app_label": app_label,
                    "model_name": model_name,
                    "pk": row.pk,
                    "language": language,
                },
            )
            + "?"
            + urlencode({"next": back}),
        }
        for row in page_obj.object_list
    ]
    return render(
        request,
        "core/staff/translation_list.html",
        {
            "model_label": model._meta.verbose_name_plural,
            "language": language,
            "language_name": languages[language],
            "state": state,
            "states": [(s.value, s) for s in TranslationState],
            "items": items,
            "page_obj": page_obj,
            "query": urlencode({"status": state}) if state else "",
        },
    )


@staff_required
def translation_review_create(request: AuthenticatedRequest) -> HttpResponse:
    """Record that a native speaker reviewed a language of the interface or of a rule file."""
    languages = list(_language_names().items())
    subjects = selectors.translation_review_subjects()
    initial = {
        "language": request.GET.get("language", ""),
        "subject": request.GET.get("subject", ""),
        "reviewed_on": timezone.localdate(),
    }
    form = TranslationReviewForm(
        request.POST or None, initial=initial, languages=languages, subjects=subjects
    )
    if request.method == "POST" and form.is_valid():
        services.translation_review_record(**form.cleaned_data, by=request.user)
        messages.success(request, _("Die Prüfung wurde eingetragen."))
        return redirect(f"{reverse('core:staff_translations')}#pruefungen")
    return render(request, "core/staff/translation_review_form.html", {"form": form})


@staff_required
def legal_edit(request: AuthenticatedRequest) -> HttpResponse:
    """The structured legal details; the list of what is still open stands above the form."""
    details = legal.legal_details()
    form = LegalDetailsForm(request.POST or None, instance=details)
    if request.method == "POST":
        if form.is_valid():
            services.legal_details_save(details=form.save(commit=False), by=request.user)
            messages.success(request, _("Die rechtlichen Angaben wurden gespeichert."))
            return redirect("core:staff_legal")
        status = 400
    else:
        status = 200
    return render(
        request,
        "core/staff/legal_edit.html",
        {"form": form, "open_items": legal.legal_missing(details=details)},
        status=status,
    )


@staff_required
def sign_videos(request: AuthenticatedRequest) -> HttpResponse:
    form = SignLanguageVideoForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            services.sign_video_add(video=form.save(commit=False), by=request.user)
            messages.success(request, _("Das Video wurde hochgeladen."))
            return redirect("core:staff_sign_videos")
        status = 400
    else:
        status = 200
    return render(
        request,
        "core/staff/sign_videos.html",
        {"form": form, "videos": legal.sign_language_videos()},
        status=status,
    )


@staff_required
@require_POST
def sign_video_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    video = get_object_or_404(SignLanguageVideo, pk=pk)
    services.sign_video_delete(video=video, by=request.user)
    messages.success(request, _("Das Video wurde gelöscht."))
    return redirect("core:staff_sign_videos")


def _development_mail_only() -> None:
    # Real deployments send through SMTP; the folder would be empty or, worse, stale.
    if settings.EMAIL_BACKEND != "beko.core.mail.DevelopmentEmailBackend":
        raise Http404


@staff_required
def mail_list(request: AuthenticatedRequest) -> HttpResponse:
    from .mail import mail_dir, stored_mails

    _development_mail_only()
    context = {"mails": stored_mails(), "mail_dir": mail_dir()}
    return render(request, "core/staff/mail_list.html", context)


@staff_required
def mail_detail(request: AuthenticatedRequest, name: str) -> HttpResponse:
    import re

    from .mail import MAIL_FILE_NAME, mail_dir, stored_mail

    _development_mail_only()
    # The name comes from the URL: only our own file names, never a path.
    path = mail_dir() / name
    if not re.fullmatch(MAIL_FILE_NAME, name) or not path.is_file():
        raise Http404
    return render(request, "core/staff/mail_detail.html", {"mail": stored_mail(path)})

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited

from beko.core.lib.cleaned import cleaned
from beko.core.lib.client_address import client_ip

from . import selectors, services
from .forms import InquiryForm, SuggestionForm

logger = logging.getLogger(__name__)

# Requests larger than this are refused before Django reads the body (attachment limit + form).
MAX_BODY_BYTES = 8 * 1024 * 1024


def _contact_of(request: HttpRequest) -> str:
    email = request.POST.get("email", "").strip().lower()
    phone = "".join(ch for ch in request.POST.get("phone", "") if ch.isdigit())
    return email or phone or "-"


def _client_and_contact_key(group: str, request: HttpRequest) -> str:
    # Never the submitted address alone: anyone can type someone else's e-mail address, and
    # a limit on it would let a stranger lock that person out of the form. Per client and
    # address, the limit still stops one client from flooding one mailbox.
    return f"{client_ip(request)}|{_contact_of(request)}"


def _rate_limited(request: HttpRequest) -> bool:
    by_ip = is_ratelimited(
        request,
        group="inquiries.submit.ip",
        key="ip",
        rate=settings.BEKO_INQUIRY_RATE_PER_IP,
        method="POST",
        increment=True,
    )
    by_address = is_ratelimited(
        request,
        group="inquiries.submit.address",
        key=_client_and_contact_key,
        rate=settings.BEKO_INQUIRY_RATE_PER_ADDRESS,
        method="POST",
        increment=True,
    )
    return by_ip or by_address


def _confirmation_allowed(request: HttpRequest) -> bool:
    """Cap the confirmation mails per e-mail address across all clients.

    Submissions from many addresses with a victim's e-mail are still accepted (the asker sees
    the status page anyway), but the victim's mailbox does not fill up with our mails.
    """
    return not is_ratelimited(
        request,
        group="inquiries.mail.address",
        key=lambda group, req: _contact_of(req),
        rate=settings.BEKO_INQUIRY_RATE_PER_ADDRESS,
        method="POST",
        increment=True,
    )


def _contact_context(form: InquiryForm, **extra: object) -> dict[str, object]:
    question = form["question"].value() or ""
    topic = form["topic"].value() or ""
    return {
        "form": form,
        "suggestions": selectors.faq_suggestions_for(text=str(question), topic=str(topic)),
        "guide_links": selectors.guide_links_for(topic=str(topic)),
        "crumbs": [(gettext_lazy("Kontakt"), "")],
        "retention_days": settings.BEKO_INQUIRY_RETENTION_DAYS,
        **extra,
    }


@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    """Hotline and inquiry form. "Vorschau" shows matching answers first (works without JS)."""
    if request.method == "GET":
        return render(request, "inquiries/contact.html", _contact_context(InquiryForm()))

    # The header is the client's word: "abc" or "²" must not crash the form (Django itself
    # reads an unreadable length as 0 too).
    declared = str(request.META.get("CONTENT_LENGTH") or "")
    length = (
        int(declared) if declared.isascii() and declared.isdigit() and len(declared) < 19 else 0
    )
    if length > MAX_BODY_BYTES:
        message = _(
            "Die Anfrage ist zu groß. Anhänge dürfen höchstens 5 MB haben; bitte senden Sie "
            "sie ohne oder mit einer kleineren Datei erneut."
        )
        return render(
            request,
            "inquiries/contact.html",
            _contact_context(InquiryForm(), request_error=message),
            status=413,
        )

    form = InquiryForm(request.POST, request.FILES)
    if request.POST.get("action") == "preview":
        form.is_valid()  # show errors early, but never store on preview
        return render(request, "inquiries/contact.html", _contact_context(form, preview=True))

    if _rate_limited(request):
        logger.warning(
            "inquiry rate limited", extra={"path": request.path, "client": client_ip(request)}
        )
        form.is_valid()
        form.add_error(
            None,
            _(
                "Sie haben in kurzer Zeit sehr viele Anfragen gesendet. Bitte warten Sie eine Stunde oder rufen Sie unsere Hotline an."
            ),
        )
        return render(request, "inquiries/contact.html", _contact_context(form), status=429)

    if not form.is_valid():
        return render(request, "inquiries/contact.html", _contact_context(form), status=400)
    if form.is_spam:
        # Look like success to the bot; store nothing.
        logger.info("inquiry honeypot triggered")
        messages.success(request, _("Vielen Dank, Ihre Anfrage ist eingegangen."))
        return redirect("inquiries:contact")

    submission = services.inquiry_submit(
        data=cleaned(form, services.InquiryData),
        attachment=form.cleaned_data["attachment"],
        language=get_language() or "de",
        send_confirmation=_confirmation_allowed(request),
    )
    messages.success(
        request,
        _("Vielen Dank! Ihre Anfrage ist eingegangen. Ihre Referenznummer: %(reference)s.")
        % {"reference": submission.inquiry.reference},
    )
    return redirect(reverse("inquiries:status", kwargs={"token": submission.token}))


@require_GET
def suggestions(request: HttpRequest) -> HttpResponse:
    """Matching FAQ entries and guide links while the question is typed (htmx fragment)."""
    form = SuggestionForm(request.GET)
    text = topic = ""
    if form.is_valid():
        text, topic = form.cleaned_data["question"], form.cleaned_data["topic"]
    return render(
        request,
        "inquiries/_suggestions.html",
        {
            "suggestions": selectors.faq_suggestions_for(text=text, topic=topic),
            "guide_links": selectors.guide_links_for(topic=topic),
        },
    )


@never_cache
@require_GET
def status(request: HttpRequest, token: str) -> HttpResponse:
    """The secret status link: this one inquiry and its answers, never internal notes."""
    inquiry = selectors.inquiry_for_token(token=token)
    if inquiry is None:
        raise Http404
    response = render(
        request,
        "inquiries/status.html",
        {
            "inquiry": inquiry,
            "replies": list(inquiry.replies.all()),
            "crumbs": [(gettext_lazy("Status Ihrer Anfrage"), "")],
        },
    )
    # The link is the only key: keep it out of referrers and search engines.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response

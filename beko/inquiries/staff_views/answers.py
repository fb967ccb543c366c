"""Answering an inquiry: a reply from a template (e-mail or phone), an FAQ entry made from it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from beko.accounts.permissions import AuthenticatedRequest, staff_required
from beko.core.audit import log_action
from beko.core.lib.cleaned import cleaned
from beko.faq.services import FaqEntryData

from .. import selectors, services
from ..forms import FaqDraftForm, ReplyForm
from ..models import AskerType, Reply
from ._access import inquiry_for


@staff_required
def reply(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Write, preview and send a reply. Without JavaScript: "Vorschau" and "Senden" are two
    submit buttons of one form; sending is refused while a placeholder is left."""
    inquiry = inquiry_for(request, pk)
    if inquiry.is_anonymised:
        raise Http404
    # Templates for the inquiry's topic first, then the general ones.
    templates = sorted(
        selectors.reply_templates(), key=lambda t: (t.topic != inquiry.topic, t.title.casefold())
    )
    initial = {
        "via": Reply.Via.EMAIL if inquiry.email else Reply.Via.PHONE,
        "subject": _("Ihre Anfrage zum Thema %(topic)s") % {"topic": inquiry.get_topic_display()},
    }
    chosen = request.GET.get("vorlage", "")
    if chosen.isdigit():
        template = next((t for t in templates if t.pk == int(chosen)), None)
        if template is not None:
            values = services.placeholders_for(inquiry=inquiry, by=request.user)
            initial["subject"] = services.reply_subject_for(
                inquiry=inquiry, template_subject=template.subject, values=values
            )
            initial["body"] = services.template_fill(template.body, values)
    form = ReplyForm(request.POST or None, initial=initial, has_email=bool(inquiry.email))
    status = 200
    preview = None
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif request.POST.get("action") == "preview":
            preview = services.reply_render(inquiry=inquiry, **form.cleaned_data)
        else:
            try:
                services.inquiry_reply(inquiry=inquiry, by=request.user, **form.cleaned_data)
            except services.MailNotSent as error:
                form.add_error(
                    None,
                    _(
                        "Die E-Mail konnte nicht gesendet werden; es wurde nichts gespeichert. Bitte später erneut versuchen. (%(error)s)"
                    )
                    % {"error": error},
                )
                status = 502
            except services.ReplyIncomplete as error:
                form.add_error(None, str(error))
                status = 400
            except services.TransitionNotAllowed as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(
                    request, _("Die Antwort wurde gespeichert und – falls per E-Mail – gesendet.")
                )
                return redirect("inquiries_staff:detail", pk=inquiry.pk)
    log_action(inquiry, "inquiries.viewed", by=request.user, data={"view": "reply"})
    return render(
        request,
        "inquiries/staff/reply.html",
        {
            "inquiry": inquiry,
            "form": form,
            "templates": templates,
            "chosen": chosen,
            "preview": preview,
        },
        status=status,
    )


@staff_required
def faq_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Make a generic FAQ entry from an answered inquiry; personal details are refused."""
    inquiry = inquiry_for(request, pk)
    if inquiry.is_anonymised:
        raise Http404
    last_reply = inquiry.replies.order_by("-created_at").first()
    known = [inquiry.name, inquiry.email, inquiry.phone, *inquiry.name.split()]
    initial = {
        "question": inquiry.question[:300],
        "answer": last_reply.body if last_reply else "",
        "topic": inquiry.topic,
        "audiences": [inquiry.asker_type] if inquiry.asker_type != AskerType.OTHER else [],
        "position": 100,
    }
    form = FaqDraftForm(request.POST or None, initial=initial, known_personal=known)
    if request.method == "POST" and form.is_valid():
        data = cleaned(form, FaqEntryData).copy()
        if "<" not in data["answer"]:
            from django.utils.html import linebreaks

            data["answer"] = linebreaks(data["answer"])
        entry = services.inquiry_faq_entry_create(inquiry=inquiry, data=data, by=request.user)
        messages.success(
            request, _("Der FAQ-Eintrag wurde angelegt. Übersetzungen können Sie jetzt ergänzen.")
        )
        return redirect("faq_staff:entry_edit", pk=entry.pk)
    return render(
        request,
        "inquiries/staff/faq_create.html",
        {"inquiry": inquiry, "form": form},
        status=400 if request.method == "POST" else 200,
    )

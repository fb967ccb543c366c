"""Back office for news, audience pages and the image library (BeKo team only)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from beko.accounts.permissions import AuthenticatedRequest, staff_required
from beko.core.images import ImageForm, image_delete, image_update
from beko.core.lib.cleaned import cleaned
from beko.core.models import Image

from . import selectors, services
from .forms import AudiencePageForm, CategoryForm, NewsForm, PublishForm
from .models import AudiencePage, Category, NewsItem


def _news_initial(item: NewsItem) -> dict[str, object]:
    return {
        "title": item.title_de,  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
        "teaser": item.teaser_de,  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
        "body": item.body_de,  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
        "kind": item.kind,
        "author_unit": item.author_unit,
        "categories": list(item.categories.all()),
        "tags": ", ".join(tag.name for tag in item.tags.all()),
        "lead_image": item.lead_image,
        "related_offer_ids": item.related_offer_ids,
        "related_event_ids": item.related_event_ids,
    }


@staff_required
def news_list(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    items = NewsItem.objects.select_related("lead_image").order_by("-updated_at")
    if status in NewsItem.Status.values:
        items = items.filter(status=status)
    page_obj = Paginator(items, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "news/staff/news_list.html",
        {
            "page_obj": page_obj,
            "status": status,
            "statuses": NewsItem.Status.choices,
            "query": f"status={status}" if status else "",
        },
    )


def _save_with_upload(
    request: AuthenticatedRequest, form: NewsForm, upload_form: ImageForm, item: NewsItem | None
) -> NewsItem:
    data = cleaned(form, services.NewsData).copy()
    with transaction.atomic():
        if upload_form.has_upload():
            data["lead_image"] = upload_form.save(by=request.user)
        if item is None:
            return services.news_create(data=data, by=request.user)
        return services.news_update(item=item, data=data, by=request.user)


@staff_required
def news_create(request: AuthenticatedRequest) -> HttpResponse:
    form = NewsForm(request.POST or None)
    upload_form = ImageForm(
        request.POST or None, request.FILES or None, required=False, prefix="lead"
    )
    if request.method == "POST" and form.is_valid() and upload_form.is_valid():
        item = _save_with_upload(request, form, upload_form, None)
        messages.success(request, _("Die Meldung wurde als Entwurf gespeichert."))
        return redirect("news_staff:news_edit", pk=item.pk)
    return render(
        request,
        "news/staff/news_form.html",
        {"form": form, "upload_form": upload_form, "item": None},
    )


@staff_required
def news_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(NewsItem, pk=pk)
    form = NewsForm(request.POST or None, initial=_news_initial(item))
    upload_form = ImageForm(
        request.POST or None, request.FILES or None, required=False, prefix="lead"
    )
    if request.method == "POST" and form.is_valid() and upload_form.is_valid():
        _save_with_upload(request, form, upload_form, item)
        messages.success(request, _("Die Meldung wurde gespeichert."))
        return redirect("news_staff:news_edit", pk=item.pk)
    return render(
        request,
        "news/staff/news_form.html",
        {
            "form": form,
            "upload_form": upload_form,
            "item": item,
            "publish_form": PublishForm(
                initial={"publish_at": item.publish_at} if item.publish_at else None
            ),
            "gallery": [entry.image for entry in item.gallery_entries.select_related("image")],
        },
    )


@staff_required
@require_POST
def news_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(NewsItem, pk=pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("publish_at", []):
            messages.error(request, str(error))
        return redirect("news_staff:news_edit", pk=item.pk)
    try:
        services.news_publish(item=item, by=request.user, at=form.cleaned_data.get("publish_at"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("news_staff:news_edit", pk=item.pk)
    if item.status == NewsItem.Status.SCHEDULED:
        messages.success(request, _("Die Meldung ist zur Veröffentlichung eingeplant."))
    else:
        messages.success(request, _("Die Meldung ist veröffentlicht."))
    return redirect("news_staff:news_edit", pk=item.pk)


@staff_required
@require_POST
def news_unpublish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(NewsItem, pk=pk)
    services.news_unpublish(item=item, by=request.user)
    messages.success(request, _("Die Meldung ist wieder ein Entwurf und nicht mehr öffentlich."))
    return redirect("news_staff:news_edit", pk=item.pk)


@staff_required
@require_POST
def news_archive(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(NewsItem, pk=pk)
    try:
        services.news_archive(item=item, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Die Meldung wurde archiviert."))
    return redirect("news_staff:news_edit", pk=item.pk)


@staff_required
def news_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(NewsItem, pk=pk)
    if request.method == "POST":
        services.news_delete(item=item)
        messages.success(request, _("Die Meldung wurde gelöscht."))
        return redirect("news_staff:news_list")
    return render(request, "news/staff/news_delete.html", {"item": item})


@staff_required
def gallery(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(NewsItem, pk=pk)
    upload_form = ImageForm(request.POST or None, request.FILES or None, prefix="gallery")
    if request.method == "POST" and upload_form.is_valid():
        with transaction.atomic():
            image = upload_form.save(by=request.user)
            services.gallery_add(item=item, image=image)
        messages.success(request, _("Das Bild wurde der Galerie hinzugefügt."))
        return redirect("news_staff:gallery", pk=item.pk)
    return render(
        request,
        "news/staff/gallery.html",
        {
            "item": item,
            "upload_form": upload_form,
            "gallery": [entry.image for entry in item.gallery_entries.select_related("image")],
        },
    )


@staff_required
@require_POST
def gallery_remove(request: AuthenticatedRequest, pk: int, image_id: int) -> HttpResponse:
    item = get_object_or_404(NewsItem, pk=pk)
    services.gallery_remove(item=item, image_id=image_id)
    messages.success(request, _("Das Bild wurde aus der Galerie entfernt."))
    return redirect("news_staff:gallery", pk=item.pk)


@staff_required
def categories(request: AuthenticatedRequest) -> HttpResponse:
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.category_create(name=form.cleaned_data["name"])
        except ValidationError as exc:
            form.add_error("name", exc)
        else:
            messages.success(request, _("Die Kategorie wurde angelegt."))
            return redirect("news_staff:categories")
    return render(
        request,
        "news/staff/categories.html",
        {"form": form, "categories": Category.objects.all()},
    )


@staff_required
def page_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "news/staff/page_list.html", {"pages": AudiencePage.objects.all()})


@staff_required
def page_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    page = get_object_or_404(AudiencePage, pk=pk)
    initial = {
        "title": page.title_de,  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
        "intro": page.intro_de,  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
        "body": page.body_de,  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
        "lead_image": page.lead_image,
    }
    form = AudiencePageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.audience_page_update(
            page=page, data=cleaned(form, services.AudiencePageData), by=request.user
        )
        messages.success(request, _("Die Seite wurde gespeichert."))
        return redirect("news_staff:page_list")
    return render(request, "news/staff/page_edit.html", {"page": page, "form": form})


@staff_required
def image_list(request: AuthenticatedRequest) -> HttpResponse:
    form = ImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        form.save(by=request.user)
        messages.success(request, _("Das Bild wurde hochgeladen."))
        return redirect("news_staff:image_list")
    page_obj = Paginator(Image.objects.all(), 24).get_page(request.GET.get("page"))
    return render(request, "news/staff/image_list.html", {"form": form, "page_obj": page_obj})


@staff_required
def image_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    image = get_object_or_404(Image, pk=pk)
    form = ImageForm(
        request.POST or None,
        initial={
            "alt_text": image.alt_text_de,  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
            "credit": image.credit,
            "caption": image.caption_de,  # type: ignore[attr-defined]  # modeltranslation adds the _de fields at run time
        },
    )
    form.fields["file"].required = False
    if request.method == "POST":
        if "delete" in request.POST:
            image_delete(image=image)
            messages.success(request, _("Das Bild wurde gelöscht."))
            return redirect("news_staff:image_list")
        if form.is_valid():
            image_update(
                image=image,
                alt_text=form.cleaned_data["alt_text"],
                credit=form.cleaned_data["credit"],
                caption=form.cleaned_data.get("caption", ""),
            )
            messages.success(request, _("Die Angaben zum Bild wurden gespeichert."))
            return redirect("news_staff:image_list")
    return render(request, "news/staff/image_edit.html", {"image": image, "form": form})


def _pick(
    request: AuthenticatedRequest, *, choices: list[tuple[int, str]], heading: str
) -> HttpResponse:
    """Search for the relation picker: JSON for the script, a plain page without JavaScript."""
    query = request.GET.get("q", "")[:100]
    matches = selectors.choices_matching(choices, query=query)
    if request.GET.get("format") == "json":
        return JsonResponse({"results": [{"id": pk, "label": label} for pk, label in matches]})
    context = {"heading": heading, "query": query, "matches": matches}
    return render(request, "news/staff/pick.html", context)


@staff_required
@require_GET
def pick_offers(request: AuthenticatedRequest) -> HttpResponse:
    return _pick(request, choices=selectors.offer_choices(), heading=_("Angebote suchen"))


@staff_required
@require_GET
def pick_events(request: AuthenticatedRequest) -> HttpResponse:
    return _pick(request, choices=selectors.event_choices(), heading=_("Veranstaltungen suchen"))

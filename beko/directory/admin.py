"""Django admin (admins only): a fallback for data repairs; everyday work uses /intern/directory/."""

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from beko.core import search
from beko.core.services import content_changed

from . import services
from .models import (
    Category,
    District,
    ImportJob,
    Language,
    Location,
    Offer,
    OfferChange,
    OfferReport,
    Organisation,
)


class ReindexesOffersAdmin(admin.ModelAdmin):
    """Admin edits bypass the services; the offers' search documents follow here instead
    (organisation name and visibility, addresses and term names are indexed)."""

    relation = ""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        services.related_changed(relation=self.relation, pk=obj.pk)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        affected = services.offers_related_to(relation=self.relation, pk=obj.pk)
        super().delete_model(request, obj)
        services.offers_reindex_later(offer_ids=affected)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        affected = {
            pk
            for obj in queryset
            for pk in services.offers_related_to(relation=self.relation, pk=obj.pk)
        }
        super().delete_queryset(request, queryset)
        services.offers_reindex_later(offer_ids=sorted(affected))


@admin.register(Organisation)
class OrganisationAdmin(ReindexesOffersAdmin):
    relation = "organisation"
    list_display = ["name", "kind", "is_public"]
    list_filter = ["kind", "is_public"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "status", "last_verified_at"]
    list_filter = ["status", "categories"]
    search_fields = ["title", "organisation__name"]
    raw_id_fields = ["organisation", "verified_by"]
    filter_horizontal = ["categories", "languages", "locations"]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # After the many-to-many fields are saved: they are part of the search document.
        super().save_related(request, form, formsets, change)
        # In the request, not as a job: an offer archived here leaves the public site with
        # the save (its window), like with the services.
        services.offers_reindex(queryset=Offer.objects.filter(pk=form.instance.pk))
        content_changed()

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        pk = obj.pk
        with transaction.atomic():
            super().delete_model(request, obj)
            search.index_remove(model=Offer, object_id=pk)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        pks = list(queryset.values_list("pk", flat=True))
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            for pk in pks:
                search.index_remove(model=Offer, object_id=pk)


@admin.register(Location)
class LocationAdmin(ReindexesOffersAdmin):
    relation = "location"
    list_display = ["street", "postal_code", "district", "organisation"]
    list_filter = ["district"]
    raw_id_fields = ["organisation"]


@admin.register(Category)
class CategoryAdmin(ReindexesOffersAdmin):
    relation = "category"


@admin.register(District)
class DistrictAdmin(ReindexesOffersAdmin):
    relation = "district"


@admin.register(Language)
class LanguageAdmin(ReindexesOffersAdmin):
    relation = "language"


@admin.register(OfferChange, OfferReport, ImportJob)
class ReadMostlyAdmin(admin.ModelAdmin):
    date_hierarchy = None

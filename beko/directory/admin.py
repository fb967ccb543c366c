"""Django admin (admins only): a fallback for data repairs; everyday work uses /intern/directory/."""

from django.contrib import admin

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


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
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


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["street", "postal_code", "district", "organisation"]
    list_filter = ["district"]
    raw_id_fields = ["organisation"]


admin.site.register([Category, District, Language])


@admin.register(OfferChange, OfferReport, ImportJob)
class ReadMostlyAdmin(admin.ModelAdmin):
    date_hierarchy = None

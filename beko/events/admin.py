from django.contrib import admin

from .models import Event, NetworkContact, Registration, Venue


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "street", "district"]
    search_fields = ["name", "street"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "status", "starts_at"]
    list_filter = ["status", "category"]
    search_fields = ["title_de"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    # Personal data: read in the back office, never edited here.
    list_display = ["event", "status", "created_at", "checked_in_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in Registration._meta.fields]


@admin.register(NetworkContact)
class NetworkContactAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "legal_basis"]

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import permissions
from .models import User


def _admin_has_permission(request: HttpRequest) -> bool:
    # Django would let every `is_staff` account in; we allow the admin role only, decided in
    # the permissions module like every other role check.
    return permissions.can_use_django_admin(request.user)


def _admin_login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    """The admin has no login form of its own: one login page for everybody (ours).

    Signed-in users without the admin role get 403 instead of a second login form.
    """
    if request.user.is_authenticated:
        if _admin_has_permission(request):
            return redirect("admin:index")
        raise PermissionDenied
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


admin.site.has_permission = _admin_has_permission  # type: ignore[method-assign]
admin.site.login = _admin_login  # type: ignore[method-assign]
admin.site.site_header = _("BeKo – technische Administration")
admin.site.site_title = _("BeKo-Administration")
admin.site.index_title = _("Verwaltung")
admin.site.site_url = "/intern/"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "role", "organisation", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("username", "email", "first_name", "last_name")
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("Rolle"), {"fields": ("role", "organisation", "other_organisations")}),
    )
    filter_horizontal = ("other_organisations", *BaseUserAdmin.filter_horizontal)

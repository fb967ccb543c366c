"""The one place that answers "may this user do that?". Every app asks here.

Roles (see accounts.models.Role):
- staff: the BeKo team, everything in the back office;
- partner: editors of one organisation, only that organisation's offers and events;
- admin: staff rights plus the Django admin.
Anonymous and inactive users have no role.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from .models import Role, User


class AuthenticatedRequest(HttpRequest):
    """The request of a view behind `staff_required`, `backoffice_required` or `admin_required`.

    The decorators let only logged-in users through, so `request.user` is a `User`: annotate
    such views with this type (django-stubs' way) instead of narrowing the user in each view.
    """

    user: User


# Views may answer with any response: a page, a redirect, a streamed file.
ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])


def _active(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_admin(user: Any) -> bool:
    return _active(user) and (user.is_superuser or user.role == Role.ADMIN)


def is_staff_member(user: Any) -> bool:
    """BeKo team or admin."""
    return _active(user) and (is_admin(user) or user.role == Role.STAFF)


def is_partner_editor(user: Any) -> bool:
    return _active(user) and user.role == Role.PARTNER and user.organisation_id is not None


def partner_organisation_ids(user: Any) -> frozenset[int]:
    """The organisations a partner editor edits: their own plus any further ones.

    Read once per user object (one query), so permission checks in a loop stay cheap.
    """
    if not is_partner_editor(user):
        return frozenset()
    cached = getattr(user, "_beko_partner_organisation_ids", None)
    if cached is None:
        others = user.other_organisations.values_list("pk", flat=True)
        cached = frozenset({user.organisation_id, *others})
        user._beko_partner_organisation_ids = cached
    return cached


def can_use_backoffice(user: Any) -> bool:
    """May open the back office at all (staff pages or the partner's own area)."""
    return is_staff_member(user) or is_partner_editor(user)


def can_edit_organisation(user: Any, organisation_id: int | None) -> bool:
    """Staff edit every organisation; a partner editor only their own."""
    if is_staff_member(user):
        return True
    return organisation_id is not None and organisation_id in partner_organisation_ids(user)


def needs_approval(user: Any) -> bool:
    """Partner changes go live only after staff approval; staff publish directly."""
    return not is_staff_member(user)


def can_use_django_admin(user: Any) -> bool:
    return is_admin(user)


def needs_second_factor(user: Any) -> bool:
    """Staff and admins must use two-factor authentication; partners once they set it up."""
    if is_staff_member(user):
        return True
    if not _active(user):
        return False
    from django_otp import user_has_device

    return bool(user_has_device(user))


def second_factor_pending(request: HttpRequest) -> bool:
    """Logged in with the password, but the second factor is still missing in this session."""
    user = request.user
    if not _active(user):
        return False
    # Without django-otp's middleware there is no proof of a second factor: fail closed.
    is_verified = getattr(user, "is_verified", None)
    verified = bool(is_verified()) if is_verified is not None else False
    return not verified and needs_second_factor(user)


def _guard(check: Callable[[Any], bool]) -> Callable[[ViewFunc], ViewFunc]:
    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            if second_factor_pending(request):
                from .two_factor import redirect_to_second_factor

                return redirect_to_second_factor(request)
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]  # functools.wraps keeps the view's signature

    return decorator


# Anonymous users are sent to the login page; logged-in users without the role get 403.
staff_required = _guard(is_staff_member)
backoffice_required = _guard(can_use_backoffice)
admin_required = _guard(is_admin)

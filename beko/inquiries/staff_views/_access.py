"""The one access helper of the inquiry back office."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from beko.accounts.permissions import AuthenticatedRequest

from .. import selectors
from ..models import Inquiry


def inquiry_for(request: AuthenticatedRequest, pk: int) -> Inquiry:
    """A user-scoped queryset, so strangers get 404."""
    return get_object_or_404(selectors.inquiries_visible_to(user=request.user), pk=pk)

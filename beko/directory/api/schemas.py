"""The directory API's input and output schemas (the OpenAPI document is made from these)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema

from beko.core.vocabulary import AUDIENCE_ALIASES, RESIDENCE_STATUS_ALIASES

from ..models import ResidenceStatus, TargetGroup


def _slug() -> Any:
    return Field(default=None, max_length=100, pattern=r"^[-a-zA-Z0-9_]+$")


class ProblemOut(Schema):
    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, Any]] | None = None


class CategoryOut(Schema):
    slug: str
    name: str
    parent: str | None = None


class DistrictOut(Schema):
    slug: str
    name: str
    latitude: float | None = None
    longitude: float | None = None


class LanguageOut(Schema):
    code: str
    name: str
    native_name: str


class LocationOut(Schema):
    id: int
    organisation_id: int
    name: str
    street: str
    postal_code: str
    city: str
    district: str
    latitude: float | None = None
    longitude: float | None = None
    accessibility_notes: str
    transit_hint: str
    openstreetmap_url: str


class OrganisationRef(Schema):
    id: int
    slug: str
    name: str


class OrganisationOut(OrganisationRef):
    kind: str
    short_description: str
    description: str
    website: str
    email: str
    phone: str
    offer_count: int
    url: str


class OpeningHoursOut(Schema):
    weekday: int = Field(..., description="0 = Montag … 6 = Sonntag")
    opens: str
    closes: str


class OfferOut(Schema):
    id: int
    title: str
    summary: str
    description: str
    url: str
    organisation: OrganisationRef
    categories: list[CategoryOut]
    languages: list[str] = Field(..., description="ISO 639 codes")
    target_groups: list[str]
    residence_statuses: list[str] = Field(..., description="empty = open to every residence status")
    is_free: bool
    cost: str
    registration_required: bool
    on_site: bool
    online: bool
    by_phone: bool
    wheelchair_accessible: bool
    hearing_loop: bool
    sign_language: bool
    childcare: bool
    contact_name: str
    contact_email: str
    contact_phone: str
    opening_hours: list[OpeningHoursOut]
    schedule_note: str
    locations: list[LocationOut]
    valid_from: date | None = None
    valid_until: date | None = None
    last_verified_at: datetime | None = None


class OfferSummaryOut(Schema):
    """The compact list item (`view=summary`): enough for a result list or a map."""

    id: int
    title: str
    summary: str
    url: str
    organisation: OrganisationRef
    categories: list[str] = Field(..., description="category slugs")
    districts: list[str] = Field(..., description="Stadtbezirke of the offer's locations")
    is_free: bool
    wheelchair_accessible: bool
    last_verified_at: datetime | None = None


class FacetValueOut(Schema):
    value: str
    label: str
    count: int


class FacetsOut(Schema):
    category: list[FacetValueOut]
    district: list[FacetValueOut]
    language: list[FacetValueOut]
    target_group: list[FacetValueOut]
    residence_status: list[FacetValueOut]
    free: int
    accessible: int
    childcare: int
    open_now: int


class OfferPageOut(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int
    next: str | None = None
    previous: str | None = None
    corrections: dict[str, str] = Field(
        default_factory=dict, description="typed word → corrected index term"
    )
    suggestion: str = Field(
        default="", description="the query with typos corrected („Meinten Sie …?“), else empty"
    )
    searched: list[str] = Field(
        default_factory=list,
        description="German words searched for when the query was in another language",
    )
    relaxed: bool = Field(
        default=False,
        description="nothing matched every word; results match most of the words",
    )
    facets: FacetsOut | None = None
    results: list[OfferOut] | list[OfferSummaryOut] = Field(
        ..., description="full items, or compact ones with `view=summary`"
    )


class OfferQuery(Schema):
    q: str | None = Field(
        default=None,
        max_length=200,
        description="Volltextsuche: deutsch, mit Tippfehlern und Komposita; Fragen auf en, ar, fa, uk, tr, ru werden über das Begriffswörterbuch ins Deutsche übertragen",
    )
    category: str | None = _slug()
    district: str | None = _slug()
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$")
    # Literals built from the model's choices at import time, so the OpenAPI document lists
    # the allowed values; mypy cannot evaluate a Literal made at run time.
    # The shared codes (beko.core.vocabulary); the former `professionals` and `para24` are
    # still understood (they mean `counselling` and `temporary_protection`).
    target_group: Literal[(*TargetGroup.values, *AUDIENCE_ALIASES)] | None = None  # type: ignore[valid-type]  # see above
    residence_status: Literal[(*ResidenceStatus.values, *RESIDENCE_STATUS_ALIASES)] | None = None  # type: ignore[valid-type]  # see above
    organisation: str | None = _slug()
    free: bool = False
    accessible: bool = False
    childcare: bool = False
    open_now: bool = False
    sort: Literal["relevance", "name", "verified"] | None = None
    page: int = Field(default=1, ge=1, le=100_000)
    page_size: int = Field(default=20, ge=1, le=100)
    facets: bool = Field(default=False, description="facet counts in the response")
    view: Literal["full", "summary"] = Field(
        default="full",
        description="summary: compact items (id, title, summary, url, organisation, category "
        "and district slugs, free, wheelchair access, verification date), a fifth of the bytes",
    )


class PageQuery(Schema):
    page: int = Field(default=1, ge=1, le=100_000)
    page_size: int = Field(default=50, ge=1, le=100)


class OrganisationPageOut(Schema):
    count: int
    page: int
    num_pages: int
    results: list[OrganisationOut]


class LocationQuery(PageQuery):
    district: str | None = _slug()


class LocationPageOut(Schema):
    count: int
    page: int
    num_pages: int
    results: list[LocationOut]

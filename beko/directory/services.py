"""Writes of the directory. Every change to an offer goes through here: it is recorded in the
offer's history and the search index is brought up to date in the same transaction."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from beko.accounts.permissions import can_edit_organisation, needs_approval
from beko.core import search
from beko.core.services import content_changed

from .models import (
    Category,
    District,
    Language,
    Location,
    LocationChange,
    Offer,
    OfferChange,
    OfferReport,
    OfferRevision,
    OpeningHours,
    Organisation,
    encode_choices,
)

if TYPE_CHECKING:
    from beko.accounts.models import User

logger = logging.getLogger(__name__)

# Fields a form or import may set directly (translations go through the core translation UI).
SCALAR_FIELDS = (
    "title", "summary", "description", "is_free", "cost", "registration_required",
    "contact_name", "contact_email", "contact_phone", "schedule_note", "wheelchair_accessible",
    "hearing_loop", "sign_language", "childcare", "on_site", "online", "by_phone", "valid_from",
    "valid_until", "status",
)  # fmt: skip
RELATION_FIELDS = ("categories", "languages", "locations")
CHOICE_FIELDS = ("target_groups", "residence_statuses")


class OfferData(TypedDict, total=False):
    """An offer's editable fields as `OfferForm` cleans them; absent keys stay as they are.

    Stored proposals and history hold the JSON form of this (`normalise_data`): ids instead
    of models, ISO dates and "HH:MM" times.
    """

    title: str
    summary: str
    description: str
    is_free: bool
    cost: str
    registration_required: bool
    contact_name: str
    contact_email: str
    contact_phone: str
    schedule_note: str
    wheelchair_accessible: bool
    hearing_loop: bool
    sign_language: bool
    childcare: bool
    on_site: bool
    online: bool
    by_phone: bool
    valid_from: date | None
    valid_until: date | None
    status: str  # Offer.Status
    categories: Iterable[Category | int]
    languages: Iterable[Language | int]
    locations: Iterable[Location | int]
    target_groups: Iterable[str]  # TargetGroup codes
    residence_statuses: Iterable[str]  # ResidenceStatus codes
    opening_hours: Iterable[tuple[int, str | time, str | time]]  # weekday 0 = Monday


class LocationData(TypedDict, total=False):
    """A place's fields as `LocationForm` cleans them; absent text fields become empty."""

    name: str
    street: str
    postal_code: str
    city: str
    district: District | int | None
    latitude: Decimal | str | None
    longitude: Decimal | str | None
    accessibility_notes: str
    transit_hint: str


# Snapshots, proposals and history entries are JSON (JSONField values): dict[str, Any].


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return sorted(_jsonable(v) for v in value)
    if hasattr(value, "pk"):
        return value.pk
    return value


def offer_snapshot(offer: Offer) -> dict[str, Any]:
    """The editable state of an offer as plain JSON (for history and review diffs)."""
    data: dict[str, Any] = {name: _jsonable(getattr(offer, name)) for name in SCALAR_FIELDS}
    data["target_groups"] = offer.target_group_list()
    data["residence_statuses"] = offer.residence_status_list()
    if offer.pk:
        data["categories"] = sorted(c.pk for c in offer.categories.all())
        data["languages"] = sorted(lang.pk for lang in offer.languages.all())
        data["locations"] = sorted(loc.pk for loc in offer.locations.all())
        data["opening_hours"] = [
            [h.weekday, h.opens.strftime("%H:%M"), h.closes.strftime("%H:%M")]
            for h in offer.opening_hours.all()
        ]
    return data


def normalise_data(offer_data: OfferData) -> dict[str, Any]:
    """Cleaned form/API data -> JSON snapshot shape (model instances become ids)."""
    data: Mapping[str, Any] = offer_data  # read by field name below
    result: dict[str, Any] = {}
    for name in SCALAR_FIELDS:
        if name in data:
            result[name] = _jsonable(data[name])
    for name in (*RELATION_FIELDS, *CHOICE_FIELDS):
        if name in data:
            result[name] = _jsonable(list(data[name]))
    if "opening_hours" in data:
        result["opening_hours"] = [
            [int(d), _jsonable(o)[:5], _jsonable(c)[:5]] for d, o, c in data["opening_hours"]
        ]
    return result


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}


def _apply(offer: Offer, data: dict[str, Any]) -> None:
    for name in SCALAR_FIELDS:
        if name in data:
            value = data[name]
            if name in ("valid_from", "valid_until") and isinstance(value, str):
                value = date.fromisoformat(value) if value else None
            setattr(offer, name, value)
    if "target_groups" in data:
        offer.target_groups = encode_choices(data["target_groups"])
    if "residence_statuses" in data:
        offer.residence_statuses = encode_choices(data["residence_statuses"])
    offer.save()
    if "categories" in data:
        offer.categories.set(Category.objects.filter(pk__in=data["categories"]))
    if "languages" in data:
        offer.languages.set(Language.objects.filter(pk__in=data["languages"]))
    if "locations" in data:
        offer.locations.set(
            Location.objects.filter(pk__in=data["locations"], organisation_id=offer.organisation_id)
        )
    if "opening_hours" in data:
        offer.opening_hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(
                offer=offer, weekday=d, opens=time.fromisoformat(o), closes=time.fromisoformat(c)
            )
            for d, o, c in data["opening_hours"]
        )


def _reindex(offer: Offer) -> None:
    """The offer's public window and search document, in the transaction of the change."""
    fresh = (
        Offer.objects.select_related("organisation")
        .prefetch_related("categories", "languages", "locations__district")
        .get(pk=offer.pk)
    )
    offers_rewindow(offers=[fresh])
    # The caller's instance too: a later full save() of it must not write the old window.
    offer.public_from, offer.public_until = fresh.public_from, fresh.public_until
    search.index_update(obj=fresh)
    content_changed()


def offers_rewindow(*, offers: Iterable[Offer]) -> int:
    """Store each offer's public window (search.public_columns: the rule of its search
    document) where it changed; `offers` come with their organisation. Returns the count.

    Every change to an input of the rule (status, validity, verification, the
    organisation's visibility, the freshness settings) ends here, through `_reindex`,
    `offers_reindex` (imports, the re-index job) or `manage.py offers_rewindow`.
    """
    from .search import public_columns

    changed = []
    for offer in offers:
        columns = public_columns(offer)
        if (offer.public_from, offer.public_until) != columns:
            offer.public_from, offer.public_until = columns
            changed.append(offer)
    Offer.objects.bulk_update(changed, ["public_from", "public_until"], batch_size=500)
    return len(changed)


def _record(offer: Offer, action: str, changes: dict[str, Any], by: User | None) -> None:
    """One history entry; `by` None: the system (reminders, hiding stale offers)."""
    OfferRevision.objects.create(offer=offer, action=action, changes=changes, by=by)


@transaction.atomic
def offer_create(*, organisation: Organisation, data: OfferData, by: User) -> Offer | OfferChange:
    """Staff create directly (verified now); a partner's new offer waits for approval."""
    if not can_edit_organisation(by, organisation.pk):
        raise PermissionError("not allowed to edit this organisation")
    values = normalise_data(data)
    if needs_approval(by):
        return OfferChange.objects.create(organisation=organisation, data=values, proposed_by=by)
    offer = Offer(organisation=organisation, last_verified_at=timezone.now(), verified_by=by)
    _apply(offer, values)
    _record(offer, "created", diff({}, values), by)
    _reindex(offer)
    return offer


@transaction.atomic
def offer_update(*, offer: Offer, data: OfferData, by: User) -> Offer | OfferChange:
    """Staff changes go live at once; a partner's become a pending OfferChange."""
    if not can_edit_organisation(by, offer.organisation_id):
        raise PermissionError("not allowed to edit this organisation")
    values = normalise_data(data)
    old = offer_snapshot(offer)
    changes = diff(old, values)
    if needs_approval(by):
        # One pending proposal per offer: a new one replaces the older.
        OfferChange.objects.filter(offer=offer, state=OfferChange.State.PENDING).delete()
        return OfferChange.objects.create(
            offer=offer, organisation_id=offer.organisation_id, data=values, proposed_by=by
        )
    if changes:
        _apply(offer, values)
        # Editing by staff counts as verification.
        offer.last_verified_at = timezone.now()
        offer.verified_by = by
        offer.save(update_fields=["last_verified_at", "verified_by", "updated_at"])
        _record(offer, "updated", changes, by)
        _reindex(offer)
    return offer


def change_diff(change: OfferChange) -> dict[str, list[Any]]:
    old = offer_snapshot(change.offer) if change.offer else {}
    return diff(old, change.data)


@transaction.atomic
def offer_change_approve(*, change: OfferChange, by: User) -> Offer:
    change = OfferChange.objects.select_for_update().get(pk=change.pk)
    if change.state != OfferChange.State.PENDING:
        raise ValueError("change already decided")
    if change.offer is None:
        offer = Offer(organisation=change.organisation)
        changes = diff({}, change.data)
        action = "created"
    else:
        offer = change.offer
        changes = change_diff(change)
        action = "updated"
    _apply(offer, change.data)
    offer.last_verified_at = timezone.now()
    offer.verified_by = change.proposed_by
    offer.save(update_fields=["last_verified_at", "verified_by", "updated_at"])
    change.offer = offer
    change.state = OfferChange.State.APPROVED
    change.decided_by = by
    change.decided_at = timezone.now()
    change.save()
    _record(offer, action, {**changes, "_proposed_by": [None, change.proposed_by_id]}, by)
    _reindex(offer)
    return offer


@transaction.atomic
def offer_change_reject(*, change: OfferChange, by: User, note: str = "") -> OfferChange:
    change = OfferChange.objects.select_for_update().get(pk=change.pk)
    if change.state != OfferChange.State.PENDING:
        raise ValueError("change already decided")
    change.state = OfferChange.State.REJECTED
    change.decided_by = by
    change.decided_at = timezone.now()
    change.decision_note = note[:500]
    change.save()
    return change


LOCATION_FIELDS = (
    "name", "street", "postal_code", "city", "district",
    "latitude", "longitude", "accessibility_notes", "transit_hint",
)  # fmt: skip


def _location_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """Form data as JSON: the district by key, coordinates as strings (exact decimals)."""
    values: dict[str, Any] = {}
    for field in LOCATION_FIELDS:
        value = data.get(field)
        if field == "district":
            values[field] = getattr(value, "pk", value)
        elif field in {"latitude", "longitude"}:
            values[field] = None if value in (None, "") else f"{Decimal(value):.6f}"
        else:
            values[field] = value or ""
    return values


def location_snapshot(location: Location) -> dict[str, Any]:
    return _location_values({f: getattr(location, f) for f in LOCATION_FIELDS})


def location_change_diff(change: LocationChange) -> dict[str, list[Any]]:
    return diff(location_snapshot(change.location), change.data)


def _location_apply(location: Location, values: dict[str, Any]) -> Location:
    for field, value in values.items():
        setattr(location, "district_id" if field == "district" else field, value)
    location.full_clean()
    location.save()
    related_changed(relation="location", pk=location.pk)
    return location


@transaction.atomic
def location_save(*, location: Location, data: LocationData, by: User) -> Location | LocationChange:
    """Staff save at once. A partner's new place is saved too (it is public only through an
    offer, and linking it to one is a reviewed offer change); a partner's edit of an existing
    place waits for approval, like an offer edit, because every public offer there shows it."""
    if not can_edit_organisation(by, location.organisation_id):
        raise PermissionError("not allowed to edit this organisation")
    values = _location_values(data)
    if location.pk and needs_approval(by):
        LocationChange.objects.filter(
            location=location, state=LocationChange.State.PENDING
        ).delete()
        return LocationChange.objects.create(location=location, data=values, proposed_by=by)
    return _location_apply(location, values)


@transaction.atomic
def location_change_decide(
    *, change: LocationChange, approve: bool, by: User, note: str = ""
) -> LocationChange:
    change = LocationChange.objects.select_for_update().get(pk=change.pk)
    if change.state != LocationChange.State.PENDING:
        raise ValueError("change already decided")
    if approve:
        _location_apply(change.location, change.data)
    change.state = LocationChange.State.APPROVED if approve else LocationChange.State.REJECTED
    change.decided_by = by
    change.decided_at = timezone.now()
    change.decision_note = note[:500]
    change.save()
    return change


@transaction.atomic
def offer_verify(*, offer: Offer, by: User) -> Offer:
    """ "Still correct": resets the freshness clock (also from the signed e-mail link)."""
    offer.last_verified_at = timezone.now()
    offer.verified_by = by
    offer.reminder_sent_at = None
    offer.save(update_fields=["last_verified_at", "verified_by", "reminder_sent_at", "updated_at"])
    _record(offer, "verified", {}, by)
    _reindex(offer)  # the search index holds the freshness limit (visibility window)
    return offer


@transaction.atomic
def offer_set_status(*, offer: Offer, status: str, by: User) -> Offer:
    if not can_edit_organisation(by, offer.organisation_id) or needs_approval(by):
        raise PermissionError("only staff change the status directly")
    old = offer.status
    offer.status = status
    offer.save(update_fields=["status", "updated_at"])
    _record(offer, "status", {"status": [old, status]}, by)
    _reindex(offer)
    return offer


def offer_report_create(*, offer: Offer, message: str, email: str = "") -> OfferReport:
    report = OfferReport.objects.create(offer=offer, message=message.strip(), email=email.strip())
    logger.info("directory.report", extra={"offer": offer.pk, "report": report.pk})
    return report


def offer_report_close(*, report: OfferReport, by: User) -> OfferReport:
    report.state = OfferReport.State.DONE
    report.closed_by = by
    report.save(update_fields=["state", "closed_by"])
    return report


def offers_reindex(*, queryset: QuerySet[Offer] | None = None) -> int:
    """Re-window and re-index offers in bulk (demo data, imports, generate_offers, the job
    after a related record changed, `manage.py offers_rewindow`)."""
    from .search import prefetched_for_index

    items = prefetched_for_index(queryset if queryset is not None else Offer.objects.all())
    written = 0
    batch: list[Offer] = []
    for offer in items.iterator(chunk_size=2000):
        batch.append(offer)
        if len(batch) == 2000:
            offers_rewindow(offers=batch)
            written += search.index_objects(objects=batch)
            batch = []
    if batch:
        offers_rewindow(offers=batch)
        written += search.index_objects(objects=batch)
    return written


# Records whose fields an offer's search document shows (directory/search.py), and the
# path from an offer to them.
INDEXED_RELATIONS = {
    "organisation": "organisation",
    "location": "locations",
    "category": "categories",
    "district": "locations__district",
    "language": "languages",
}


def offers_related_to(*, relation: str, pk: int) -> list[int]:
    """Ids of the offers whose search documents show the `relation` record `pk`."""
    lookup = INDEXED_RELATIONS[relation]
    return list(
        Offer.objects.filter(**{lookup: pk}).order_by().values_list("pk", flat=True).distinct()
    )


def offers_reindex_later(*, offer_ids: list[int]) -> None:
    """Re-index `offer_ids` once the current transaction commits, as a background job:
    renaming a category touches thousands of offers, too many for one web request."""
    from .tasks import offers_reindex_run

    if offer_ids:
        transaction.on_commit(lambda: offers_reindex_run.enqueue(offer_ids=offer_ids))


def related_changed(*, relation: str, pk: int) -> None:
    """An organisation (name, public or not), location (address, district) or vocabulary
    term (name) changed: the offers showing it get fresh search documents and windows."""
    if relation == "organisation" and not (
        Organisation.objects.filter(pk=pk, is_public=True).exists()
    ):
        # Hiding never waits for the job: should it be late or fail, the offers of a hidden
        # organisation must not stay public. (Showing them again may wait: that errs on the
        # hidden side.) The job after commit re-windows them all the same. Their search
        # documents go too, so result counts and facets drop them at once as well.
        hidden = Offer.objects.filter(organisation_id=pk)
        search.index_remove_many(model=Offer, object_ids=hidden.values_list("pk", flat=True))
        hidden.update(public_from=None, public_until=None)
    content_changed()
    offers_reindex_later(offer_ids=offers_related_to(relation=relation, pk=pk))


def freshness_check(*, now: datetime | None = None) -> dict[str, int]:
    """Daily job: remind partners of stale offers, tell staff about newly hidden ones.

    Stale = not verified for BEKO_DIRECTORY_STALE_DAYS: one reminder e-mail per offer with a
    signed "still correct" link. Another BEKO_DIRECTORY_HIDE_AFTER_DAYS later the offer drops
    out of the public list (the end of its public window, see selectors.offers_public); staff
    get one note.
    """
    from datetime import timedelta

    from django.conf import settings
    from django.core.mail import send_mail
    from django.db.models import Q
    from django.template.loader import render_to_string
    from django.urls import reverse

    from beko.accounts.models import Role, User

    from .selectors import visibility_cutoff
    from .tokens import verify_token_for

    now = now or timezone.now()
    stale_cutoff = now - timedelta(days=settings.BEKO_DIRECTORY_STALE_DAYS)
    hidden_cutoff = visibility_cutoff(now=now)
    published = Offer.objects.filter(status=Offer.Status.PUBLISHED).select_related("organisation")
    unverified = Q(last_verified_at__lt=stale_cutoff) | Q(
        last_verified_at__isnull=True, created_at__lt=stale_cutoff
    )
    reminded = 0
    for offer in published.filter(unverified, reminder_sent_at__isnull=True):
        editors = list(
            User.objects.filter(role=Role.PARTNER, is_active=True)
            .filter(
                Q(organisation_id=offer.organisation_id)
                | Q(other_organisations=offer.organisation_id)
            )
            .distinct()
            .order_by("pk")
        )
        recipients = [u.email for u in editors if u.email] or (
            [offer.organisation.email] if offer.organisation.email else []
        )
        if recipients:
            token = verify_token_for(offer=offer, user=editors[0] if editors else None)
            link = settings.SITE_URL + reverse(
                "directory:offer_verify_link", kwargs={"token": token}
            )
            body = render_to_string(
                "emails/directory_freshness_reminder.txt", {"offer": offer, "link": link}
            )
            send_mail(f"Bitte prüfen: {offer.title}", body, None, recipients)
        offer.reminder_sent_at = now
        offer.save(update_fields=["reminder_sent_at"])
        _record(offer, "reminder_sent", {"recipients": [None, len(recipients)]}, None)
        reminded += 1
    hidden_q = Q(last_verified_at__lt=hidden_cutoff) | Q(
        last_verified_at__isnull=True, created_at__lt=hidden_cutoff
    )
    newly_hidden = list(published.filter(hidden_q).exclude(revisions__action="hidden_stale"))
    for offer in newly_hidden:
        _record(offer, "hidden_stale", {}, None)
    if newly_hidden:
        staff = list(
            User.objects.filter(role__in=[Role.STAFF, Role.ADMIN], is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if staff:
            titles = "\n".join(f"- {o.title} ({o.organisation.name})" for o in newly_hidden[:50])
            send_mail(
                f"{len(newly_hidden)} Angebote nicht mehr öffentlich (veraltet)",
                f"Diese Angebote wurden zu lange nicht bestätigt und sind ausgeblendet:\n\n{titles}\n\n"
                f"Übersicht: {settings.SITE_URL}{reverse('directory_staff:dashboard')}",
                None,
                staff,
            )
    logger.info("directory.freshness", extra={"reminded": reminded, "hidden": len(newly_hidden)})
    return {"reminded": reminded, "hidden": len(newly_hidden)}


def organisation_ensure(*, slug: str, name: str, kind: str) -> Organisation:
    """The organisation with this slug, created with `name` and `kind` if missing (demo data
    of other apps). Re-indexes nothing: a new organisation has no offers yet."""
    organisation, _created = Organisation.objects.get_or_create(
        slug=slug, defaults={"name": name, "kind": kind}
    )
    return organisation

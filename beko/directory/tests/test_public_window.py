"""The precomputed public window (Offer.public_from/public_until) against the rule it replaced.

`old_rule` is the expression `offers_public()` evaluated per row until the window columns
existed, kept here as the oracle. Every scenario ends by comparing the two on both sides of
every boundary of every offer (one microsecond before, at, one after): the start of the
valid_from day, the end of the valid_until day (Europe/Berlin), the freshness cutoff.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from beko.core import search
from beko.directory import services
from beko.directory.models import Offer, OfferChange, Organisation
from beko.directory.selectors import offers_public, organisations_public

from .test_import_export import HEADER, _row, _upload

MICRO = timedelta(microseconds=1)


def _hide_days() -> int:
    return settings.BEKO_DIRECTORY_STALE_DAYS + settings.BEKO_DIRECTORY_HIDE_AFTER_DAYS


def old_rule(now: datetime) -> QuerySet[Offer]:
    """offers_public() before the window columns: the rule re-derived per row and a join."""
    today = timezone.localdate(now)
    cutoff = now - timedelta(days=_hide_days())
    return Offer.objects.filter(
        Q(last_verified_at__gte=cutoff) | Q(last_verified_at__isnull=True, created_at__gte=cutoff),
        Q(valid_from__isnull=True) | Q(valid_from__lte=today),
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        status=Offer.Status.PUBLISHED,
        organisation__is_public=True,
    )


def _boundaries(offer: Offer) -> list[datetime]:
    """Where the old rule can flip for this offer, computed from its fields alone."""
    local = ZoneInfo(settings.TIME_ZONE)
    found = [(offer.last_verified_at or offer.created_at) + timedelta(days=_hide_days())]
    if offer.valid_from:
        found.append(datetime.combine(offer.valid_from, time.min, tzinfo=local))
    if offer.valid_until:
        found.append(
            datetime.combine(offer.valid_until + timedelta(days=1), time.min, tzinfo=local)
        )
    return found


def assert_same_as_old_rule(*, at: datetime | None = None) -> set[int]:
    """Both rules agree at `at` (default now) and around every boundary of every offer;
    returns the offers public at `at` (callers check the scenario did something)."""
    now = at or timezone.now()
    moments = {now}
    for offer in Offer.objects.all():
        for boundary in _boundaries(offer):
            moments |= {boundary - MICRO, boundary, boundary + MICRO}
    flipped = set()
    for local_moment in sorted(moments):
        # As an instant in UTC, like timezone.now(): arithmetic on a Europe/Berlin datetime is
        # wall-clock arithmetic, so `moment - 180 days` across a DST change would be an hour
        # off in the oracle (it failed between 21:00 and 23:00 UTC in winter).
        moment = local_moment.astimezone(UTC)
        new = set(offers_public(now=moment).values_list("pk", flat=True))
        old = set(old_rule(moment).values_list("pk", flat=True))
        assert new == old, (moment, new ^ old)
        flipped |= new
    assert flipped  # some offer was public at some moment: the comparison saw both sides
    return set(old_rule(now).values_list("pk", flat=True))


@pytest.fixture
def boundary_offers(make_offer: Any, other_organisation: Organisation) -> dict[str, Offer]:
    now = timezone.now()
    today = timezone.localdate(now)
    hide = timedelta(days=_hide_days())
    offers = {"plain": make_offer("Ohne Datum")}
    for name, days in (("yesterday", -1), ("today", 0), ("tomorrow", 1)):
        offers[f"from_{name}"] = make_offer(f"ab {name}", valid_from=today + timedelta(days=days))
        offers[f"until_{name}"] = make_offer(
            f"bis {name}", valid_until=today + timedelta(days=days)
        )
    for name, shift in (
        ("at_cutoff", timedelta(0)),
        ("hour_before_cutoff", -timedelta(hours=1)),
        ("hour_after_cutoff", timedelta(hours=1)),
        ("day_before_cutoff", -timedelta(days=1)),
        ("day_after_cutoff", timedelta(days=1)),
    ):
        offers[f"verified_{name}"] = make_offer(name, last_verified_at=now - hide + shift)
    offers["never_verified_fresh"] = make_offer("neu", last_verified_at=None)
    offers["never_verified_stale"] = make_offer(
        "alt", last_verified_at=None, created_at=now - hide - timedelta(hours=1)
    )
    offers["draft"] = make_offer("Entwurf", status=Offer.Status.DRAFT)
    offers["archived"] = make_offer("Archiv", status=Offer.Status.ARCHIVED)
    offers["other_org"] = make_offer("Andere", organisation_=other_organisation)
    return offers


def test_the_window_equals_the_old_rule_at_every_boundary(
    boundary_offers: dict[str, Offer],
) -> None:
    public = assert_same_as_old_rule()
    names = {pk: name for name, offer in boundary_offers.items() for pk in [offer.pk]}
    assert {names[pk] for pk in public} == {
        "plain", "from_yesterday", "from_today", "until_today", "until_tomorrow",
        "verified_hour_after_cutoff", "verified_day_after_cutoff", "never_verified_fresh",
        "other_org",
    }  # fmt: skip


def test_a_day_later_the_same_offers_differ_and_still_agree(
    boundary_offers: dict[str, Offer],
) -> None:
    tomorrow = timezone.now() + timedelta(days=1)
    public = assert_same_as_old_rule(at=tomorrow)
    assert boundary_offers["from_tomorrow"].pk in public
    assert boundary_offers["until_today"].pk not in public


def test_organisation_hidden_and_shown_again_by_staff(
    boundary_offers: dict[str, Offer],
    staff_client: Any,
    other_organisation: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    url = reverse("directory_staff:organisation_edit", kwargs={"pk": other_organisation.pk})
    data = {"name": other_organisation.name, "slug": other_organisation.slug,
            "kind": other_organisation.kind}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):  # the re-index job runs
        assert staff_client.post(url, data).status_code == 302  # unchecked box: not public
    assert boundary_offers["other_org"].pk not in assert_same_as_old_rule()
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(url, {**data, "is_public": "on"}).status_code == 302
    assert boundary_offers["other_org"].pk in assert_same_as_old_rule()
    counts = {org.pk: org.public_offer_count for org in organisations_public()}
    assert counts[other_organisation.pk] == 1


def test_hiding_an_organisation_does_not_wait_for_the_reindex_job(
    boundary_offers: dict[str, Offer], other_organisation: Organisation, monkeypatch: Any
) -> None:
    """The direction of errors: a job that never runs leaves hidden offers hidden, and
    offers of an organisation shown again merely hidden a little longer."""
    monkeypatch.setattr(services, "offers_reindex_later", lambda *, offer_ids: None)
    other = boundary_offers["other_org"]
    other_organisation.is_public = False
    other_organisation.save()
    services.related_changed(relation="organisation", pk=other_organisation.pk)
    assert other.pk not in set(offers_public().values_list("pk", flat=True))
    # Search results, their count and facets drop it at once too (its document is gone).
    assert other.pk not in {pk for pk, _ in search.Search(other.title).matching_keys(Offer)}
    other_organisation.is_public = True
    other_organisation.save()
    services.related_changed(relation="organisation", pk=other_organisation.pk)
    assert other.pk not in set(offers_public().values_list("pk", flat=True))
    services.offers_reindex(queryset=Offer.objects.filter(organisation=other_organisation))
    assert other.pk in assert_same_as_old_rule()


def test_every_offer_service_keeps_the_window_in_step(
    boundary_offers: dict[str, Offer], staff_user: Any
) -> None:
    today = timezone.localdate()
    plain = boundary_offers["plain"]
    services.offer_set_status(offer=plain, status=Offer.Status.ARCHIVED, by=staff_user)
    assert plain.pk not in assert_same_as_old_rule()
    services.offer_set_status(offer=plain, status=Offer.Status.PUBLISHED, by=staff_user)
    assert plain.pk in assert_same_as_old_rule()
    stale = boundary_offers["verified_day_before_cutoff"]
    services.offer_verify(offer=stale, by=staff_user)
    assert stale.pk in assert_same_as_old_rule()
    services.offer_update(
        offer=plain, data={"valid_until": today - timedelta(days=1)}, by=staff_user
    )
    assert plain.pk not in assert_same_as_old_rule()
    created = services.offer_create(
        organisation=plain.organisation,
        data={"title": "Neu", "summary": "Neu", "status": Offer.Status.PUBLISHED,
              "valid_from": today + timedelta(days=1)},
        by=staff_user,
    )  # fmt: skip
    assert isinstance(created, Offer)
    assert created.pk not in assert_same_as_old_rule()
    assert created.pk in assert_same_as_old_rule(at=timezone.now() + timedelta(days=1))


def test_partner_edit_counts_once_approved(
    boundary_offers: dict[str, Offer], partner_user: Any, staff_user: Any
) -> None:
    offer = boundary_offers["verified_day_before_cutoff"]
    change = services.offer_update(offer=offer, data={"title": "Neu geprüft"}, by=partner_user)
    assert isinstance(change, OfferChange)
    assert offer.pk not in assert_same_as_old_rule()  # a proposal changes nothing yet
    services.offer_change_approve(change=change, by=staff_user)
    assert offer.pk in assert_same_as_old_rule()  # approval counts as verification
    yesterday = timezone.localdate() - timedelta(days=1)
    change = services.offer_update(offer=offer, data={"valid_until": yesterday}, by=partner_user)
    assert isinstance(change, OfferChange)
    services.offer_change_approve(change=change, by=staff_user)
    assert offer.pk not in assert_same_as_old_rule()


def test_csv_import_windows_the_new_offers(staff_client: Any, organisation: Any) -> None:
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    rows = [
        _row(title="Sofort"),
        _row(title="Später", street="Weg 2", valid_from=tomorrow),
        _row(title="Entwurf", street="Weg 3", status="draft"),
    ]
    assert _upload(staff_client, "\n".join([HEADER, *rows])).created_count == 3
    public = assert_same_as_old_rule()
    assert set(Offer.objects.filter(pk__in=public).values_list("title", flat=True)) == {"Sofort"}


def test_a_stale_instance_saved_later_does_not_bring_back_a_window(
    boundary_offers: dict[str, Offer], staff_user: Any
) -> None:
    loaded = Offer.objects.get(pk=boundary_offers["plain"].pk)
    services.offer_set_status(
        offer=Offer.objects.get(pk=loaded.pk), status=Offer.Status.ARCHIVED, by=staff_user
    )
    loaded.title_en = "Plain"  # e.g. the translation screen, with the instance it loaded
    loaded.save()
    assert loaded.pk not in set(offers_public().values_list("pk", flat=True))


@pytest.mark.parametrize("command", ["offers_rewindow", "search_reindex"])
def test_changed_freshness_settings_need_a_rewindow_or_rebuild(
    boundary_offers: dict[str, Offer], settings: Any, command: str
) -> None:
    revived = boundary_offers["verified_day_before_cutoff"].pk
    settings.BEKO_DIRECTORY_HIDE_AFTER_DAYS += 2
    assert revived not in set(offers_public().values_list("pk", flat=True))  # windows as before
    call_command(command, stdout=StringIO())
    assert revived in assert_same_as_old_rule()


def test_a_copy_of_a_public_offer_starts_hidden(boundary_offers: dict[str, Offer]) -> None:
    copy = Offer.objects.get(pk=boundary_offers["plain"].pk)
    assert copy.public_from is not None
    copy.pk = None
    copy._state.adding = True
    copy.save()
    assert copy.pk not in set(offers_public().values_list("pk", flat=True))
    services.offers_reindex(queryset=Offer.objects.filter(pk=copy.pk))
    assert copy.pk in assert_same_as_old_rule()

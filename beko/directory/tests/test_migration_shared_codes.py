"""directory 0009: target groups and residence statuses use the shared codes (issue 19)."""

import pytest

# Schema changes cannot run inside the test's transaction on SQLite.
pytestmark = pytest.mark.django_db(transaction=True)

OLD = ("directory", "0008_location_changes")
NEW = ("directory", "0009_shared_target_group_and_residence_codes")


def _offers(apps):
    Offer = apps.get_model("directory", "Offer")
    return {o.title: (o.target_groups, o.residence_statuses) for o in Offer.objects.all()}


def test_professionals_and_para24_become_the_shared_codes_and_back(migrator):
    old = migrator.migrate(OLD)
    Organisation = old.get_model("directory", "Organisation")
    Offer = old.get_model("directory", "Offer")
    OfferChange = old.get_model("directory", "OfferChange")
    org = Organisation.objects.create(name="Verein", slug="verein")

    def offer(slug, groups, statuses):
        return Offer.objects.create(
            title=slug, summary="s",
            organisation_id=org.pk, target_groups=groups, residence_statuses=statuses,
        )  # fmt: skip

    changed = offer("changed", ",refugees,professionals,", ",duldung,para24,")
    offer("open", "", "")
    offer("kept", ",volunteers,associations,", ",recognised,")
    OfferChange.objects.create(
        offer_id=changed.pk,
        organisation_id=org.pk,
        data={"title": "t", "target_groups": ["professionals"], "residence_statuses": ["para24"]},
    )

    new = migrator.migrate(NEW)
    assert _offers(new) == {
        "changed": (",refugees,counselling,", ",duldung,temporary_protection,"),
        "open": ("", ""),
        "kept": (",volunteers,associations,", ",recognised,"),
    }
    change = new.get_model("directory", "OfferChange").objects.get()
    assert change.data == {
        "title": "t", "target_groups": ["counselling"], "residence_statuses": ["temporary_protection"]
    }  # fmt: skip

    back = migrator.migrate(OLD)
    assert _offers(back) == {
        "changed": (",refugees,professionals,", ",duldung,para24,"),
        "open": ("", ""),
        "kept": (",volunteers,associations,", ",recognised,"),
    }
    assert back.get_model("directory", "OfferChange").objects.get().data["target_groups"] == [
        "professionals"
    ]

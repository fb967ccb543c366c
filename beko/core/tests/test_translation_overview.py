"""Staff see per content type and language what is missing, outdated or current, translate
beside the German source, and record which translations a native speaker has reviewed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from beko.core import selectors, services
from beko.core.audit import audit_entries_for
from beko.core.models import Page, TranslationReview

pytestmark = pytest.mark.django_db

OVERVIEW = "/intern/uebersetzungen/"
REVIEW = "/intern/uebersetzungen/pruefung/"


def _page_counts(language):
    row = next(r for r in selectors.translation_counts() if r.model_name == "page")
    return row.total, row.counts[language]


@pytest.fixture
def pages(staff_user):
    """Known data: three pages; one current in English, one outdated in Arabic."""
    Page.objects.all().delete()
    first, second, third = (
        Page.objects.create(slug=f"seite-{n}", title=f"Seite {n}", body="<p>Text</p>")
        for n in (1, 2, 3)
    )
    services.translation_save(obj=first, language="en", values={"title": "Page 1"})
    services.translation_save(obj=second, language="ar", values={"title": "صفحة 2"})
    second.refresh_from_db()
    services.page_update(page=second, data={"title": "Seite 2, neu"}, by=staff_user)
    return first, second, third


def test_counts_per_content_type_and_language_follow_the_data(pages):
    assert _page_counts("en") == (3, {"missing": 2, "outdated": 0, "current": 1})
    assert _page_counts("ar") == (3, {"missing": 2, "outdated": 1, "current": 0})
    assert _page_counts("ru") == (3, {"missing": 3, "outdated": 0, "current": 0})


def test_translated_fields_keep_the_models_order_in_every_process():
    # The fingerprint of the German text hashes the fields in this order: it must not change
    # between processes (modeltranslation keeps the names in a set).
    from beko.core.lib.content_i18n import translated_field_names
    from beko.directory.models import Offer

    assert translated_field_names(Page) == ["title", "intro", "body"]
    assert translated_field_names(Offer) == [
        "title",
        "summary",
        "description",
        "cost",
        "schedule_note",
    ]


def test_every_translatable_model_has_a_row():
    labels = {(row.app_label, row.model_name) for row in selectors.translation_counts()}
    assert {("core", "page"), ("directory", "offer"), ("events", "event"), ("faq", "faqentry"),
            ("news", "newsitem")} <= labels  # fmt: skip


def test_the_overview_costs_one_query_per_content_type_not_per_object(
    staff_client, pages, django_assert_max_num_queries
):
    for n in range(40):
        Page.objects.create(slug=f"mehr-{n}", title=f"Mehr {n}")
    models = len(selectors.translation_counts())
    # content types + reviews + the site frame and session/user lookups of a staff page
    with django_assert_max_num_queries(models + 12):
        response = staff_client.get(OVERVIEW)
    assert response.status_code == 200


def test_the_overview_shows_counts_links_and_the_interface_catalogues(staff_client, pages):
    html = staff_client.get(OVERVIEW).content.decode()
    ar_missing = reverse("core:staff_translation_list", args=["core", "page", "ar"])
    assert f'href="{ar_missing}?status=outdated">1 veraltet</a>' in html
    assert f'href="{ar_missing}?status=missing">2 fehlen</a>' in html
    assert '<span lang="fa">فارسی</span>' in html
    counts = selectors.ui_catalogue_counts()
    assert counts["en"]["missing"] == 0  # English is complete (test_i18n checks the files)
    assert counts["en"]["total"] > 500
    assert 0 <= counts["ar"]["translated"] <= counts["ar"]["total"]


def test_the_list_of_one_state_links_each_object_to_its_editor(staff_client, pages):
    _first, second, _third = pages
    url = reverse("core:staff_translation_list", args=["core", "page", "ar"])
    html = staff_client.get(url, {"status": "outdated"}).content.decode()
    editor = reverse("core:staff_translation_edit", args=["core", "page", second.pk, "ar"])
    assert f'href="{editor}?next=' in html
    assert "Seite 2, neu" in html
    assert "Seite 3" not in html
    assert "Seite 3" in staff_client.get(url, {"status": "missing"}).content.decode()
    everything = staff_client.get(url, {"status": "<script>"}).content.decode()
    assert "Seite 1" in everything and "<script>" not in everything.split("<main", 1)[1]


@pytest.mark.parametrize(
    "args", [["core", "page", "de"], ["core", "page", "xx"], ["accounts", "user", "ar"],
             ["core", "nope", "ar"], ["nope", "page", "ar"]],
)  # fmt: skip
def test_the_list_is_404_for_anything_but_translatable_content(staff_client, args):
    assert staff_client.get(reverse("core:staff_translation_list", args=args)).status_code == 404


@pytest.mark.parametrize("url", [OVERVIEW, REVIEW, "/intern/uebersetzungen/core/page/ar/"])
def test_strangers_cannot_see_or_record_anything(anon_client, partner_client, url):
    assert anon_client.get(url).status_code == 302
    assert partner_client.get(url).status_code == 403
    assert partner_client.post(REVIEW, {"language": "ar"}).status_code == 403
    assert not TranslationReview.objects.exists()


def test_the_editor_shows_the_german_source_beside_each_field(staff_client, pages):
    _first, second, _third = pages
    html = staff_client.get(
        reverse("core:staff_translation_edit", args=["core", "page", second.pk, "ar"])
    ).content.decode()
    assert 'class="translation-editor__text" lang="de" dir="ltr"' in html
    assert "Seite 2, neu" in html
    assert 'name="title" value="صفحة 2"' in html
    assert 'lang="ar" dir="rtl"' in html  # Arabic is typed right to left
    assert "veraltet" in html
    html = staff_client.get(
        reverse("core:staff_translation_edit", args=["core", "page", second.pk, "uk"])
    ).content.decode()
    assert 'lang="uk" dir="ltr"' in html


def test_a_review_is_recorded_logged_and_shown(staff_client, staff_user):
    response = staff_client.post(
        REVIEW,
        {
            "language": "fa",
            "subject": "beko/guide/rules/employment.yaml",
            "reviewer": "  Shirin   Ahmadi ",
            "reviewed_on": "2026-03-02",
            "note": "Begriffe mit dem Glossar abgeglichen.",
        },
    )
    assert response.status_code == 302
    review = TranslationReview.objects.get()
    assert (review.language, review.reviewer, review.recorded_by) == (
        "fa",
        "Shirin Ahmadi",
        staff_user,
    )
    entry = audit_entries_for(review).get()
    assert entry.action == "core.translation_review_recorded"
    assert "Shirin" not in str(entry.data)  # no personal data in the log
    html = staff_client.get(OVERVIEW).content.decode()
    assert "Shirin Ahmadi" in html
    assert "nicht geprüft" in html  # the other languages and files


def test_the_latest_review_per_language_and_subject_wins():
    for day, name in ((1, "Erste"), (20, "Zweite"), (5, "Dritte")):
        TranslationReview.objects.create(
            language="uk", subject="ui", reviewer=name, reviewed_on=datetime.date(2026, 1, day)
        )
    assert selectors.translation_reviews_latest()[("uk", "ui")].reviewer == "Zweite"


def test_the_review_subjects_are_the_interface_and_every_rule_file():
    keys = [key for key, _label in selectors.translation_review_subjects()]
    assert keys[0] == "ui"
    assert "beko/guide/rules/employment.yaml" in keys
    assert all(key == "ui" or key.endswith(".yaml") for key in keys)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reviewer": "   "}, "Dieses Feld ist zwingend erforderlich"),
        ({"reviewer": "x" * 201}, "höchstens 200 Zeichen"),
        ({"note": "x" * 2001}, "höchstens 2000 Zeichen"),
        ({"reviewed_on": "2999-01-01"}, "nicht in der Zukunft"),
        ({"reviewed_on": "1999-12-31"}, "gültiges Datum"),
        ({"reviewed_on": "morgen'; DROP TABLE--"}, "gültiges Datum"),
        ({"language": "de"}, "keine gültige Auswahl"),
        ({"language": "ar' OR 1=1"}, "keine gültige Auswahl"),
        ({"subject": "../../etc/passwd"}, "keine gültige Auswahl"),
    ],
)
def test_invalid_or_hostile_review_input_is_refused_and_nothing_stored(
    staff_client, changes, message
):
    data = {"language": "ar", "subject": "ui", "reviewer": "Rana", "reviewed_on": "2026-02-01"}
    data.update(changes)
    response = staff_client.post(REVIEW, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TranslationReview.objects.exists()


def test_review_text_is_shown_escaped_whatever_script_it_is_in(staff_client):
    services.translation_review_record(
        language="ar", subject="ui", reviewer="<script>alert(1)</script> رنا",
        reviewed_on=timezone.localdate(), note="\u202eعكس", by=None,
    )  # fmt: skip
    html = staff_client.get(OVERVIEW).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; رنا" in html
    assert "<script>alert(1)" not in html


def test_the_review_form_is_prefilled_from_the_overview_link(staff_client):
    html = staff_client.get(REVIEW, {"language": "tr", "subject": "ui"}).content.decode()
    assert '<option value="tr" selected>' in html
    assert '<option value="ui" selected>' in html

"""Staff pages: every rule with source, validity, review date and usage; staff only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from beko.guide.rulebase import get_rulebase

pytestmark = pytest.mark.django_db

URL = "/intern/guide/"


def test_staff_see_every_rule_with_source_validity_and_review(staff_client: Any) -> None:
    html = staff_client.get(URL).content.decode()
    for rule in get_rulebase().rules:
        assert rule.id in html
    assert "https://www.gesetze-im-internet.de/" in html
    assert "Zuletzt geprüft" in html


def test_rule_list_counts_how_many_evaluations_used_each_rule(
    staff_client: Any, anon_client: Any, usage_counted_at_once: None
) -> None:
    for _ in range(3):
        anon_client.get(
            "/api/v1/guide/evaluate",
            {"status": "recognised", "as_of": "2025-06-01"},
        )
    response = staff_client.get(URL)
    rows = {row.rule.id: row.usage for row in response.context["rows"]}
    assert rows["employment.title.section_4a"] == 3
    assert rows["employment.duldung_unclear_identity"] == 0


def test_usage_counter_stores_only_rule_ids_and_numbers(usage_counted_at_once: None) -> None:
    from beko.guide.models import RuleUsage
    from beko.guide.services import guide_evaluate

    guide_evaluate(data={"status": "duldung", "country": "AF", "age": "23"})
    fields = {field.name for field in RuleUsage._meta.get_fields()}
    assert fields == {"id", "rule_id", "count", "updated_at"}
    known = {rule.id for rule in get_rulebase().rules}
    stored = set(RuleUsage.objects.values_list("rule_id", flat=True))
    assert stored and stored <= known


def test_rules_reviewed_more_than_a_year_ago_are_flagged(
    staff_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from beko.guide import selectors

    monkeypatch.setattr(selectors.timezone, "localdate", lambda: dt.date(2028, 1, 1))
    response = staff_client.get(URL)
    assert response.context["overdue"] == len(get_rulebase().rules)
    assert "Prüfung überfällig" in response.content.decode()


def test_current_rules_are_not_flagged(staff_client: Any) -> None:
    response = staff_client.get(URL)
    assert response.context["overdue"] == 0


def test_rule_detail_shows_condition_sources_and_both_explanations(staff_client: Any) -> None:
    html = staff_client.get(URL + "regel/employment.gestattung.after_3_months/").content.decode()
    assert "months_in_germany" in html
    assert "authority (Ausländerbehörde) can permit a job" in html


def test_unknown_rule_is_not_found(staff_client: Any) -> None:
    assert staff_client.get(URL + "regel/nope.nothing/").status_code == 404


def test_partner_editor_cannot_see_the_rule_pages(partner_client: Any) -> None:
    assert partner_client.get(URL).status_code == 403
    assert partner_client.get(URL + "regel/employment.fallback/").status_code == 403


def test_anonymous_visitor_is_sent_to_the_login(anon_client: Any) -> None:
    response = anon_client.get(URL)
    assert response.status_code == 302
    assert "/konto/" in response["Location"]


def test_staff_start_page_links_to_the_rule_base(staff_client: Any) -> None:
    assert URL in staff_client.get("/intern/").content.decode()


CHANGES = URL + "aenderungen/"


def test_rule_changes_list_rules_expiring_starting_and_due_within_90_days() -> None:
    from beko.guide.selectors import rule_changes

    # 1 Jun 2026: the 6-month reception-centre rules end on 11 Jun, GEAS starts on 12 Jun.
    changes = rule_changes(today=dt.date(2026, 6, 1))
    kinds = {(change.kind, change.rule.id) for change in changes}
    assert ("expires", "employment.gestattung.reception_centre_waiting_6_months") in kinds
    assert ("starts", "employment.gestattung.reception_centre_geas_3_to_6_months") in kinds
    geas = next(c for c in changes if c.rule.id.endswith("geas_3_to_6_months"))
    assert geas.day == dt.date(2026, 6, 12) and geas.days_left == 11
    # Nothing outside the window.
    assert all(change.days_left <= 90 for change in changes)


def test_rule_changes_window_boundaries_are_inclusive() -> None:
    from beko.guide.selectors import rule_changes

    start = dt.date(2026, 6, 12)
    day_before_window = start - dt.timedelta(days=91)
    first_day_of_window = start - dt.timedelta(days=90)
    ids = {c.rule.id for c in rule_changes(today=first_day_of_window) if c.kind == "starts"}
    assert "employment.gestattung.reception_centre_geas_3_to_6_months" in ids
    ids = {c.rule.id for c in rule_changes(today=day_before_window) if c.kind == "starts"}
    assert "employment.gestattung.reception_centre_geas_3_to_6_months" not in ids


def test_reviews_come_from_review_due_or_twelve_months_after_the_last_review() -> None:
    from beko.guide.selectors import rule_changes

    reviews = {c.rule.id: c for c in rule_changes(today=dt.date(2027, 1, 1)) if c.kind == "review"}
    # review_due set in the file
    assert reviews["benefits.temporary_protection.lrag_pending"].day == dt.date(2027, 1, 31)
    # no review_due: twelve months after last_reviewed
    later = {c.rule.id: c for c in rule_changes(today=dt.date(2027, 11, 1)) if c.kind == "review"}
    assert later["employment.title.section_4a"].day == dt.date(2027, 11, 29)


def test_staff_see_the_changes_page_with_links_to_the_rules(
    staff_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from beko.guide import selectors

    monkeypatch.setattr(selectors.timezone, "localdate", lambda: dt.date(2026, 6, 1))
    response = staff_client.get(CHANGES)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Läuft aus" in html and "Tritt in Kraft" in html and "Prüfung fällig" in html
    assert URL + "regel/employment.gestattung.reception_centre_geas_3_to_6_months/" in html
    assert "in 11 Tagen" in html
    assert "docs/guide.md" in html


def test_partner_editor_and_visitor_cannot_see_the_changes_page(
    partner_client: Any, anon_client: Any
) -> None:
    assert partner_client.get(CHANGES).status_code == 403
    assert anon_client.get(CHANGES).status_code == 302


def test_rule_list_links_to_the_changes_page(staff_client: Any) -> None:
    assert CHANGES in staff_client.get(URL).content.decode()


def test_rule_list_shows_verdicts_in_words(staff_client: Any) -> None:
    html = staff_client.get(URL).content.decode()
    assert "Nur mit Erlaubnis der Ausländerbehörde" in html
    assert "<td>permission_required</td>" not in html

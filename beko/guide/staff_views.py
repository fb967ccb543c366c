from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from beko.accounts.permissions import staff_required

from .labels import BA_CONSENT_VERDICT_LABELS, CONFIDENCE_LABELS, TOPIC_LABELS, VERDICT_LABELS
from .rulebase import get_rulebase
from .selectors import CHANGE_WINDOW, rule_changes, rules_with_usage
from .services import rule_usage_flush


@staff_required
def rule_list(request: HttpRequest) -> HttpResponse:
    # Counts of this process are still buffered; add them so the page is up to date.
    rule_usage_flush()
    rows = rules_with_usage()
    rulebase = get_rulebase()
    return render(
        request,
        "guide/staff/rule_list.html",
        {
            "rows": rows,
            "overdue": sum(1 for row in rows if row.review_overdue),
            "rulebase": rulebase,
            "topic_labels": TOPIC_LABELS,
            "confidence_labels": CONFIDENCE_LABELS,
            "verdict_labels": {**VERDICT_LABELS, **BA_CONSENT_VERDICT_LABELS},
        },
    )


@staff_required
def rule_detail(request: HttpRequest, rule_id: str) -> HttpResponse:
    rule_usage_flush()
    row = next((row for row in rules_with_usage() if row.rule.id == rule_id), None)
    if row is None:
        raise Http404
    return render(
        request,
        "guide/staff/rule_detail.html",
        {
            "row": row,
            "rule": row.rule,
            "confidence_labels": CONFIDENCE_LABELS,
            "verdict_labels": {**VERDICT_LABELS, **BA_CONSENT_VERDICT_LABELS},
        },
    )


@staff_required
def rule_changes_page(request: HttpRequest) -> HttpResponse:
    """Law that changes: rules expiring, starting or due for review in the next 90 days."""
    changes = rule_changes()
    return render(
        request,
        "guide/staff/rule_changes.html",
        {
            "changes": changes,
            "window_days": CHANGE_WINDOW.days,
            "expiring": [c for c in changes if c.kind == "expires"],
            "starting": [c for c in changes if c.kind == "starts"],
            "reviews": [c for c in changes if c.kind == "review"],
            "confidence_labels": CONFIDENCE_LABELS,
        },
    )

"""Writes of the guide: evaluating a situation (which counts rule usage) and flushing counts.

Evaluating never stores anything about the person. The only write is an anonymous counter per
rule, buffered in memory and added to the database in bulk, so that an evaluation costs no
database round trip in the common case.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F

from .engine import Evaluation, evaluate, parse_input
from .models import RuleUsage

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_pending: Counter[str] = Counter()
_pending_evaluations = 0
_last_flush = time.monotonic()


def _flush_every() -> int:
    return int(getattr(settings, "GUIDE_USAGE_FLUSH_EVERY", 100))


def _flush_seconds() -> float:
    return float(getattr(settings, "GUIDE_USAGE_FLUSH_SECONDS", 30))


def rule_usage_record(*, rule_ids: Iterable[str]) -> None:
    """Count one evaluation for each rule id; flush when enough have piled up."""
    global _pending_evaluations
    with _lock:
        _pending.update(rule_ids)
        _pending_evaluations += 1
        due = (
            _pending_evaluations >= _flush_every()
            or time.monotonic() - _last_flush >= _flush_seconds()
        )
    if due:
        rule_usage_flush()


# The response cache answers repeated evaluations without running the view; it calls this hook
# (registered in apps.py) with the rule ids the view stored, so every answer is still counted.
USAGE_HIT_HOOK = "guide.rule_usage"


def rule_usage_record_hit(rule_ids: list[str]) -> None:
    """A cached evaluation was answered again: count it like a fresh one."""
    rule_usage_record(rule_ids=rule_ids)


def rule_usage_flush() -> int:
    """Add the buffered counts to the database; returns the number of rules touched."""
    global _pending_evaluations, _last_flush
    with _lock:
        counts = dict(_pending)
        _pending.clear()
        _pending_evaluations = 0
        _last_flush = time.monotonic()
    if not counts:
        return 0
    # Group by increment so a flush is a handful of UPDATEs, not one per rule.
    by_increment: dict[int, list[str]] = {}
    for rule_id, increment in counts.items():
        by_increment.setdefault(increment, []).append(rule_id)
    try:
        with transaction.atomic():
            RuleUsage.objects.bulk_create(
                [RuleUsage(rule_id=rule_id) for rule_id in counts], ignore_conflicts=True
            )
            for increment, rule_ids in by_increment.items():
                RuleUsage.objects.filter(rule_id__in=rule_ids).update(count=F("count") + increment)
    except DatabaseError:
        # Usage statistics are a nicety; an answer must never fail because of them.
        logger.exception("could not store guide rule usage")
        return 0
    return len(counts)


def guide_evaluate(*, data: Mapping[str, object], strict: bool = True) -> Evaluation:
    """Parse untrusted input, evaluate it and count the rules used.

    Raises ``engine.InvalidInput`` (naming the field) for bad input.
    """
    evaluation = evaluate(parse_input(data, strict=strict))
    rule_usage_record(rule_ids=evaluation.used_rule_ids)
    return evaluation

"""Property-based check of the directory API against its own OpenAPI schema (schemathesis).

Bounded and derandomised so it runs in seconds and the same way every time: every directory
operation gets a handful of generated requests, which must never produce a 5xx or a response
that contradicts the schema.
"""

from __future__ import annotations

from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

MAX_EXAMPLES = 25


@pytest.fixture
def _keep_test_connection() -> Any:
    """Like Django's test client: a WSGI request must not close the test's DB connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def directory_operations(make_offer: Any, _keep_test_connection: Any) -> list[Any]:
    make_offer(
        "Deutschkurs",
        categories=("sprache",),
        languages=("de", "ar"),
        hours=((1, "09:00", "12:00"),),
    )
    make_offer("Rechtsberatung", categories=("beratung-recht",), district="barmen")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [op.ok() for op in schema.include(tag="Angebote").get_all_operations()]
    assert len(operations) >= 8
    return operations


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_directory_api_has_no_server_errors_or_schema_violations(
    directory_operations: list[Any], mode: GenerationMode
) -> None:
    called: set[str] = set()
    for operation in directory_operations:

        @hypothesis.settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(hypothesis.HealthCheck),
            phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        )
        @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
        def check(case: Any) -> None:
            # category/district/language/organisation take values from the database
            # (listed by /categories, /districts, …); an unknown one is a documented 400,
            # which schemathesis would otherwise count as "schema-valid data rejected".
            # Plain bytes: the test client does not undo the brotli/gzip the site applies.
            case.call_and_validate(
                headers={"Accept-Encoding": "identity"},
                excluded_checks=[positive_data_acceptance],
            )
            called.add(case.operation.label)

        try:
            check()
        except hypothesis.errors.Unsatisfiable:
            # No parameters means nothing to make invalid.
            assert mode == GenerationMode.NEGATIVE and not list(operation.iter_parameters())
    # Operations without parameters have no negative cases; positive runs must reach all.
    assert called if mode == GenerationMode.NEGATIVE else len(called) == len(directory_operations)

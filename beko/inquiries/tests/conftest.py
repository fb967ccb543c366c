from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache

# Smallest valid files, by content.
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


@pytest.fixture(autouse=True)
def _isolated(settings: Any, tmp_path: Any) -> None:
    # Rate-limit counters live in the cache; attachments in a private folder per test.
    cache.clear()
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    from django.utils.functional import empty

    from beko.inquiries.models import private_storage

    private_storage._wrapped = empty  # re-read PRIVATE_MEDIA_ROOT


@pytest.fixture
def form_data() -> dict[str, str]:
    return {
        "asker_type": "volunteers",
        "topic": "training",
        "question": "Darf eine Person mit Duldung bei uns eine Ausbildung beginnen?",
        "name": "Erika Muster",
        "email": "erika@example.org",
        "phone": "",
        "consent": "on",
        "website": "",
        "action": "send",
    }


@pytest.fixture
def make_inquiry(db: Any) -> Callable[..., Any]:
    from beko.inquiries import services

    def _make(**overrides: Any) -> Any:
        data = {
            "asker_type": "volunteers",
            "topic": "work",
            "question": "Wie bekommt eine Person mit Gestattung eine Arbeitserlaubnis?",
            "name": "Max Beispiel",
            "email": "max@example.org",
            "phone": "0202 987654",
        }
        data.update(overrides)
        return services.inquiry_submit(data=data).inquiry

    return _make


@pytest.fixture
def submitted(make_inquiry: Any) -> Any:
    """An inquiry plus its secret token."""
    from beko.inquiries import services

    submission = services.inquiry_submit(
        data={
            "asker_type": "employers",
            "topic": "work",
            "question": "Welche Erlaubnis brauchen wir für eine Einstellung?",
            "name": "Firma Beispiel",
            "email": "chef@example.org",
            "phone": "",
        }
    )
    return submission


@pytest.fixture
def faq_entry(db: Any) -> Any:
    from beko.faq.services import faq_entry_create

    return faq_entry_create(
        question="Darf eine Person mit Duldung eine Ausbildung beginnen?",
        answer="<p>Oft ja, mit Erlaubnis der Ausländerbehörde (§ 60c AufenthG).</p>",
        topic="training",
        audiences=["volunteers"],
        publish=True,
        by=None,
    )

"""Hostile values in every public form: the inquiry form, event registration, "report
outdated information", login and password reset (the guide, the FAQ and the site search are
GET forms, covered by test_pages).

Two passes per form: every payload in every field (rotated, so each field meets each
payload once), and each sharp payload alone in one field of an otherwise valid submission,
which reaches the services. A rejected submission stores nothing; an accepted one stores
exactly one row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import Model
from django.test import Client
from django.utils import translation

from .checks import problems_with
from .payloads import SHARP, TEXT_PAYLOADS, payload_id

pytestmark = pytest.mark.usefixtures("demo_database", "db")


def _open_event() -> Any:
    from beko.events import services
    from beko.events.models import Event

    for event in Event.objects.filter(status="published").order_by("starts_at"):
        sessions = [item for item in event.programme.all() if item.is_session]
        if services.registration_window_error(event) is None and not sessions:
            return event
    pytest.fail("the demo has no event open for registration")


def _public_offer() -> Any:
    from beko.directory.selectors import offers_public

    return offers_public().order_by("pk").first()


def _form_contact() -> tuple[str, dict[str, str], list[type[Model]]]:
    from beko.inquiries.models import Inquiry

    valid = {
        "asker_type": "volunteers",
        "topic": "work",
        "question": "Darf eine Person mit Duldung eine Ausbildung beginnen?",
        "name": "Erika Muster",
        "email": "erika@example.org",
        "phone": "0202 123456",
        "consent": "on",
        "website": "",
    }
    return "/kontakt/", valid, [Inquiry]


def _form_registration() -> tuple[str, dict[str, str], list[type[Model]]]:
    from beko.events.models import Registration

    valid = {
        "name": "Erika Muster",
        "email": "erika@example.org",
        "organisation_name": "Café Begegnung",
        "accessibility_needs": "",
        "dietary_wishes": "",
        "questions": "",
        "consent": "on",
        "website": "",
    }
    event = _open_event()
    with translation.override("de"):
        url = event.get_absolute_url() + "anmelden/"
    return url, valid, [Registration]


def _form_report() -> tuple[str, dict[str, str], list[type[Model]]]:
    from beko.directory.models import OfferReport

    valid = {"message": "Die Telefonnummer stimmt nicht mehr.", "email": "", "website": ""}
    return f"/angebote/{_public_offer().pk}/hinweis/", valid, [OfferReport]


def _form_password_reset() -> tuple[str, dict[str, str], list[type[Model]]]:
    return "/konto/passwort-vergessen/", {"email": "niemand@example.org"}, []


def _form_login() -> tuple[str, dict[str, str], list[type[Model]]]:
    return "/konto/anmelden/", {"username": "niemand", "password": "falsch"}, []


FORMS: dict[str, Callable[[], tuple[str, dict[str, str], list[type[Model]]]]] = {
    "contact": _form_contact,
    "registration": _form_registration,
    "report": _form_report,
    "password_reset": _form_password_reset,
    "login": _form_login,
}


@pytest.fixture(autouse=True)
def _no_lockout(settings: Any) -> None:
    # Hundreds of wrong logins from one address are the point here, not a lockout.
    settings.AXES_ENABLED = False


def _post(
    client: Client, url: str, data: dict[str, str], models: list[type[Model]], payload: Any
) -> list[str]:
    before = [model.objects.count() for model in models]
    response = client.post(url, data)
    after = [model.objects.count() for model in models]
    failures = problems_with(response, language="de", payload=payload)
    # Accepted: a redirect (to the status page, the ticket, the thank-you); a bot caught by
    # the honeypot or an unknown e-mail address stores nothing and looks accepted too.
    accepted = response.status_code in {301, 302, 303}
    for model, old, new in zip(models, before, after, strict=True):
        if new - old not in ({0, 1} if accepted else {0}):
            failures.append(f"{model.__name__}: {old} -> {new} for {payload_id(payload)}")
    return failures


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_payload_in_every_field_never_gives_5xx_or_half_stored_data(
    client: Client, form: str
) -> None:
    url, valid, models = FORMS[form]()
    fields = sorted(valid)
    count = len(TEXT_PAYLOADS)
    failures = []
    for i, payload in enumerate(TEXT_PAYLOADS):
        data = {field: TEXT_PAYLOADS[(i + j) % count] for j, field in enumerate(fields)}
        failures += _post(client, url, data, models, payload)
    assert failures == []


@pytest.mark.parametrize("form", sorted(FORMS))
def test_each_sharp_payload_alone_in_a_valid_submission(client: Client, form: str) -> None:
    url, valid, models = FORMS[form]()
    failures = []
    for field in sorted(valid):
        for payload in SHARP:
            failures += _post(client, url, {**valid, field: payload}, models, (field, payload))
    assert failures == []


@pytest.mark.parametrize("form", sorted(FORMS))
def test_english_forms_answer_hostile_input_in_english(client: Client, form: str) -> None:
    url, valid, _models = FORMS[form]()
    url = "/en" + url
    failures = []
    for payload in SHARP:
        response = client.post(url, dict.fromkeys(valid, payload))
        failures += problems_with(response, language="en", payload=payload)
    assert failures == []

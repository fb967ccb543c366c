"""Login, logout, password reset and password rules."""

import re

import pytest
from django.core import mail

from beko.accounts.models import User

pytestmark = pytest.mark.django_db

LOGIN = "/konto/anmelden/"
PASSWORD = "Test-Passwort-2026!"
GENERIC = (
    "Anmeldung fehlgeschlagen. Bitte prüfen Sie E-Mail-Adresse bzw. Benutzername und Passwort."
)


def _error_box(response) -> str:
    match = re.search(r'<ul class="errorlist nonfield">(.*?)</ul>', response.content.decode(), re.S)
    assert match, "no form error shown"
    return match.group(1)


def test_staff_logs_in_with_the_user_name_and_lands_in_the_back_office(anon_client, staff_user):
    response = anon_client.post(LOGIN, {"username": "team", "password": PASSWORD}, follow=True)
    # Staff must add the second factor before the back office opens (beko.accounts.middleware).
    assert response.redirect_chain == [
        ("/konto/", 302),
        ("/intern/", 302),
        ("/konto/zwei-faktor/einrichten/?next=%2Fintern%2F", 302),
    ]
    assert response.status_code == 200
    assert "Zwei-Faktor-Anmeldung einrichten" in response.content.decode()


def test_login_with_the_email_address_ignores_its_case(anon_client, staff_user):
    response = anon_client.post(LOGIN, {"username": "TEAM@Example.org", "password": PASSWORD})
    assert response.status_code == 302
    # Logged in: the staff area now asks for the second factor instead of the password.
    assert anon_client.get("/intern/")["Location"].startswith("/konto/zwei-faktor/")


def test_partner_editor_lands_in_their_own_area(anon_client, partner_user):
    response = anon_client.post(LOGIN, {"username": "partner", "password": PASSWORD}, follow=True)
    assert response.redirect_chain == [("/konto/", 302)]
    html = response.content.decode()
    assert "<h1>Partnerbereich: Verein Brücke e. V.</h1>" in html


def test_partner_without_organisation_is_told_to_contact_the_team(anon_client, make_user):
    make_user(username="neu", role="partner")
    response = anon_client.post(LOGIN, {"username": "neu", "password": PASSWORD}, follow=True)
    assert "noch keiner Organisation zugeordnet" in response.content.decode()


def test_login_follows_a_local_next_address(anon_client, staff_user):
    response = anon_client.post(
        f"{LOGIN}?next=/intern/seiten/", {"username": "team", "password": PASSWORD}
    )
    assert response["Location"] == "/intern/seiten/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_login_ignores_foreign_next_addresses(anon_client, staff_user, target):
    response = anon_client.post(
        f"{LOGIN}?next={target}", {"username": "team", "password": PASSWORD}
    )
    assert response["Location"] == "/konto/"


def test_five_failed_logins_all_give_the_same_generic_message(anon_client, staff_user, make_user):
    make_user(username="ehemalig", is_active=False)
    attempts = [
        {"username": "team", "password": "falsch"},
        {"username": "team@example.org", "password": "auch-falsch"},
        {"username": "gibt-es-nicht", "password": PASSWORD},
        {"username": "niemand@example.org", "password": PASSWORD},
        {"username": "ehemalig", "password": PASSWORD},  # right password, inactive account
    ]
    boxes = []
    for data in attempts:
        response = anon_client.post(LOGIN, data)
        assert response.status_code == 200
        boxes.append(_error_box(response))
    assert len(set(boxes)) == 1
    assert GENERIC in boxes[0]
    assert "_auth_user_id" not in anon_client.session


def test_failed_login_keeps_the_user_name_but_not_the_password(anon_client, staff_user):
    html = anon_client.post(LOGIN, {"username": "team", "password": "falsch-123"}).content.decode()
    assert 'value="team"' in html
    assert "falsch-123" not in html


@pytest.mark.parametrize(
    "username",
    ["x" * 10_000, "' OR '1'='1", "<script>alert(1)</script>", "\u202eأحمد\u202c", "a@b@c", "\x00"],
)
def test_hostile_login_input_gives_a_clear_error_not_a_crash(anon_client, staff_user, username):
    response = anon_client.post(LOGIN, {"username": username, "password": "x"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "errorlist" in response.content.decode()


def test_logout_needs_a_post_and_ends_the_session(staff_client):
    assert staff_client.get("/konto/abmelden/").status_code == 405
    response = staff_client.post("/konto/abmelden/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert staff_client.get("/intern/").status_code == 302


def test_password_reset_mails_a_working_link(anon_client, staff_user):
    response = anon_client.post("/konto/passwort-vergessen/", {"email": "team@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/passwort-vergessen/gesendet/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["team@example.org"]
    assert message.subject == "BeKo: Passwort zurücksetzen"
    found = re.search(r"http://testserver(/konto/passwort-neu/\S+/)", str(message.body))
    assert found, message.body
    link = found.group(1)

    form_page = anon_client.get(link, follow=True)
    assert "Neues Passwort festlegen" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = anon_client.post(
        set_url, {"new_password1": "Neues-Passwort-2026", "new_password2": "Neues-Passwort-2026"}
    )
    assert done["Location"] == "/konto/passwort-neu/fertig/"
    staff_user.refresh_from_db()
    assert staff_user.check_password("Neues-Passwort-2026")
    # The link works once only.
    again = anon_client.get(link, follow=True)
    assert "Der Link ist ungültig oder abgelaufen" in again.content.decode()


def test_password_reset_does_not_reveal_whether_an_account_exists(anon_client, staff_user):
    known = anon_client.post("/konto/passwort-vergessen/", {"email": "team@example.org"})
    unknown = anon_client.post("/konto/passwort-vergessen/", {"email": "fremd@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1  # only the real account got mail
    assert anon_client.get(unknown["Location"]).status_code == 200


def test_password_reset_refuses_an_invalid_address(anon_client):
    response = anon_client.post("/konto/passwort-vergessen/", {"email": "kein-mail<script>"})
    assert response.status_code == 200
    assert "gültige E-Mail-Adresse" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Kurz-1!", "zu kurz"),
        ("123456789012345", "komplett numerisch"),
        ("password1234", "zu üblich"),
        ("team@example.org", "zu ähnlich"),
    ],
)
def test_password_rules_are_enforced_with_german_messages(staff_client, password, message):
    response = staff_client.post(
        "/konto/passwort-aendern/",
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.get(username="team").check_password(PASSWORD)


def test_password_change_works_for_a_partner_editor(partner_client):
    response = partner_client.post(
        "/konto/passwort-aendern/",
        {
            "old_password": PASSWORD,
            "new_password1": "Ganz-neues-Passwort-7",
            "new_password2": "Ganz-neues-Passwort-7",
        },
        follow=True,
    )
    assert response.redirect_chain == [("/konto/passwort-aendern/fertig/", 302)]
    assert "Passwort geändert" in response.content.decode()


def test_account_pages_need_a_login(anon_client):
    for url in ("/konto/", "/konto/passwort-aendern/"):
        response = anon_client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(f"{LOGIN}?next=")

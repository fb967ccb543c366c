"""Roles: staff (everything), partner editors (their organisation), admins (+ Django admin)."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from beko.accounts import permissions
from beko.accounts.models import Role
from beko.core import selectors

pytestmark = pytest.mark.django_db

STAFF_PAGES = ("/intern/", "/intern/seiten/")
ADMIN_PAGES = ("/admin/", "/admin/accounts/user/", "/en/admin/")


@pytest.fixture
def users(make_user, organisation):
    return {
        "anonymous": AnonymousUser(),
        "staff": make_user(username="s"),
        "admin_role": make_user(username="a", role=Role.ADMIN),
        "superuser": make_user(username="su", role=Role.PARTNER, is_superuser=True),
        "partner": make_user(username="p", role=Role.PARTNER, organisation=organisation),
        "partner_without_org": make_user(username="p0", role=Role.PARTNER),
        "inactive_staff": make_user(username="x", is_active=False),
        # Django's own flag must not open anything: roles decide.
        "partner_with_is_staff": make_user(
            username="ps", role=Role.PARTNER, organisation=organisation, is_staff=True
        ),
    }


@pytest.mark.parametrize(
    ("who", "staff", "partner", "admin_", "backoffice"),
    [
        ("anonymous", False, False, False, False),
        ("staff", True, False, False, True),
        ("admin_role", True, False, True, True),
        ("superuser", True, False, True, True),
        ("partner", False, True, False, True),
        ("partner_without_org", False, False, False, False),
        ("inactive_staff", False, False, False, False),
        ("partner_with_is_staff", False, True, False, True),
    ],
)
def test_role_checks(users, who, staff, partner, admin_, backoffice):
    user = users[who]
    assert permissions.is_staff_member(user) is staff
    assert permissions.is_partner_editor(user) is partner
    assert permissions.is_admin(user) is admin_
    assert permissions.can_use_django_admin(user) is admin_
    assert permissions.can_use_backoffice(user) is backoffice
    assert permissions.needs_approval(user) is (not staff)


def test_partner_edits_only_their_own_organisation(users, organisation, other_organisation):
    partner = users["partner"]
    assert permissions.can_edit_organisation(partner, organisation.pk)
    assert not permissions.can_edit_organisation(partner, other_organisation.pk)
    assert not permissions.can_edit_organisation(partner, None)
    assert permissions.can_edit_organisation(users["staff"], other_organisation.pk)
    assert not permissions.can_edit_organisation(users["partner_without_org"], None)
    assert not permissions.can_edit_organisation(users["anonymous"], organisation.pk)


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_partner_editor_cannot_reach_staff_pages(partner_client, url):
    response = partner_client.get(url)
    assert response.status_code == 403
    assert "Kein Zugriff" in response.content.decode()


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_partner_editor_cannot_reach_the_django_admin(partner_client, url):
    response = partner_client.get(url, follow=True)
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Kein Zugriff</h1>" in html or "<h1>Access denied</h1>" in html


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_staff_can_reach_staff_pages(staff_client, url):
    assert staff_client.get(url).status_code == 200


def test_staff_cannot_use_the_django_admin_even_with_djangos_is_staff_flag(make_user, client):
    user = make_user(username="team2", is_staff=True)
    client.force_login(user)
    assert client.get("/admin/", follow=True).status_code == 403
    assert client.get("/admin/accounts/user/", follow=True).status_code == 403


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_can_reach_the_django_admin(admin_client_, url):
    response = admin_client_.get(url)
    assert response.status_code == 200


def test_admin_start_page_links_the_django_admin(admin_client_, staff_client):
    assert 'href="/admin/"' in admin_client_.get("/intern/").content.decode()
    assert 'href="/admin/"' not in staff_client.get("/intern/").content.decode()


def test_django_admin_asks_the_permissions_module(users):
    for user in users.values():
        request = RequestFactory().get("/admin/")
        request.user = user
        assert admin.site.has_permission(request) is permissions.can_use_django_admin(user)


def test_anonymous_visitor_is_sent_to_our_login_from_the_admin(anon_client):
    response = anon_client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/konto/anmelden/?next=/admin/"
    assert response.status_code == 200
    assert "E-Mail-Adresse oder Benutzername" in response.content.decode()


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_anonymous_visitor_is_sent_to_login_from_staff_pages(anon_client, url):
    response = anon_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/konto/anmelden/?next={url}"


def test_staff_link_in_the_navigation_only_for_staff(staff_client, partner_client, anon_client):
    assert 'href="/intern/"' in staff_client.get("/").content.decode()
    assert 'href="/intern/"' not in partner_client.get("/").content.decode()
    assert 'href="/intern/"' not in anon_client.get("/").content.decode()


def test_staff_menu_entries_are_filtered_by_their_permission_check(users, monkeypatch):
    from django.apps import apps

    config = apps.get_app_config("core")
    monkeypatch.setattr(
        config,
        "staff_menu",
        [
            ("Seiten", "core:staff_pages"),
            ("Startseite", "core:home", "can_use_backoffice"),
            ("Fehlt noch", "does_not:exist"),
        ],
    )
    staff_entries = [e["label"] for e in selectors.staff_menu(user=users["staff"])]
    partner_entries = [e["label"] for e in selectors.staff_menu(user=users["partner"])]
    assert "Seiten" in staff_entries
    assert "Startseite" in staff_entries
    assert "Seiten" not in partner_entries
    assert "Startseite" in partner_entries
    assert "Fehlt noch" not in staff_entries


def test_staff_menu_refuses_unknown_permission_checks(users, monkeypatch):
    from django.apps import apps

    monkeypatch.setattr(
        apps.get_app_config("core"), "staff_menu", [("X", "core:home", "is_everybody")]
    )
    with pytest.raises(ValueError, match="is_everybody"):
        selectors.staff_menu(user=users["staff"])

"""One function decides the client address; lockout, rate limits and logs all use it."""

from __future__ import annotations

import re

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory

from beko.core.lib.client_address import client_ip


def _request(forwarded: str | None = None, remote: str = "10.0.0.1"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.BEKO_TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("203.0.113.7")) == "10.0.0.1"


def test_behind_one_proxy_the_right_most_entry_is_the_client(settings):
    settings.BEKO_TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("6.6.6.6, 203.0.113.7")) == "203.0.113.7"
    assert client_ip(_request("203.0.113.7")) == "203.0.113.7"


def test_behind_two_proxies_the_second_entry_from_the_right_is_the_client(settings):
    settings.BEKO_TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request("6.6.6.6, 203.0.113.7, 10.0.0.9")) == "203.0.113.7"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        (None, "10.0.0.1"),  # not through the proxy (local health check)
        ("", "10.0.0.1"),
        ("unknown", "10.0.0.1"),  # garbage never becomes a shared bucket or a crash
        ("203.0.113.7:4711", "203.0.113.7"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:DB8::1", "2001:db8::1"),
        ("1.2.3.4, '; DROP TABLE x; --", "10.0.0.1"),
    ],
)
def test_odd_headers_fall_back_to_the_connection_address(settings, forwarded, expected):
    settings.BEKO_TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(forwarded)) == expected


def test_lockout_and_rate_limits_are_wired_to_the_one_function():
    assert django_settings.AXES_CLIENT_IP_CALLABLE == "beko.core.lib.client_address.client_ip"
    assert django_settings.RATELIMIT_IP_META_KEY == "beko.core.lib.client_address.client_ip"


def test_no_other_code_reads_the_client_address_itself():
    """REMOTE_ADDR and X-Forwarded-For are read in exactly one module."""
    root = django_settings.BASE_DIR / "beko"
    reading = re.compile(r"[\"']REMOTE_ADDR[\"']|HTTP_X_FORWARDED_FOR")
    readers = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts and reading.search(path.read_text())
    )
    assert readers == ["core/lib/client_address.py"]


@pytest.mark.django_db
def test_rate_limits_count_the_client_behind_the_proxy(settings, client):
    """Two visitors behind the same proxy have separate event-registration budgets."""
    from django_ratelimit.core import is_ratelimited

    settings.BEKO_TRUSTED_PROXY_COUNT = 1

    def limited(address: str) -> bool:
        request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address)
        return is_ratelimited(
            request, group="t", key="ip", rate="2/h", method="POST", increment=True
        )

    assert [limited("198.51.100.7") for _ in range(3)] == [False, False, True]
    assert limited("203.0.113.20") is False

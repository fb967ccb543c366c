"""Nobody can lock someone else's e-mail address out of the contact form."""

from __future__ import annotations

import pytest

from beko.inquiries.models import Inquiry

pytestmark = pytest.mark.django_db
URL = "/kontakt/"
VICTIM = "erika@example.org"


def test_submissions_with_a_victims_address_from_elsewhere_do_not_block_the_victim(
    client, form_data, settings
):
    settings.BEKO_INQUIRY_RATE_PER_ADDRESS = "2/h"
    form_data["email"] = VICTIM
    for n in range(6):
        client.post(URL, form_data, REMOTE_ADDR=f"198.51.100.{n + 1}")
    response = client.post(URL, form_data, REMOTE_ADDR="203.0.113.50")
    assert response.status_code == 302
    assert Inquiry.objects.filter(email=VICTIM).count() == 7


def test_the_same_client_flooding_one_address_is_still_stopped(client, form_data, settings):
    settings.BEKO_INQUIRY_RATE_PER_ADDRESS = "2/h"
    for _ in range(2):
        assert client.post(URL, form_data, REMOTE_ADDR="198.51.100.9").status_code == 302
    response = client.post(URL, form_data, REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 429
    assert "sehr viele Anfragen" in response.content.decode()


def test_behind_the_proxy_the_forwarded_client_address_counts(client, form_data, settings):
    settings.BEKO_TRUSTED_PROXY_COUNT = 1
    settings.BEKO_INQUIRY_RATE_PER_ADDRESS = "2/h"
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(3):
        client.post(URL, form_data, HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 1}", **proxy)
    response = client.post(URL, form_data, HTTP_X_FORWARDED_FOR="203.0.113.50", **proxy)
    assert response.status_code == 302


def test_the_victims_mailbox_is_not_flooded_with_confirmations(
    client, form_data, settings, smtp_server
):
    settings.BEKO_INQUIRY_RATE_PER_ADDRESS = "2/h"
    for n in range(5):
        client.post(URL, form_data, REMOTE_ADDR=f"198.51.100.{n + 1}")
    assert Inquiry.objects.count() == 5
    assert len(smtp_server.messages) == 2

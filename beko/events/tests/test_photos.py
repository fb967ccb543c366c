"""Event photos: cleaned like every image, private until the event is public."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from beko.core.tests.imagefiles import assert_clean, html_polyglot, jpeg_with_gps, png_bomb
from beko.events.models import Event, EventPhoto
from beko.events.tests.test_staff import STAFF, event_post_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _files(root: Any) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()]


def _with_photo(payload: bytes, **overrides: Any) -> dict[str, Any]:
    data = event_post_data(**overrides)
    data.update({
        "photos-TOTAL_FORMS": "1",
        "photos-0-image": SimpleUploadedFile("foto.jpg", payload, content_type="image/jpeg"),
        "photos-0-alt_text": "Menschen am Tisch", "photos-0-credit": "Verein", "photos-0-position": "0",
    })  # fmt: skip
    return data


def test_proposed_event_photo_is_cleaned_and_hidden_until_approval(
    partner_client: Any, staff_client: Any, client: Any, venue: Any, settings: Any
) -> None:
    response = partner_client.post(f"{STAFF}/neu/", _with_photo(jpeg_with_gps(), venue=venue.pk))
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.status == Event.Status.PROPOSED
    photo = EventPhoto.objects.get()
    assert _files(settings.MEDIA_ROOT) == []
    assert_clean((Path(settings.PRIVATE_MEDIA_ROOT) / photo.image.name).read_bytes())
    url = f"/veranstaltungen/{event.slug}/fotos/{photo.pk}/"
    assert photo.url == url
    assert client.get(url).status_code == 404
    own = partner_client.get(url)
    assert b"".join(own.streaming_content)  # consumed: the test client then closes the file
    assert own.status_code == 200 and "no-store" in own["Cache-Control"]
    edit = partner_client.get(f"{STAFF}/{event.pk}/").content.decode()
    assert f'href="{url}"' in edit and "/media/" not in edit

    staff_client.post(f"{STAFF}/{event.pk}/freigabe/", {"decision": "approve", "note": ""})
    page = client.get(f"/veranstaltungen/{event.slug}/").content.decode()
    assert f'src="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200
    assert_clean(b"".join(response.streaming_content))


def test_photo_of_another_event_is_not_served_under_a_public_event(
    client: Any, make_event: Any, settings: Any
) -> None:
    public = make_event(title="Öffentlich")
    hidden = make_event(title="Entwurf", status=Event.Status.DRAFT)
    photo = EventPhoto.objects.create(event=hidden, image="events/x.jpg", alt_text="a", credit="b")
    assert client.get(f"/veranstaltungen/{public.slug}/fotos/{photo.pk}/").status_code == 404


@pytest.mark.parametrize("payload", [html_polyglot(), png_bomb(), b"\xff\xd8\xff" + b"A" * 500])
def test_hostile_event_photos_are_refused(
    staff_client: Any, venue: Any, settings: Any, payload: bytes
) -> None:
    response = staff_client.post(f"{STAFF}/neu/", _with_photo(payload, venue=venue.pk))
    assert response.status_code == 400
    assert not Event.objects.exists() and not EventPhoto.objects.exists()
    assert _files(settings.PRIVATE_MEDIA_ROOT) == [] and _files(settings.MEDIA_ROOT) == []

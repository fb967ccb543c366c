import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished
from django.db import close_old_connections
from PIL import Image as PILImage

from beko.core.images import ImageForm, image_create
from beko.core.models import Image

from .conftest import jpeg_with_gps, picture_bytes

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {"alt_text": "Ein Infostand", "credit": "Max Muster", "caption": ""}
    data.update(overrides.pop("data", {}))
    upload = overrides.pop("upload", picture_bytes())
    files = {"file": SimpleUploadedFile(overrides.pop("name", "foto.jpg"), upload, "image/jpeg")}
    return ImageForm(data, files)


def test_upload_without_alt_text_is_rejected_with_a_clear_message():
    form = _form(data={"alt_text": ""})
    assert not form.is_valid()
    assert "Bitte geben Sie einen Alternativtext an" in form.errors["alt_text"][0]
    assert Image.objects.count() == 0


def test_upload_without_credit_is_rejected_with_a_clear_message():
    form = _form(data={"credit": "   "})
    assert not form.is_valid()
    assert "Bitte geben Sie den Bildnachweis an" in form.errors["credit"][0]


def test_credit_prefix_typed_by_staff_is_not_doubled():
    form = _form(data={"credit": "Bildnachweis: Anna Beispiel"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["credit"] == "Anna Beispiel"


def test_service_refuses_images_without_alt_text_or_credit():
    with pytest.raises(ValidationError):
        image_create(upload=picture_bytes(), alt_text=" ", credit="X")
    with pytest.raises(ValidationError):
        image_create(upload=picture_bytes(), alt_text="Bild", credit="")
    assert Image.objects.count() == 0
    assert not default_storage.exists("images")


@pytest.mark.parametrize(
    ("payload", "name"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "bild.jpg"),
        (b"%PDF-1.4 not an image", "bild.png"),
        (b"GIF89a" + b"\x00" * 100, "bild.gif"),
        (b"MZ\x90\x00 windows executable", "bild.jpg"),
        (b"\xff\xd8\xff\xe0 truncated jpeg", "bild.jpg"),
        (b"", "leer.jpg"),
    ],
)
def test_files_that_are_not_real_pictures_are_rejected(payload, name):
    form = _form(upload=payload, name=name)
    assert not form.is_valid()
    assert form.errors["file"]
    assert Image.objects.count() == 0


def test_oversized_file_is_rejected(settings):
    settings.BEKO_IMAGE_MAX_BYTES = 1024
    form = _form(upload=picture_bytes(width=900, height=900))
    assert not form.is_valid()
    assert "zu groß" in form.errors["file"][0]


def test_decompression_bomb_is_rejected_before_decoding():
    bomb = PILImage.new("1", (10_000, 10_000))
    buffer = io.BytesIO()
    bomb.save(buffer, "PNG")
    form = _form(upload=buffer.getvalue(), name="bombe.png")
    assert not form.is_valid()
    assert "Pixel" in form.errors["file"][0]


def test_tiny_image_is_rejected():
    form = _form(upload=picture_bytes(width=40, height=40))
    assert not form.is_valid()
    assert "zu klein" in form.errors["file"][0]


def test_exif_and_gps_data_are_gone_from_every_stored_file(make_image):
    original = jpeg_with_gps()
    assert PILImage.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the test file has GPS
    image = make_image(upload=original)
    names = [image.file.name, *(r["name"] for r in image.renditions)]
    assert len(names) > 2
    for name in names:
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
        stored = PILImage.open(io.BytesIO(data))
        exif = stored.getexif()
        assert not exif.get_ifd(0x8825), name
        assert 0x010F not in exif, name
        assert b"SpyCam" not in data and b"GPS" not in data, name


def test_renditions_come_in_webp_and_fallback_never_wider_than_the_original(make_image):
    image = make_image(upload=picture_bytes(width=1000, height=600))
    formats = {(r["format"], r["width"]) for r in image.renditions}
    assert ("webp", 1000) in formats and ("jpeg", 1000) in formats
    assert ("webp", 320) in formats and ("jpeg", 640) in formats
    assert all(r["width"] <= 1000 for r in image.renditions)
    for rendition in image.renditions:
        with default_storage.open(rendition["name"], "rb") as handle:
            decoded = PILImage.open(handle)
            assert decoded.format == rendition["format"].upper()
            assert decoded.width == rendition["width"]


def test_transparent_png_keeps_png_as_fallback(make_image):
    image = make_image(upload=picture_bytes(fmt="PNG", mode="RGBA"))
    assert image.fallback_format == "png"
    assert {r["format"] for r in image.renditions} == {"webp", "png"}


def test_camera_orientation_is_applied_before_stripping(make_image):
    exif = PILImage.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise for display
    image = make_image(upload=picture_bytes(width=800, height=400, exif=exif))
    assert (image.width, image.height) == (400, 800)


def test_picture_markup_has_srcset_dimensions_lazy_loading_and_credit(make_image, rf):
    from django.template import Context, Template

    image = make_image()
    request = rf.get("/")
    html = Template("{% load beko_images %}{% picture image %}{% image_credits %}").render(
        Context({"image": image, "request": request})
    )
    assert '<source type="image/webp" srcset="' in html
    assert " 320w" in html and " 800w" in html
    assert 'width="800" height="500"' in html
    assert 'loading="lazy"' in html
    assert 'alt="Zwei Menschen im Gespräch"' in html
    assert "Bildnachweis: Stadt Wuppertal / Max Muster" in html
    assert "Bildnachweise" in html


def test_media_files_are_served_with_long_cache_in_development(anon_client, make_image):
    image = make_image()
    response = anon_client.get(f"/media/{image.renditions[0]['name']}")
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    # Like Django's test client: close the file without request_finished closing the test's
    # database connection (PostgreSQL would lose the test transaction).
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    assert anon_client.get("/media/../settings.py").status_code == 404

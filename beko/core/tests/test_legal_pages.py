"""Impressum, Datenschutz, Barrierefreiheit and the DGS page come from structured details;
what is missing before going live shows on the staff home and in `check --deploy`."""

from __future__ import annotations

import re

import pytest
from django.core import checks
from django.core.files.uploadedfile import SimpleUploadedFile

from beko.core import legal
from beko.core.models import LegalDetails, SignLanguageVideo

pytestmark = pytest.mark.django_db

# What only the office itself can know; everything else has a true starting value.
OFFICE_FIELDS = {
    "provider_name", "street", "postcode_city", "representative", "email", "phone",
    "supervisory_authority", "content_responsible", "dpo_contact", "evaluation",
}  # fmt: skip
LEGAL_PAGES = ("/seite/impressum/", "/seite/datenschutz/", "/seite/barrierefreiheit/")
ALL_PAGES = (*LEGAL_PAGES, "/seite/leichte-sprache/", "/seite/gebaerdensprache/")
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 200
VTT = b"WEBVTT\n\n00:00.000 --> 00:04.000\nHerzlich willkommen bei der BeKo.\n"

FILLED = {
    "provider_name": "Jobcenter Wuppertal AöR", "street": "Bachstraße 2",
    "postcode_city": "42275 Wuppertal", "representative": "Erika Leitung (Geschäftsführerin)",
    "email": "beko@jobcenter.example", "phone": "0202 555-0",
    "supervisory_authority": "Ministerium für Arbeit, Gesundheit und Soziales NRW",
    "content_responsible": "Erika Leitung, Bachstraße 2, 42275 Wuppertal",
    "dpo_contact": "Datenschutzbeauftragter, datenschutz@jobcenter.example",
    "evaluation": "Selbstbewertung vom 3. März 2027",
}  # fmt: skip


def _fill_all(**overrides):
    details = legal.legal_details()
    for name, value in {**FILLED, **overrides}.items():
        setattr(details, name, value)
    details.save()
    return details


def _video(title="Was ist die BeKo?"):
    return SignLanguageVideo.objects.create(
        title=title,
        video=SimpleUploadedFile("v.mp4", MP4, content_type="video/mp4"),
        captions=SimpleUploadedFile("c.vtt", VTT, content_type="text/vtt"),
    )


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_seeded_details_leave_open_only_what_the_office_must_fill_itself():
    missing = legal.legal_missing()
    labels = {item.label for item in missing}
    expected = {str(LegalDetails._meta.get_field(name).verbose_name) for name in OFFICE_FIELDS}
    assert labels == expected | {"Mindestens ein Video in Gebärdensprache mit Untertiteln"}


@pytest.mark.parametrize("url", ALL_PAGES)
def test_legal_pages_show_no_template_placeholder(anon_client, url):
    html = anon_client.get(url).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "Mustertext" not in main
    assert not re.search(r"\[[^\[\]<>]{2,80}\]", main), main
    # The only gaps are the office's own fields, clearly marked.
    for gap in re.findall(
        r'<mark class="legal-missing">Noch nicht eingetragen: ([^<]+)</mark>', main
    ):
        assert gap in {
            str(LegalDetails._meta.get_field(name).verbose_name) for name in OFFICE_FIELDS
        }


def test_pages_carry_every_required_part_once_filled(anon_client):
    _fill_all(vat_id="DE123456789")
    impressum = anon_client.get("/seite/impressum/").content.decode()
    for value in ("Jobcenter Wuppertal AöR", "Bachstraße 2", "42275 Wuppertal",
                  "Erika Leitung (Geschäftsführerin)", "beko@jobcenter.example", "0202 555-0",
                  "Ministerium für Arbeit", "DE123456789", "§ 44b SGB II"):  # fmt: skip
        assert value in impressum
    privacy = anon_client.get("/seite/datenschutz/").content.decode()
    for part in ("Verantwortliche Stelle", "datenschutz@jobcenter.example", "Art. 6 Abs. 1",
                 "Speicherdauer", "Art. 15", "Bundesbeauftragte für den Datenschutz"):  # fmt: skip
        assert part in privacy
    statement = anon_client.get("/seite/barrierefreiheit/").content.decode()
    for part in ("teilweise vereinbar", "BITV 2.0", "Selbstbewertung vom 3. März 2027",
                 "Nicht barrierefreie Inhalte", "beko@jobcenter.example",
                 "Schlichtungsstelle nach § 16"):  # fmt: skip
        assert part in statement
    assert "legal-missing" not in impressum + privacy + statement


def test_vat_id_is_optional_and_left_out_when_empty(anon_client):
    _fill_all()
    _video()
    assert legal.legal_missing() == []
    assert "Umsatzsteuer" not in anon_client.get("/seite/impressum/").content.decode()


def test_staff_home_lists_open_items_until_everything_is_filled(staff_client):
    html = staff_client.get("/intern/").content.decode()
    assert "Noch offen für den Go-live" in html
    assert "Vertreten durch" in html and "Datenschutzbeauftragte Person" in html
    _fill_all()
    _video()
    assert "Noch offen für den Go-live" not in staff_client.get("/intern/").content.decode()


def test_check_deploy_warns_while_details_are_missing():
    def warnings():
        return [m for m in checks.run_checks(include_deployment_checks=True) if m.id == "beko.W001"]

    [warning] = warnings()
    assert "Vertreten durch" in warning.msg
    assert "/intern/rechtliches/" in warning.hint
    _fill_all()
    _video()
    assert warnings() == []


def test_check_without_deploy_flag_stays_quiet():
    assert not [m for m in checks.run_checks() if m.id == "beko.W001"]


def test_bracket_placeholder_left_in_a_page_body_is_listed(staff_client):
    from beko.core.models import Page

    _fill_all()
    _video()
    page = Page.objects.get(slug="impressum")
    page.body_de = "<p>Bildnachweise: [Namen eintragen]</p>"
    page.save()
    [item] = legal.legal_missing()
    assert item.page == "Impressum"


def test_staff_edit_legal_details_and_xss_is_escaped(staff_client, anon_client):
    data = {**FILLED, "legal_form": "AöR", "purposes": "Zwecke", "rights": "Rechte",
            "complaint_authority": "BfDI", "conformity": "partial", "non_accessible_parts": "PDF",
            "feedback_contact": "", "enforcement": "Schlichtungsstelle", "vat_id": ""}  # fmt: skip
    data["representative"] = "<script>alert(1)</script> مدير"
    assert staff_client.post("/intern/rechtliches/", data).status_code == 302
    html = anon_client.get("/seite/impressum/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; مدير" in html
    response = staff_client.post("/intern/rechtliches/", {**data, "email": "keine-adresse"})
    assert response.status_code == 400
    assert LegalDetails.objects.get().email == FILLED["email"]


def test_strangers_cannot_edit_legal_details_or_videos(anon_client, partner_client):
    for url in ("/intern/rechtliches/", "/intern/rechtliches/dgs-videos/"):
        assert anon_client.get(url).status_code == 302
        assert partner_client.get(url).status_code == 403
        assert partner_client.post(url, FILLED).status_code == 403
    video = _video()
    assert (
        partner_client.post(f"/intern/rechtliches/dgs-videos/{video.pk}/loeschen/").status_code
        == 403
    )
    assert SignLanguageVideo.objects.exists()


def test_sign_language_video_upload_plays_with_captions_from_our_server(staff_client, anon_client):
    response = staff_client.post(
        "/intern/rechtliches/dgs-videos/",
        {"title": "Was ist die BeKo?", "position": 1, "transcript": "Die BeKo ist ein Büro.",
         "video": SimpleUploadedFile("film.mp4", MP4, content_type="video/mp4"),
         "captions": SimpleUploadedFile("de.vtt", VTT, content_type="text/vtt")},
    )  # fmt: skip
    assert response.status_code == 302
    html = anon_client.get("/seite/gebaerdensprache/").content.decode()
    video = SignLanguageVideo.objects.get()
    assert f'<source src="/media/{video.video.name}" type="video/mp4">' in html
    assert f'<track kind="captions" src="/media/{video.captions.name}" srclang="de"' in html
    assert "youtube" not in html.lower() and "vimeo" not in html.lower()
    served = anon_client.get(f"/media/{video.captions.name}")
    served.close()
    assert served["Content-Type"].startswith("text/vtt")


@pytest.mark.parametrize(
    ("video", "captions", "error"),
    [
        (b"MZ\x90\x00" + b"\x00" * 200, VTT, "MP4 oder WebM"),
        (MP4, b"<script>alert(1)</script>", "WebVTT"),
        (MP4, b"\xff\xfe\x00WEBVTT", "WebVTT"),
    ],
)
def test_bad_uploads_are_refused_with_a_german_message(staff_client, video, captions, error):
    response = staff_client.post(
        "/intern/rechtliches/dgs-videos/",
        {"title": "X", "position": 0,
         "video": SimpleUploadedFile("x.mp4", video, content_type="video/mp4"),
         "captions": SimpleUploadedFile("x.vtt", captions, content_type="text/vtt")},
    )  # fmt: skip
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not SignLanguageVideo.objects.exists()


def test_oversized_video_is_refused(staff_client, settings):
    settings.BEKO_SIGN_VIDEO_MAX_BYTES = 100
    response = staff_client.post(
        "/intern/rechtliches/dgs-videos/",
        {"title": "X", "position": 0,
         "video": SimpleUploadedFile("x.mp4", MP4, content_type="video/mp4"),
         "captions": SimpleUploadedFile("x.vtt", VTT, content_type="text/vtt")},
    )  # fmt: skip
    assert response.status_code == 400
    assert "zu groß" in response.content.decode()


def test_staff_delete_a_video(staff_client):
    video = _video()
    assert (
        staff_client.post(f"/intern/rechtliches/dgs-videos/{video.pk}/loeschen/").status_code == 302
    )
    assert not SignLanguageVideo.objects.exists()

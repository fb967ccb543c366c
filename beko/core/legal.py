"""Reads behind the legal pages and the go-live list: what the office has entered, and
what is still missing before the site may go public (§ 5 DDG, Art. 13 DSGVO, BITV 2.0)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import LegalDetails, Page, SignLanguageVideo
from .seed import legal as legal_seed
from .seed.pages import LEGAL_SLUGS, SIGN_LANGUAGE_SLUG

# The fields each legal text needs; `vat_id` is optional (only if the office has one) and
# `feedback_contact` falls back to e-mail and phone.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "impressum": (
        "provider_name", "legal_form", "street", "postcode_city", "representative", "email",
        "phone", "supervisory_authority", "content_responsible",
    ),
    "datenschutz": ("dpo_contact", "purposes", "rights", "complaint_authority"),
    "barrierefreiheit": ("evaluation", "non_accessible_parts", "enforcement"),
}  # fmt: skip
# Text in square brackets such as "[Name der Behörde]": what the first templates used.
_BRACKET_PLACEHOLDER = re.compile(r"\[[^\[\]<>]{2,80}\]")


@dataclass(frozen=True)
class OpenItem:
    page: str
    label: str
    url: str


def legal_details() -> LegalDetails:
    """The one record; before the seed migration ran, its starting values (unsaved)."""
    return LegalDetails.objects.filter(pk=1).first() or LegalDetails(pk=1, **legal_seed.defaults())


def sign_language_videos() -> list[SignLanguageVideo]:
    return list(SignLanguageVideo.objects.all())


def legal_missing(*, details: LegalDetails | None = None) -> list[OpenItem]:
    """Everything still to fill in before going live, in the order of the pages."""
    details = details or legal_details()
    titles = dict(
        Page.objects.filter(slug__in=[*LEGAL_SLUGS, SIGN_LANGUAGE_SLUG]).values_list(
            "slug", "title"
        )
    )
    edit_url = reverse("core:staff_legal")
    items = []
    for slug, fields in REQUIRED_FIELDS.items():
        for name in fields:
            if (
                name == "non_accessible_parts"
                and details.conformity == LegalDetails.Conformity.FULL
            ):
                continue
            if not str(getattr(details, name) or "").strip():
                label = getattr(LegalDetails._meta.get_field(name), "verbose_name", name)
                items.append(OpenItem(page=titles.get(slug, slug), label=str(label), url=edit_url))
    for page in Page.objects.filter(slug__in=[*LEGAL_SLUGS, SIGN_LANGUAGE_SLUG]):
        if _BRACKET_PLACEHOLDER.search(page.body_de or ""):  # type: ignore[attr-defined]  # modeltranslation adds body_de at run time
            items.append(
                OpenItem(
                    page=page.title,
                    label=_("Platzhalter in eckigen Klammern im Seitentext"),
                    url=reverse("core:staff_page_edit", kwargs={"pk": page.pk}),
                )
            )
    if not SignLanguageVideo.objects.exists():
        items.append(
            OpenItem(
                page=titles.get(SIGN_LANGUAGE_SLUG, SIGN_LANGUAGE_SLUG),
                label=_("Mindestens ein Video in Gebärdensprache mit Untertiteln"),
                url=reverse("core:staff_sign_videos"),
            )
        )
    return items

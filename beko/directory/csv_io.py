"""CSV import and CSV/XLSX export of offers, with the same columns both ways.

Import is all-or-nothing: every row is validated first (errors are collected per row and
column), and only a file without errors is applied, in one transaction.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify

from beko.core.lib.spreadsheet import safe_cell, unprotect_cell
from beko.core.vocabulary import AUDIENCE_ALIASES, RESIDENCE_STATUS_ALIASES, expand_code

from .forms import format_opening_hours, parse_opening_hours
from .models import (
    Category,
    District,
    Language,
    Location,
    Offer,
    OfferRevision,
    OpeningHours,
    Organisation,
    ResidenceStatus,
    TargetGroup,
    encode_choices,
)

COLUMNS = [
    "organisation", "title", "summary", "description", "categories", "languages",
    "target_groups", "residence_statuses", "street", "postal_code", "city", "district",
    "is_free", "cost", "registration_required", "online", "by_phone", "wheelchair_accessible",
    "contact_name", "contact_email", "contact_phone", "opening_hours", "schedule_note",
    "valid_from", "valid_until", "status",
]  # fmt: skip
REQUIRED = ("organisation", "title", "summary", "categories", "languages")
LIST_SEPARATOR = "|"
TRUE = {"ja", "yes", "true", "1", "x", "wahr"}
FALSE = {"nein", "no", "false", "0", "", "falsch"}
MAX_ROWS = 200_000
LIMITS = {"organisation": 200, "title": 200, "summary": 400, "description": 10000, "street": 200,
          "postal_code": 10, "city": 100, "cost": 200, "contact_name": 200, "contact_phone": 50,
          "schedule_note": 500}  # fmt: skip


@dataclass
class ImportResult:
    errors: list[dict[str, Any]] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0


def _list(value: str) -> list[str]:
    return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]


def _bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise ValueError


def read_rows(data: bytes) -> tuple[list[str], Iterator[dict[str, str]]]:
    text = data.decode("utf-8-sig")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    return list(reader.fieldnames or []), reader


def validate(data: bytes, *, progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Check every row; returns cleaned rows and a list of {row, column, message}."""
    result = ImportResult()
    try:
        header, reader = read_rows(data)
    except UnicodeDecodeError:
        result.errors.append(
            {"row": 0, "column": "", "message": "Die Datei ist nicht UTF-8-kodiert."}
        )
        return result
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        result.errors.append(
            {"row": 1, "column": ", ".join(missing), "message": "Pflichtspalte fehlt."}
        )
        return result
    categories = {c.slug: c.pk for c in Category.objects.all()}
    languages = {lang.code: lang.pk for lang in Language.objects.all()}
    districts = {d.slug: d.pk for d in District.objects.all()} | {
        d.name.lower(): d.pk for d in District.objects.all()
    }
    existing = set(
        Offer.objects.filter(locations__isnull=False).values_list(
            "title", "locations__street", "locations__postal_code"
        )
    )
    existing = {(t.strip().lower(), s.strip().lower(), p.strip()) for t, s, p in existing}
    seen: dict[tuple[str, str, str], int] = {}
    email = EmailValidator()
    rows = list(reader)
    result.total = len(rows)
    if result.total > MAX_ROWS:
        result.errors.append(
            {"row": 0, "column": "", "message": f"Höchstens {MAX_ROWS} Zeilen je Datei."}
        )
        return result
    for index, raw in enumerate(rows, start=2):  # row 1 is the header
        row = {k: unprotect_cell((raw.get(k) or "").strip()) for k in COLUMNS}
        errors: list[tuple[str, str]] = []
        for name in REQUIRED:
            if not row[name]:
                errors.append((name, "Pflichtfeld ist leer."))
        for name, limit in LIMITS.items():
            if len(row[name]) > limit:
                errors.append((name, f"Höchstens {limit} Zeichen."))
        clean: dict[str, Any] = {"row": index, "organisation": row["organisation"]}
        for name in (
            "title",
            "summary",
            "description",
            "cost",
            "contact_name",
            "contact_phone",
            "schedule_note",
            "city",
        ):
            clean[name] = row[name]
        clean["city"] = clean["city"] or "Wuppertal"
        unknown = [s for s in _list(row["categories"]) if s not in categories]
        if unknown:
            errors.append(("categories", f"Unbekannte Kategorie: {', '.join(unknown)}"))
        clean["categories"] = [categories[s] for s in _list(row["categories"]) if s in categories]
        unknown = [s for s in _list(row["languages"]) if s.lower() not in languages]
        if unknown:
            errors.append(("languages", f"Unbekannter Sprachcode: {', '.join(unknown)}"))
        clean["languages"] = [
            languages[s.lower()] for s in _list(row["languages"]) if s.lower() in languages
        ]
        for name, choices, aliases in (
            ("target_groups", TargetGroup.values, AUDIENCE_ALIASES),
            ("residence_statuses", ResidenceStatus.values, RESIDENCE_STATUS_ALIASES),
        ):
            # Files written before the vocabularies were unified carry former codes.
            values = list(
                dict.fromkeys(c for v in _list(row[name]) for c in expand_code(v, aliases=aliases))
            )
            bad = [v for v in values if v not in choices]
            if bad:
                errors.append(
                    (name, f"Unbekannter Wert: {', '.join(bad)} (erlaubt: {', '.join(choices)})")
                )
            clean[name] = [v for v in values if v in choices]
        for name in (
            "is_free",
            "registration_required",
            "online",
            "by_phone",
            "wheelchair_accessible",
        ):
            try:
                clean[name] = _bool(row[name]) if row[name] or name != "is_free" else True
            except ValueError:
                errors.append((name, "Bitte „ja“ oder „nein“."))
        if row["contact_email"]:
            try:
                email(row["contact_email"])
            except ValidationError:
                errors.append(("contact_email", "Ungültige E-Mail-Adresse."))
        clean["contact_email"] = row["contact_email"]
        for name in ("valid_from", "valid_until"):
            try:
                clean[name] = date.fromisoformat(row[name]) if row[name] else None
            except ValueError:
                errors.append((name, "Datum bitte als JJJJ-MM-TT."))
        try:
            clean["opening_hours"] = parse_opening_hours(
                row["opening_hours"].replace(LIST_SEPARATOR, "\n")
            )
        except ValidationError as exc:
            errors.append(("opening_hours", " ".join(exc.messages)))
        status = row["status"] or Offer.Status.PUBLISHED
        if status not in Offer.Status.values:
            errors.append(("status", f"Erlaubt: {', '.join(Offer.Status.values)}"))
        clean["status"] = status
        clean["street"], clean["postal_code"] = row["street"], row["postal_code"]
        if row["street"] or row["postal_code"] or row["district"]:
            if not (row["street"] and row["postal_code"]):
                errors.append(("street", "Adresse braucht Straße und PLZ."))
            district = districts.get(row["district"].lower()) or districts.get(
                slugify(row["district"])
            )
            if district is None:
                errors.append(
                    ("district", f"Unbekannter Stadtbezirk: {row['district'] or '(leer)'}")
                )
            clean["district"] = district
            key = (row["title"].lower(), row["street"].lower(), row["postal_code"])
            if key in existing:
                errors.append(
                    ("title", "Dublette: dieses Angebot gibt es an dieser Adresse schon.")
                )
            elif key in seen:
                errors.append(("title", f"Dublette von Zeile {seen[key]} in dieser Datei."))
            seen[key] = index
        else:
            clean["district"] = None
        for column, message in errors:
            result.errors.append({"row": index, "column": column, "message": message})
        result.rows.append(clean)
        if progress and index % 500 == 0:
            progress(index - 1, result.total)
    if progress:
        progress(result.total, result.total)
    return result


@transaction.atomic
def apply(rows: list[dict[str, Any]], *, by: Any) -> int:
    """Create everything from validated rows in one transaction; returns offers created."""
    organisations = {o.name.lower(): o for o in Organisation.objects.all()} | {
        o.slug: o for o in Organisation.objects.all()
    }
    for row in rows:
        key = row["organisation"].lower()
        if key not in organisations and slugify(row["organisation"]) not in organisations:
            base = slugify(row["organisation"])[:200] or "organisation"
            slug, n = base, 1
            while Organisation.objects.filter(slug=slug).exists():
                n += 1
                slug = f"{base}-{n}"
            organisations[key] = organisations[slug] = Organisation.objects.create(
                name=row["organisation"], slug=slug
            )
    locations: dict[tuple[int, str, str], Location] = {
        (loc.organisation_id, loc.street.lower(), loc.postal_code): loc
        for loc in Location.objects.all()
    }
    now = timezone.now()
    offers = []
    for row in rows:
        org = (
            organisations.get(row["organisation"].lower())
            or organisations[slugify(row["organisation"])]
        )
        row["_org"] = org
        if row["district"]:
            key = (org.pk, row["street"].lower(), row["postal_code"])
            if key not in locations:
                locations[key] = Location(
                    organisation=org, street=row["street"], postal_code=row["postal_code"],
                    city=row["city"], district_id=row["district"],
                )  # fmt: skip
            row["_location"] = locations[key]
        offers.append(
            Offer(
                organisation=org,
                title=row["title"],
                title_de=row["title"],
                summary=row["summary"],
                summary_de=row["summary"],
                description=row["description"],
                description_de=row["description"],
                cost=row["cost"],
                cost_de=row["cost"],
                schedule_note=row["schedule_note"],
                schedule_note_de=row["schedule_note"],
                is_free=row["is_free"],
                registration_required=row["registration_required"],
                online=row["online"],
                by_phone=row["by_phone"],
                on_site=bool(row["district"]),
                wheelchair_accessible=row["wheelchair_accessible"],
                contact_name=row["contact_name"],
                contact_email=row["contact_email"],
                contact_phone=row["contact_phone"],
                valid_from=row["valid_from"],
                valid_until=row["valid_until"],
                status=row["status"],
                target_groups=encode_choices(row["target_groups"]),
                residence_statuses=encode_choices(row["residence_statuses"]),
                last_verified_at=now,
                verified_by=by,
                created_at=now,
            )
        )
    Location.objects.bulk_create(
        [loc for loc in locations.values() if loc.pk is None], batch_size=1000
    )
    Offer.objects.bulk_create(offers, batch_size=1000)
    # Rows of five models go through one loop below: as models, that is all it needs.
    through_cat: type[Model] = Offer.categories.through
    through_lang: type[Model] = Offer.languages.through
    through_loc: type[Model] = Offer.locations.through
    cats: list[Model] = []
    langs: list[Model] = []
    locs: list[Model] = []
    hours: list[OpeningHours] = []
    revisions: list[OfferRevision] = []
    for offer, row in zip(offers, rows, strict=True):
        cats += [through_cat(offer_id=offer.pk, category_id=c) for c in row["categories"]]
        langs += [through_lang(offer_id=offer.pk, language_id=lang) for lang in row["languages"]]
        if "_location" in row:
            locs.append(through_loc(offer_id=offer.pk, location_id=row["_location"].pk))
        hours += [
            OpeningHours(offer_id=offer.pk, weekday=d, opens=o, closes=c)
            for d, o, c in row["opening_hours"]
        ]
        revisions.append(
            OfferRevision(offer_id=offer.pk, action="imported", changes={}, by=by, at=now)
        )
    batches: tuple[tuple[type[Model], Sequence[Model]], ...] = (
        (through_cat, cats),
        (through_lang, langs),
        (through_loc, locs),
        (OpeningHours, hours),
        (OfferRevision, revisions),
    )
    for model, items in batches:
        model._default_manager.bulk_create(items, batch_size=2000)
    from .services import offers_reindex

    offers_reindex(queryset=Offer.objects.filter(pk__in=[o.pk for o in offers]))
    return len(offers)


def _export_queryset() -> Any:
    return (
        Offer.objects.select_related("organisation")
        .prefetch_related("categories", "languages", "locations__district", "opening_hours")
        .order_by("organisation__name", "title", "pk")
    )


def _export_row(offer: Offer) -> list[str]:
    loc = next(iter(offer.locations.all()), None)

    def yes(value: bool) -> str:
        return "ja" if value else "nein"

    hours = format_opening_hours(
        [
            (h.weekday, h.opens.strftime("%H:%M"), h.closes.strftime("%H:%M"))
            for h in offer.opening_hours.all()
        ]
    ).replace("\n", LIST_SEPARATOR)
    return [
        offer.organisation.name, offer.title, offer.summary, offer.description,
        LIST_SEPARATOR.join(c.slug for c in offer.categories.all()),
        LIST_SEPARATOR.join(lang.code for lang in offer.languages.all()),
        LIST_SEPARATOR.join(offer.target_group_list()), LIST_SEPARATOR.join(offer.residence_status_list()),
        loc.street if loc else "", loc.postal_code if loc else "", loc.city if loc else "",
        loc.district.slug if loc else "", yes(offer.is_free), offer.cost, yes(offer.registration_required),
        yes(offer.online), yes(offer.by_phone), yes(offer.wheelchair_accessible), offer.contact_name,
        offer.contact_email, offer.contact_phone, hours, offer.schedule_note,
        offer.valid_from.isoformat() if offer.valid_from else "",
        offer.valid_until.isoformat() if offer.valid_until else "", offer.status,
    ]  # fmt: skip


class _Echo:
    def write(self, value: str) -> str:
        return value


def export_rows_csv() -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(COLUMNS)
    for offer in _export_queryset().iterator(chunk_size=1000):
        yield writer.writerow([safe_cell(v) for v in _export_row(offer)])


def export_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Angebote")
    sheet.append(COLUMNS)
    for offer in _export_queryset().iterator(chunk_size=1000):
        sheet.append([safe_cell(v) for v in _export_row(offer)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

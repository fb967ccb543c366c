"""One helper per concept, used by every app: slugs, spreadsheet cells, JSON-LD."""

import json
from decimal import Decimal

import pytest

from beko.core.lib.json_ld import json_ld_script
from beko.core.lib.slugs import german_slug, unique_slug
from beko.core.lib.spreadsheet import safe_cell, unprotect_cell


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Stadtgespräche 2027", "stadtgespraeche-2027"),
        ("Öffnungszeiten für Größere", "oeffnungszeiten-fuer-groessere"),
        ("ÄRGER über Straße", "aerger-ueber-strasse"),
        ("مرحبا", ""),  # no Latin letters: the caller's fallback applies
        ("  --Hallo--  ", "hallo"),
    ],
)
def test_slugs_spell_umlauts_the_german_way(text, slug):
    assert german_slug(text) == slug


@pytest.mark.django_db
def test_unique_slug_counts_up_falls_back_and_avoids_reserved_words():
    from beko.core.models import Page

    Page.objects.create(slug="impressum-neu", title="x")
    queryset = Page.objects.all()
    assert unique_slug("Impressum neu", queryset=queryset, fallback="seite") == "impressum-neu-2"
    assert unique_slug("؟؟", queryset=queryset, fallback="seite") == "seite"
    assert unique_slug("Feed", queryset=queryset, fallback="seite", reserved={"feed"}) == (
        "feed-seite"
    )
    own = Page.objects.get(slug="impressum-neu")
    assert unique_slug("Impressum neu", queryset=queryset, fallback="s", exclude_pk=own.pk) == (
        "impressum-neu"
    )


@pytest.mark.parametrize(
    "hostile", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
)
def test_formula_cells_are_exported_as_text_and_read_back_unchanged(hostile):
    cell = safe_cell(hostile)
    assert cell == "'" + hostile
    assert unprotect_cell(cell) == hostile


def test_plain_text_and_numbers_pass_unchanged():
    assert safe_cell("Barmen") == "Barmen"
    assert safe_cell(None) == ""
    assert safe_cell(-3) == -3
    assert safe_cell(Decimal("-1.5")) == Decimal("-1.5")
    assert safe_cell(True) == "True"
    assert unprotect_cell("'Zitat") == "'Zitat"  # an apostrophe we did not add stays


def test_json_ld_cannot_close_its_script_element():
    text = json_ld_script({"name": "</script><script>alert(1)</script> & Café"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & Café"

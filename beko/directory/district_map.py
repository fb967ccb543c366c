"""The schematic map of Wuppertal's ten Stadtbezirke: one tile per district.

Not a true map (no boundaries; those would need openly licensed geodata): a tile cartogram
drawn for this site, with the districts roughly where they lie. The Wupper valley runs from
west to east through the middle row (Vohwinkel … Langerfeld-Beyenburg); Uellendahl-Katernberg
lies north of Elberfeld, Cronenberg and Ronsdorf to the south, Heckinghausen south of
Oberbarmen. Rendered on the server as SVG with a real link per district
(`directory/_district_map.html`); no map tiles, no requests to anyone else.

Districts are data (`District`); one without a place here still appears in the text list
beside the map, so adding an eleventh never hides it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

# slug -> (column, row, label lines). Columns may be halves: tiles sit between two above.
LAYOUT: dict[str, tuple[float, int, tuple[str, ...]]] = {
    "uellendahl-katernberg": (2, 0, ("Uellendahl-", "Katernberg")),
    "vohwinkel": (0, 1, ("Vohwinkel",)),
    "elberfeld-west": (1, 1, ("Elberfeld-", "West")),
    "elberfeld": (2, 1, ("Elberfeld",)),
    "barmen": (3, 1, ("Barmen",)),
    "oberbarmen": (4, 1, ("Oberbarmen",)),
    "langerfeld-beyenburg": (5, 1, ("Langerfeld-", "Beyenburg")),
    "cronenberg": (1.5, 2, ("Cronenberg",)),
    "ronsdorf": (3, 2, ("Ronsdorf",)),
    "heckinghausen": (4, 2, ("Hecking-", "hausen")),
}

TILE_W, TILE_H, GAP, PAD = 112, 76, 6, 4
COLUMNS, ROWS = 6, 3
WIDTH = PAD * 2 + COLUMNS * TILE_W + (COLUMNS - 1) * GAP
HEIGHT = PAD * 2 + ROWS * TILE_H + (ROWS - 1) * GAP


@dataclass(frozen=True)
class MapTile:
    slug: str
    name: str
    count: int
    url: str
    selected: bool
    level: int
    x: float
    y: float
    lines: tuple[tuple[float, str], ...]
    count_y: float

    @property
    def centre_x(self) -> float:
        return self.x + TILE_W / 2


@dataclass(frozen=True)
class DistrictMap:
    tiles: tuple[MapTile, ...]
    items: tuple[dict[str, Any], ...]
    selected: str = ""
    width: int = WIDTH
    height: int = HEIGHT
    tile_w: int = TILE_W
    tile_h: int = TILE_H


def _level(count: int, peak: int) -> int:
    """Shade 0 (no offers) to 3 (among the most): darker tiles have more offers."""
    if count <= 0 or peak <= 0:
        return 0
    share = count / peak
    return 3 if share > 2 / 3 else 2 if share > 1 / 3 else 1


def district_map(
    *,
    districts: Iterable[tuple[Any, int]],
    url_for: Callable[[str], str],
    selected: str = "",
) -> DistrictMap:
    """Tiles and the text list for `districts` as (district, number of offers) pairs."""
    rows = list(districts)
    peak = max((count for _district, count in rows), default=0)
    tiles, items = [], []
    for district, count in rows:
        url = url_for(district.slug)
        items.append(
            {
                "slug": district.slug,
                "name": district.name,
                "count": count,
                "url": url,
                "selected": district.slug == selected,
            }
        )
        place = LAYOUT.get(district.slug)
        if place is None:
            continue
        column, row, label = place
        x = PAD + column * (TILE_W + GAP)
        y = PAD + row * (TILE_H + GAP)
        # Name at the top (one or two lines), the number large underneath.
        first = y + (22 if len(label) == 2 else 28)
        lines = tuple((first + index * 17, text) for index, text in enumerate(label))
        tiles.append(
            MapTile(
                slug=district.slug,
                name=district.name,
                count=count,
                url=url,
                selected=district.slug == selected,
                level=_level(count, peak),
                x=x,
                y=y,
                lines=lines,
                count_y=y + TILE_H - 12,
            )
        )
    return DistrictMap(tiles=tuple(tiles), items=tuple(items), selected=selected)


EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance ("Luftlinie") between two points in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def offer_distance_km(offer: Any, district: Any) -> float | None:
    """Straight-line distance from the offer's nearest place to the centre of `district`.

    A place is taken at its own coordinates, or at its district's centre where staff entered
    none (no geocoding service is asked: no data leaves the server). None for an offer without
    places (online or by phone only) or a district without a centre.
    """
    if district.latitude is None or district.longitude is None:
        return None
    centre = (float(district.latitude), float(district.longitude))
    distances = []
    for location in offer.location_items:
        lat, lon = location.latitude, location.longitude
        if lat is None or lon is None:
            lat, lon = location.district.latitude, location.district.longitude
        if lat is not None and lon is not None:
            distances.append(haversine_km(float(lat), float(lon), *centre))
    return min(distances) if distances else None


def distance_label(km: float | None, *, district_name: str) -> str:
    """ "ca. 2 km zur Mitte von Barmen": rounded, as the places and centres are approximate."""
    if km is None:
        return ""
    if km < 1:
        return _("unter 1 km zur Mitte von %(district)s") % {"district": district_name}
    rounded = round(km * 2) / 2 if km < 10 else round(km)
    return _("ca. %(km)s km zur Mitte von %(district)s") % {
        "km": number_format(rounded, decimal_pos=0 if float(rounded).is_integer() else 1),
        "district": district_name,
    }

"""The world's countries: their outlines, codes and which one a point lies in.

Natural Earth's admin-0 outlines (public domain), simplified, are package data
in ``generator/data/natural-earth-world.json`` (see NATURAL-EARTH.md there, and
``make_natural_earth.py`` to regenerate it): for each ISO 3166 alpha-2 code,
the country's name, its ISO numeric code (ACLED's ``iso``), its bounding box
and its rings of longitude/latitude pairs. The maps (``site.geo``) draw them;
the cross-check warns of a place whose coordinates lie off its own country.
No MkDocs, no Jinja2, nothing of any one chronicle here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from babel import Locale

DATA = Path(__file__).resolve().parent.parent / "data" / "natural-earth-world.json"
# A place this close to its country's outline (in degrees, about 30 km) is taken to be in
# it: the outlines are simplified, and a town on a border or a coast may fall just outside.
NEAR = 0.3
# A place farther than this from every outline (in degrees) is far out to sea.
FAR = 2.0
_ENGLISH = Locale.parse("en")


@cache
def outlines() -> dict[str, dict]:
    """alpha-2 code -> {'name', 'iso_n3', 'box': [west, south, east, north], 'rings'}."""
    return json.loads(DATA.read_text(encoding="utf-8"))["countries"]


def iso_numeric(code: str | None) -> str:
    """'SD' -> '729', the ISO 3166 numeric code; '' for a code without one."""
    return outlines().get(code or "", {}).get("iso_n3", "")


def _in_ring(lon: float, lat: float, ring: Sequence[Sequence[float]]) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        (xi, yi), (xj, yj) = ring[i], ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _segment_distance(lon: float, lat: float, a: Sequence[float], b: Sequence[float]) -> float:
    (x1, y1), (x2, y2) = a, b
    dx, dy = x2 - x1, y2 - y1
    t = 0.0 if dx == dy == 0 else ((lon - x1) * dx + (lat - y1) * dy) / (dx * dx + dy * dy)
    t = max(0.0, min(1.0, t))
    return math.hypot(lon - x1 - t * dx, lat - y1 - t * dy)


def distance(code: str, lon: float, lat: float) -> float:
    """How far a point lies from the country's outline, in degrees; 0 inside it."""
    country = outlines().get(code)
    if country is None:
        return math.inf
    west, south, east, north = country["box"]
    # Far outside the box: the distance to the box is enough to tell.
    box = math.hypot(max(west - lon, 0, lon - east), max(south - lat, 0, lat - north))
    if box > FAR:
        return box
    rings = country["rings"]
    if sum(_in_ring(lon, lat, ring) for ring in rings) % 2:
        return 0.0
    return min(
        _segment_distance(lon, lat, ring[i - 1], ring[i])
        for ring in rings
        for i in range(len(ring))
    )


def countries_at(lon: float, lat: float) -> tuple[str, ...]:
    """The codes of the countries whose outline holds the point (most often one, or none)."""
    out = []
    for code, country in outlines().items():
        west, south, east, north = country["box"]
        if west <= lon <= east and south <= lat <= north and distance(code, lon, lat) == 0:
            out.append(code)
    return tuple(out)


def name(code: str) -> str:
    """'TD' -> 'Chad (TD)': the country's English name through Babel, with its code."""
    return f"{_ENGLISH.territories.get(code, code)} ({code})"


def off_country(code: str | None, lon: float, lat: float) -> str | None:
    """Why a place's coordinates do not fit its country code (or, without a code, lie far
    from every country), or None when they fit.

    Within ``NEAR`` of its country's outline a place fits (the outlines are simplified);
    a code without an outline (a territory too small for the data) is not questioned.
    """
    near = _near_codes(lon, lat)
    far = all(distance(c, lon, lat) > FAR for c in near)
    where = f"{lat:g}, {lon:g}"
    if code is None or code not in outlines():
        if far:
            return f"{where} lies far from every country's outline: check lat and lon"
        return None
    if distance(code, lon, lat) <= NEAR:
        return None
    inside = [c for c in countries_at(lon, lat) if c != code]
    if inside:
        return (
            f"{where} lies in {' / '.join(name(c) for c in inside)}, not in {name(code)}, "
            "the place's country: check lat, lon and country"
        )
    if far:
        return (
            f"{where} lies far from every country's outline, not in {name(code)}: check lat and lon"
        )
    return f"{where} lies outside {name(code)}, the place's country: check lat, lon and country"


def _near_codes(lon: float, lat: float) -> list[str]:
    out = []
    for code, country in outlines().items():
        west, south, east, north = country["box"]
        if west - FAR <= lon <= east + FAR and south - FAR <= lat <= north + FAR:
            out.append(code)
    return out

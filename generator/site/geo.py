"""Maps of Mali drawn at build time as inline SVG: no tile server, no script.

The country outlines (Mali and its neighbours) come from Natural Earth, in
``generator/data/natural-earth-mali.json`` (see NATURAL-EARTH.md there, and
``make_natural_earth.py`` to regenerate it). Each located place is a dot
linking to its page, its area growing with its number of events; places
without coordinates are listed under the map, never dropped.

``map_html`` returns one HTML block (a ``<figure>``) for a page; every name in
it is escaped. The projection is equirectangular, stretched by the cosine of
the map's middle latitude so that Mali keeps its shape.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from ..content.model import Location

DATA = Path(__file__).resolve().parent.parent / "data" / "natural-earth-mali.json"

# The map's extent: Mali with a margin, in degrees.
WEST, EAST, SOUTH, NORTH = -12.8, 6.2, 9.6, 25.6
WIDTH = 600.0
_STRETCH = math.cos(math.radians((SOUTH + NORTH) / 2))
SCALE = WIDTH / ((EAST - WEST) * _STRETCH)
HEIGHT = round((NORTH - SOUTH) * SCALE, 1)
LABEL_EM = 8.5  # the width of a character of a place's name, roughly, in map units

# Where each neighbour's name is written (longitude, latitude), inside the view.
NEIGHBOUR_LABELS = {
    "DZ": (1.5, 24.6),
    "NE": (4.4, 13.9),
    "BF": (-1.6, 12.2),
    "CI": (-6.0, 9.9),
    "GN": (-10.6, 10.4),
    "SN": (-12.5, 13.6),
    "MR": (-9.5, 19.0),
}


@dataclass(frozen=True)
class Place:
    """A location as the map shows it: its entry, its events and its link."""

    location: Location
    events: int
    url: str  # relative to the page the map is on
    highlight: bool = False


def project(lon: float, lat: float, digits: int = 1) -> tuple[float, float]:
    """SVG coordinates (x right, y down) of a point in degrees."""
    return round((lon - WEST) * _STRETCH * SCALE, digits), round((NORTH - lat) * SCALE, digits)


@lru_cache(maxsize=1)
def outlines() -> dict[str, dict]:
    """The countries of the data file: alpha-2 code -> {'name', 'rings'}."""
    return json.loads(DATA.read_text(encoding="utf-8"))["countries"]


def _path(rings: Iterable[Sequence[Sequence[float]]]) -> str:
    parts = []
    for ring in rings:
        # Whole map units (about a pixel) are fine enough for outlines.
        points = [project(lon, lat, 0) for lon, lat in ring]
        points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
        parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in points) + "Z")
    return "".join(parts)


@lru_cache(maxsize=2)
def _base(compact: bool = False) -> str:
    """The outlines and neighbours' names, the same on every map; Mali alone when compact."""
    countries = outlines()
    mali = f'<path class="map-mali" d="{_path(countries["ML"]["rings"])}"></path>'
    if compact:
        return mali
    rings = [ring for code, c in countries.items() if code != "ML" for ring in c["rings"]]
    out = [f'<path class="map-neighbour" d="{_path(rings)}"></path>', mali]
    for code, (lon, lat) in NEIGHBOUR_LABELS.items():
        if code in countries:
            x, y = project(lon, lat)
            name = html.escape(countries[code]["name"])
            out.append(
                f'<text class="map-country" x="{x:g}" y="{y:g}" aria-hidden="true">{name}</text>'
            )
    return "".join(out)


def radius(events: int) -> float:
    """A dot's radius: its area grows with the number of events."""
    return round(4 + 3 * math.sqrt(max(events, 0)), 1)


def _events(n: int) -> str:
    return f"{n} event{'s' if n != 1 else ''}"


def size_key(counts: Sequence[int]) -> str:
    """The key to the dots' sizes (top left, over Mauritania): 1, the most, and between."""
    top = max(counts, default=0)
    if top <= 1:
        return ""
    sizes = sorted({1, top} | ({(top + 1) // 2} if top >= 4 else set()))
    out = ['<text class="map-key" x="12" y="20" aria-hidden="true">Events</text>']
    x = 12.0
    for size in sizes:
        r = radius(size)
        out.append(
            f'<circle class="map-key-dot" cx="{x + r:g}" cy="{34 + radius(top):g}" r="{r:g}" '
            f'aria-hidden="true"></circle><text class="map-key" x="{x + r:g}" '
            f'y="{48 + 2 * radius(top):g}" text-anchor="middle" aria-hidden="true">{size}</text>'
        )
        x += 2 * r + 14
    return "".join(out)


def map_svg(
    places: Sequence[Place], label: str, compact: bool = False, names_of_all: bool = True
) -> Markup:
    """The SVG map of the located places (the largest drawn first, so small dots stay on top).

    A compact map (an event's places) draws Mali alone, without neighbours or size key.
    Without ``names_of_all`` only the highlighted places are named on the map (every dot
    keeps its accessible name and tooltip).
    """
    located = [p for p in places if p.location.lat is not None and p.location.lon is not None]
    located.sort(key=lambda p: (p.highlight, -p.events, p.location.id))
    dots, names = [], []
    for place in located:
        loc = place.location
        x, y = project(loc.lon, loc.lat)
        r = radius(place.events)
        css = "map-place map-highlight" if place.highlight else "map-place"
        name = html.escape(f"{loc.name}: {_events(place.events)}")
        dots.append(
            f'<a class="{css}" href="{html.escape(place.url)}" aria-label="{name}" '
            f'data-location="{html.escape(loc.id)}"><title>{name}</title>'
            f'<circle cx="{x:g}" cy="{y:g}" r="{r:g}"></circle></a>'
        )
        if not (names_of_all or place.highlight):
            continue
        # A name that would run past the right edge is written to the dot's left.
        right = x + r + 2 + LABEL_EM * len(loc.name) <= WIDTH
        anchor = f'x="{x + r + 2:g}"' if right else f'x="{x - r - 2:g}" text-anchor="end"'
        names.append(
            f'<text class="map-label{" map-label-highlight" if place.highlight else ""}" '
            f'{anchor} y="{y + 4:g}" aria-hidden="true">{html.escape(loc.name)}</text>'
        )
    return Markup(
        f'<svg class="map{" map-compact" if compact else ""}" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" role="group" '
        f'aria-label="{html.escape(label)}">'
        f"{_base(compact)}{'' if compact else size_key([p.events for p in located])}"
        f"{''.join(names)}{''.join(dots)}</svg>"
    )


def map_html(
    places: Sequence[Place],
    label: str,
    caption: str,
    list_unlocated: bool = True,
    compact: bool = False,
    names_of_all: bool = True,
) -> Markup:
    """A figure: the map, its caption, then the places it cannot show, each linked."""
    unlocated = [p for p in places if p.location.lat is None or p.location.lon is None]
    if not list_unlocated:
        unlocated = []
    # Kept out of the search index: every map would otherwise match "Niger" or "Kidal".
    out = [
        f'<figure class="map-figure" data-search-exclude>{map_svg(places, label, compact, names_of_all)}'
    ]
    out.append(f"<figcaption>{html.escape(caption)}</figcaption>")
    if unlocated:
        items = "".join(
            f'<li><a href="{html.escape(p.url)}">{html.escape(p.location.name)}</a> '
            f'<span class="count">{_events(p.events)}</span></li>'
            for p in sorted(unlocated, key=lambda p: p.location.name)
        )
        out.append(
            '<div class="map-unlocated"><p>Not on the map (no coordinates recorded):</p>'
            f"<ul>{items}</ul></div>"
        )
    out.append("</figure>")
    return Markup("".join(out))


def around(places: Sequence[Place], others: int) -> list[Place]:
    """The highlighted places and, as context, the ``others`` located places with most events."""
    lit = [p for p in places if p.highlight]
    rest = [p for p in places if not p.highlight and p.location.lat is not None]
    rest.sort(key=lambda p: (-p.events, p.location.id))
    return lit + rest[:others]


def places_of(
    locations: Iterable[Location],
    count: Callable[[str], int],
    href: Callable[[Location], str],
    highlight: Iterable[str] = (),
) -> list[Place]:
    """Places for ``map_html``: each location with its count, link and highlight."""
    lit = set(highlight)
    return [Place(loc, count(loc.id), href(loc), loc.id in lit) for loc in locations]

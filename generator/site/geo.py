"""Maps of any chronicle, drawn at build time as inline SVG: no tile server, no script.

The country outlines are Natural Earth's admin-0 countries of the whole world
(``content.countries``; public domain). Nothing here names a country: each
map's extent, the countries it draws and its name come from the places it shows.

- Its **view** (:func:`view_of`) is the bounding box of its located places with
  a margin. The countries those places lie in (their ``country`` codes, else
  the outline that holds them) are drawn in full when they are not much larger
  than the places' spread (a chronicle of one or two countries is drawn whole),
  in the chronicle's own style; every other country the view reaches is drawn in
  the lighter style, its name written inside the view where there is room. A
  place outside every outline, or far from the rest, widens the view: no dot is
  ever dropped or drawn off the map.
- Its **name** (:func:`map_name`) names the countries of its places, from their
  ISO 3166 codes through Babel: "Map of Sudan and Chad".
- Each located place is a dot linking to its page, its area growing with its
  number of events; places without coordinates are listed under the map.

``map_html`` returns one HTML block (a ``<figure>``) for a page; every name in
it is escaped. The projection is equirectangular, stretched by the cosine of
the view's middle latitude so that the countries keep their shape.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from babel.lists import format_list
from markupsafe import Markup

from ..content.countries import countries_at, outlines
from ..content.model import Location
from . import labels
from .geometry import area_centroid, clip, inside
from .i18n import ENGLISH, Words

WIDTH = 600.0
# The view's height is kept between these shares of its width, by widening the box.
TALLEST, FLATTEST = 1.25, 0.5
# The width of a character of a place's name, roughly, in map units, as a 340px-wide phone
# shows it: chronicle.css draws the map's text larger as the map narrows (15px on a wide
# screen, 20.7 map units below 360px), so that it is never shown smaller than 11px.
LABEL_EM = 11.7
COUNTRY_EM = 9.0  # of a country's name (12px capitals, spaced) on a wide screen
MARGIN = 0.08  # of the places' spread, on each side
MIN_MARGIN = 0.6  # degrees
MIN_SPAN = 2.5  # degrees: the smallest view (one place, or places close together)
NEIGHBOURHOOD = 4.0  # degrees: the smallest view of a location page's map
# An own country is drawn whole when its box is no larger than this many times the
# places' spread, or than WHOLE degrees: a chronicle of one country is drawn with all of it;
# one of a few places in a vast country is not drawn as a map of the whole country.
WHOLE_FACTOR, WHOLE = 3.0, 25.0


@dataclass(frozen=True)
class Place:
    """A location as the map shows it: its entry, its events and its link."""

    location: Location
    events: int
    url: str  # relative to the page the map is on
    highlight: bool = False


@dataclass(frozen=True)
class View:
    """What a map shows: a box in degrees, and the countries drawn as the chronicle's own."""

    west: float
    south: float
    east: float
    north: float
    own: tuple[str, ...] = ()  # alpha-2 codes, the most places first

    @property
    def stretch(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def scale(self) -> float:
        return WIDTH / ((self.east - self.west) * self.stretch)

    @property
    def height(self) -> float:
        return round((self.north - self.south) * self.scale, 1)

    def project(self, lon: float, lat: float, digits: int = 1) -> tuple[float, float]:
        """SVG coordinates (x right, y down) of a point in degrees."""
        scale = self.scale
        x = (lon - self.west) * self.stretch * scale
        return round(x, digits), round((self.north - lat) * scale, digits)


def _drawn(place: Place) -> bool:
    """Whether the map draws the place as a point: it has coordinates that stand for more
    than the whole country (a country-level point would look like a place in it)."""
    loc = place.location
    return loc.lat is not None and loc.lon is not None and loc.geo_precision != "country"


def _located(places: Iterable[Place]) -> list[Place]:
    return [p for p in places if _drawn(p)]


def countries_of(places: Iterable[Place]) -> tuple[str, ...]:
    """The countries of the located places: their codes (else the outline that holds
    them), the country with most places first, then by code."""
    count: Counter[str] = Counter()
    for place in _located(places):
        loc = place.location
        codes = (loc.country,) if loc.country else countries_at(loc.lon, loc.lat)
        count.update(codes)
    return tuple(sorted(count, key=lambda code: (-count[code], code)))


def map_name(codes: Sequence[str], words: Words = ENGLISH) -> str:
    """'Map of Sudan and Chad': the countries' names through Babel (CLDR), in the
    interface's language ('Carte du Soudan et du Tchad' is beyond a list: 'Carte : Soudan
    et Tchad')."""
    if not codes:
        return words.gettext("Map of the chronicle's places")
    names = [labels.country(code, words.locale) for code in codes]
    return words.gettext("Map of %(countries)s", countries=format_list(names, locale=words.locale))


def view_of(places: Sequence[Place], whole_countries: bool = True, least: float = MIN_SPAN) -> View:
    """The view of a map of these places (see the module's documentation)."""
    located = _located(places)
    own = countries_of(located)
    lons = [p.location.lon for p in located]
    lats = [p.location.lat for p in located]
    if not located:  # nothing to show but the countries, or the world
        boxes = [outlines()[c]["box"] for c in own if c in outlines()] or [[-170, -58, 180, 80]]
        lons = [b[0] for b in boxes] + [b[2] for b in boxes]
        lats = [b[1] for b in boxes] + [b[3] for b in boxes]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    spread = max(east - west, north - south)
    if whole_countries:
        for code in own:
            box = outlines().get(code, {}).get("box")
            if box and max(box[2] - box[0], box[3] - box[1]) <= max(WHOLE_FACTOR * spread, WHOLE):
                west, south = min(west, box[0]), min(south, box[1])
                east, north = max(east, box[2]), max(north, box[3])
    # A margin, then the smallest extent, then a shape between flat and tall.
    dx = max(MIN_MARGIN, MARGIN * (east - west))
    dy = max(MIN_MARGIN, MARGIN * (north - south))
    west, east, south, north = west - dx, east + dx, south - dy, north + dy
    west, east = _at_least(west, east, least)
    south, north = _at_least(south, north, least)
    south, north = max(south, -85.0), min(north, 85.0)
    stretch = math.cos(math.radians((south + north) / 2))
    ratio = (north - south) / ((east - west) * stretch)
    if ratio > TALLEST:
        west, east = _at_least(west, east, (north - south) / (TALLEST * stretch))
    elif ratio < FLATTEST:
        south, north = _at_least(south, north, FLATTEST * (east - west) * stretch)
    return View(*(round(v, 3) for v in (west, south, east, north)), own=own)


def _at_least(low: float, high: float, span: float) -> tuple[float, float]:
    grow = (span - (high - low)) / 2
    return (low - grow, high + grow) if grow > 0 else (low, high)


@lru_cache(maxsize=512)
def _base(view: View, compact: bool = False, name_own: bool = False) -> str:
    """The outlines in the view, the chronicle's own countries over the others', and the
    names of the countries with room for them (none on a compact map)."""
    height = view.height
    pad = 0.04 * (view.east - view.west)  # clipped edges fall outside the view, unseen
    box = (view.west - pad, view.south - pad, view.east + pad, view.north + pad)
    own, others, names = [], [], []
    for code, country in outlines().items():
        west, south, east, north = country["box"]
        if east < box[0] or west > box[2] or north < box[1] or south > box[3]:
            continue
        mine = code in view.own
        largest = (0.0, 0.0, 0.0)
        for ring in country["rings"]:
            clipped = clip(ring, box)
            if len(clipped) < 3:
                continue
            points = [view.project(lon, lat, 0) for lon, lat in clipped]
            points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
            if len(points) < 3:
                continue
            (own if mine else others).append(
                "M" + "L".join(f"{x:g} {y:g}" for x, y in points) + "Z"
            )
            inner = [view.project(lon, lat) for lon, lat in clip(ring, _inset(view))]
            if len(inner) >= 3:
                area, cx, cy = area_centroid(inner)
                if area > largest[0] and inside(cx, cy, inner):
                    largest = (area, cx, cy)
        if compact or (mine and not name_own) or not largest[0]:
            continue
        name = labels.country(code)
        half = COUNTRY_EM * len(name) / 2
        area, cx, cy = largest
        # Only where the name fits: inside the view, and in a part of the country big enough.
        if area < (2 * half) * 30 or not (half < cx < WIDTH - half and 14 < cy < height - 6):
            continue
        names.append(
            f'<text class="map-country" x="{cx:.1f}" y="{cy:.1f}" text-anchor="middle" '
            f'aria-hidden="true">{html.escape(name)}</text>'
        )
    out = []
    if others:
        out.append(f'<path class="map-neighbour" d="{"".join(others)}"></path>')
    if own:
        out.append(f'<path class="map-home" d="{"".join(own)}"></path>')
    return "".join(out + names)


def _inset(view: View) -> tuple[float, float, float, float]:
    """The view less a small border: a country's name is placed in what it shows of it."""
    dx, dy = 0.03 * (view.east - view.west), 0.03 * (view.north - view.south)
    return (view.west + dx, view.south + dy, view.east - dx, view.north - dy)


def radius(events: int) -> float:
    """A dot's radius: its area grows with the number of events."""
    return round(4 + 3 * math.sqrt(max(events, 0)), 1)


def _events(n: int, words: Words = ENGLISH) -> str:
    return words.ngettext("%(num)s event", "%(num)s events", n, num=words.number(n))


def size_key(counts: Sequence[int], words: Words = ENGLISH) -> str:
    """The key to the dots' sizes (top left): 1, the most, and between."""
    top = max(counts, default=0)
    if top <= 1:
        return ""
    sizes = sorted({1, top} | ({(top + 1) // 2} if top >= 4 else set()))
    key = html.escape(words.gettext("Events"))
    out = [f'<text class="map-key" x="12" y="20" aria-hidden="true">{key}</text>']
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
    places: Sequence[Place],
    label: str,
    compact: bool = False,
    names_of_all: bool = True,
    view: View | None = None,
    words: Words = ENGLISH,
) -> Markup:
    """The SVG map of the located places (the largest drawn first, so small dots stay on top).

    ``label`` follows the map's name in its accessible name ("Map of Sudan and Chad: label").
    A compact map (an event's places) has no country names or size key. Without
    ``names_of_all`` only the highlighted places are named on the map (every dot keeps
    its accessible name and tooltip).
    """
    view = view or view_of(places)
    located = _located(places)
    located.sort(key=lambda p: (p.highlight, -p.events, p.location.id))
    dots, names = [], []
    for place in located:
        loc = place.location
        x, y = view.project(loc.lon, loc.lat)
        r = radius(place.events)
        css = "map-place map-highlight" if place.highlight else "map-place"
        name = html.escape(f"{loc.name}: {_events(place.events, words)}")
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
    name = map_name(view.own, words)
    full = f"{name}: {label}" if label else name
    return Markup(
        f'<svg class="map{" map-compact" if compact else ""}" '
        f'viewBox="0 0 {WIDTH:g} {view.height:g}" role="group" aria-label="{html.escape(full)}">'
        f"{_base(view, compact, len(view.own) > 1)}"
        f"{'' if compact else size_key([p.events for p in located], words)}"
        f"{''.join(names)}{''.join(dots)}</svg>"
    )


def map_html(
    places: Sequence[Place],
    label: str,
    caption: str,
    list_unlocated: bool = True,
    compact: bool = False,
    names_of_all: bool = True,
    neighbourhood: bool = False,
    words: Words = ENGLISH,
) -> Markup:
    """A figure: the map, its caption (after the map's name), then the places it cannot
    show, each linked. A ``neighbourhood`` map (a location page's) is the box of its
    places alone, not their whole countries."""
    unlocated = [p for p in places if not _drawn(p)]
    if not list_unlocated:
        unlocated = []
    if neighbourhood:
        view = view_of(places, whole_countries=False, least=NEIGHBOURHOOD)
    else:
        view = view_of(places)
    # Kept out of the search index: every map would otherwise match its neighbours' names.
    svg = map_svg(places, label, compact, names_of_all, view, words)
    out = [f'<figure class="map-figure" data-search-exclude>{svg}']
    text = map_name(view.own, words) + (f". {caption}" if caption else ".")
    out.append(f"<figcaption>{html.escape(text)}</figcaption>")
    if unlocated:
        items = "".join(
            f'<li><a href="{html.escape(p.url)}">{html.escape(p.location.name)}</a> '
            f'<span class="count">{_events(p.events, words)}</span></li>'
            for p in sorted(unlocated, key=lambda p: p.location.name)
        )
        out.append(
            '<div class="map-unlocated"><p>'
            + html.escape(words.gettext("Not on the map (no coordinates recorded):"))
            + "</p>"
            f"<ul>{items}</ul></div>"
        )
    out.append("</figure>")
    return Markup("".join(out))


def around(places: Sequence[Place], others: int) -> list[Place]:
    """The highlighted places and, as their neighbourhood, the ``others`` located places
    nearest to them (the busiest first among equally near ones)."""
    lit = [p for p in places if p.highlight]
    centres = [(p.location.lon, p.location.lat) for p in _located(lit)]
    rest = [p for p in _located(places) if not p.highlight]

    def nearness(place: Place) -> tuple:
        lon, lat = place.location.lon, place.location.lat
        stretch = math.cos(math.radians(lat))
        near = min((math.hypot((lon - x) * stretch, lat - y) for x, y in centres), default=0.0)
        return (round(near, 6), -place.events, place.location.id)

    rest.sort(key=nearness)
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

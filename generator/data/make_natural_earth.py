"""Regenerate natural-earth-mali.json from Natural Earth's admin-0 countries.

The outlines come from Natural Earth 1:50m Admin 0 - Countries (public
domain), as redistributed in TopoJSON by the npm package ``world-atlas``
(version 2.0.2). From the repository root::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python generator/data/make_natural_earth.py package/countries-50m.json

The script decodes the TopoJSON, keeps Mali and its neighbours, clips the
neighbours to the box around Mali that the maps show, simplifies each ring
(Douglas-Peucker: 0.015 degrees for Mali, 0.04 for its neighbours) and
writes longitude/latitude pairs rounded to 0.01 degree: a file of a few
kilobytes that the site's maps are drawn from at build time.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "natural-earth-mali.json"
# ISO 3166-1 numeric code -> alpha-2, for Mali and the countries around it.
COUNTRIES = {
    "466": "ML",
    "012": "DZ",
    "562": "NE",
    "854": "BF",
    "384": "CI",
    "324": "GN",
    "686": "SN",
    "478": "MR",
}
TOLERANCE = {"ML": 0.015}
NEIGHBOUR_TOLERANCE = 0.04
# What the maps can show (generator/site/geo.py draws -12.8 to 6.2 east, 9.6 to 25.6 north),
# with a margin: west, south, east, north.
CLIP = (-14.0, 8.5, 7.5, 26.5)


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _distance(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def simplify(points: list, tolerance: float) -> list:
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        far, index = 0.0, None
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > far:
                far, index = d, i
        if index is not None and far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def clip(points: list, box: tuple[float, float, float, float]) -> list:
    """The part of a closed ring inside a box (Sutherland-Hodgman)."""
    west, south, east, north = box
    edges = (
        (lambda p: p[0] >= west, lambda a, b: _cross_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _cross_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _cross_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _cross_y(a, b, north)),
    )
    out = points[:-1] if points and points[0] == points[-1] else list(points)
    for inside, cross in edges:
        ring, out = out, []
        for i, current in enumerate(ring):
            previous = ring[i - 1]
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
    return out + out[:1]


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def reduce(topology: dict) -> dict:
    arcs = decode_arcs(topology)
    countries = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = COUNTRIES.get(geometry.get("id"))
        if code is None:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = []
        for polygon in polygons:
            for indexes in polygon:
                points = ring(indexes, arcs)
                if code != "ML":
                    points = clip(points, CLIP)
                points = simplify(points, TOLERANCE.get(code, NEIGHBOUR_TOLERANCE))
                if len(points) >= 4:
                    rings.append([[round(x, 2), round(y, 2)] for x, y in points])
        countries[code] = {"name": geometry["properties"]["name"], "rings": rings}
    return {
        "source": "Natural Earth 1:50m Admin 0 - Countries, version 4.1.0 "
        "(public domain), via the npm package world-atlas 2.0.2",
        "countries": dict(sorted(countries.items())),
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    data = reduce(json.loads(Path(argv[1]).read_text(encoding="utf-8")))
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

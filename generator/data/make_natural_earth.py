"""Regenerate natural-earth-world.json from Natural Earth's admin-0 countries.

The outlines come from Natural Earth 1:50m Admin 0 - Countries (public
domain), as redistributed in TopoJSON by the npm package ``world-atlas``
(version 2.0.2), whose ids are the ISO 3166-1 numeric codes. From the
repository root, with ``pycountry`` installed (``pip install pycountry``: it
maps the numeric codes to alpha-2, for this script only)::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python generator/data/make_natural_earth.py package/countries-50m.json

The script decodes the TopoJSON, keeps every country, simplifies each ring
(Douglas-Peucker, 0.03 degrees) and writes longitude/latitude pairs rounded to
0.01 degree, with each country's alpha-2 code, ISO numeric code, Natural
Earth name and bounding box: the file the site's maps are drawn from at build
time. Outlines without an ISO code of their own (Somaliland, Northern Cyprus)
are kept as parts of the country whose code covers them, since places there
carry that code; Kosovo is ``XK``, as Babel and most data sets write it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "natural-earth-world.json"
TOLERANCE = 0.03
# Outlines of world-atlas without an ISO numeric id: the alpha-2 code their places carry.
WITHOUT_ID = {"Somaliland": "SO", "N. Cyprus": "CY", "Kosovo": "XK"}
NUMERIC = {"XK": ""}  # no ISO 3166 numeric code exists


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


def alpha2(numeric: str) -> str | None:
    import pycountry

    found = pycountry.countries.get(numeric=numeric)
    return found.alpha_2 if found else None


def reduce(topology: dict) -> dict:
    arcs = decode_arcs(topology)
    countries: dict[str, dict] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        numeric = geometry.get("id")
        code = alpha2(numeric) if numeric else WITHOUT_ID.get(name)
        if code is None:
            continue  # no code to find it by (Siachen Glacier, Indian Ocean Territories)
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = []
        for polygon in polygons:
            for indexes in polygon:
                points = simplify(ring(indexes, arcs), TOLERANCE)
                points = [(round(x, 2), round(y, 2)) for x, y in points]
                points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
                if len(points) >= 4:
                    rings.append([list(p) for p in points])
        if not rings:
            continue
        entry = countries.setdefault(
            code, {"name": name, "iso_n3": numeric or NUMERIC.get(code, ""), "rings": []}
        )
        if numeric:  # the country's own name and code over those of a part without an id
            entry["name"], entry["iso_n3"] = name, numeric
        entry["rings"].extend(rings)
    for entry in countries.values():
        xs = [x for r in entry["rings"] for x, _ in r]
        ys = [y for r in entry["rings"] for _, y in r]
        entry["box"] = [min(xs), min(ys), max(xs), max(ys)]
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

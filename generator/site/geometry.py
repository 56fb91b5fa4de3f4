"""Plane geometry of the maps' outlines (``geo.py``): a ring clipped to the view, its area
and centroid, and whether a point lies inside it."""

from __future__ import annotations

from collections.abc import Sequence


def clip(points: Sequence[Sequence[float]], box: tuple[float, float, float, float]) -> list:
    """The part of a closed ring inside a box (Sutherland-Hodgman)."""
    west, south, east, north = box
    edges = (
        (lambda p: p[0] >= west, lambda a, b: cross_at(a, b, 0, west)),
        (lambda p: p[0] <= east, lambda a, b: cross_at(a, b, 0, east)),
        (lambda p: p[1] >= south, lambda a, b: cross_at(a, b, 1, south)),
        (lambda p: p[1] <= north, lambda a, b: cross_at(a, b, 1, north)),
    )
    out = list(points[:-1]) if points and points[0] == points[-1] else list(points)
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
    return out


def cross_at(a, b, axis: int, value: float) -> tuple[float, float]:
    t = (value - a[axis]) / (b[axis] - a[axis])
    other = a[1 - axis] + t * (b[1 - axis] - a[1 - axis])
    return (value, other) if axis == 0 else (other, value)


def area_centroid(ring: Sequence[Sequence[float]]) -> tuple[float, float, float]:
    """The ring's area and centroid, in the units of its points."""
    area = cx = cy = 0.0
    for i in range(len(ring)):
        (x0, y0), (x1, y1) = ring[i - 1], ring[i]
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-9:
        return 0.0, 0.0, 0.0
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


def inside(x: float, y: float, ring: Sequence[Sequence[float]]) -> bool:
    inside = False
    for i in range(len(ring)):
        (xi, yi), (xj, yj) = ring[i], ring[i - 1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
    return inside

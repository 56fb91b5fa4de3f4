"""The published JSON Schema of each kind of front matter, derived from the schema's
declarations (``schema.py``): editors and other tools validate content with it, and the
site publishes it under ``/schema/``.
"""

from __future__ import annotations

from .schema import FOLDERS, KINDS, Field
from .vocabulary import FIGURE_PATTERN, ID_PATTERN, MAX_TEXT, YEAR_MAX, YEAR_MIN


def _field_schema(field: Field) -> dict:
    text = {"type": "string", "minLength": 1}
    if field.type in ("text", "longtext"):
        schema = dict(text)
        if field.pattern:
            schema["pattern"] = field.pattern
        schema["maxLength"] = MAX_TEXT
    elif field.type == "date":  # a bare year (date: 2025) reads as a number in YAML
        schema = {
            "anyOf": [
                {"type": "string", "pattern": field.pattern},
                {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX},
            ]
        }
    elif field.type == "url":
        schema = {"type": "string", "pattern": field.pattern}
    elif field.type == "id":
        schema = {"type": "string", "pattern": ID_PATTERN}
    elif field.type in ("ids", "texts"):
        item = {"type": "string", "pattern": ID_PATTERN} if field.type == "ids" else dict(text)
        if field.type == "texts" and field.pattern:
            item["pattern"] = field.pattern
        schema = {"type": "array", "items": item}
        if field.required:
            schema["minItems"] = 1
    elif field.type == "choice":
        schema = {"type": "string", "enum": list(field.choices)}
    elif field.type == "number":
        schema = {"type": "number", "minimum": field.minimum, "maximum": field.maximum}
    elif field.type == "figure":
        schema = {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": FIGURE_PATTERN},
            ]
        }
    elif field.type == "claimant":
        schema = dict(text)
    elif field.type == "supersedes":
        schema = {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": ID_PATTERN},
            ]
        }
    elif field.type == "records":
        schema = {"type": "array", "items": object_schema(field.fields)}
        if field.max_items:
            schema["maxItems"] = field.max_items
    else:  # pragma: no cover - a declaration error, caught by the tests
        raise ValueError(f"unknown field type {field.type}")
    schema["description"] = field.help
    return schema


def object_schema(fields: tuple[Field, ...]) -> dict:
    """The JSON Schema of a mapping with these fields."""
    schema: dict = {
        "type": "object",
        "properties": {f.name: _field_schema(f) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }
    names = {f.name for f in fields}
    if {"lat", "lon"} <= names:
        schema["dependentRequired"] = {"lat": ["lon"], "lon": ["lat"]}
    if "says" in names and "figure" in names and "note" in names:
        schema["anyOf"] = [{"required": ["figure"]}, {"required": ["says"]}]
    return schema


def json_schema(kind: str, base_url: str = "") -> dict:
    """The JSON Schema (draft 2020-12) of one kind of front matter."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{base_url}schema/{kind}.json",
        "title": f"conflict-chronicle {kind}",
        "description": f"Front matter of a file in content/{FOLDERS[kind]}/.",
    }
    schema.update(object_schema(KINDS[kind]))
    return schema

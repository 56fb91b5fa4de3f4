"""`chronicle schema`: the JSON Schemas agree with the validator, and the site publishes them.

Front matter is read as the YAML language server of an editor reads it
(YAML 1.2: `2024-07-25` stays text), which is what the chronicle's own loader
does. Each bad fixture in tests/cli/schema/ is named ``<kind>_<case>.md``;
the validator must refuse it with the exact line below and the schema must
refuse it for the reason named.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import frontmatter
import pytest
import yaml
from jsonschema import Draft202012Validator

from generator.content.document import _Loader
from generator.content.schema import FOLDERS, KINDS
from tests.conftest import CONTENT, FIXTURE, ROOT
from tests.test_cli import SITE_URL, run

CASES_DIR = ROOT / "tests" / "cli" / "schema"

# Per fixture: the JSON Schema keywords that refuse it, and the line `chronicle check` prints.
CASES: dict[str, tuple[set[str], list[str]]] = {
    "event_missing_summary": (
        {"required"},
        ["content/events/2024/event-missing-summary.md:2: summary: is required"],
    ),
    "event_actors_not_a_list": (
        {"type"},
        ["content/events/2024/event-actors-not-a-list.md:6: actors: must be a list, not text"],
    ),
    "event_type_not_a_choice": (
        {"enum"},
        [
            (
                "content/events/2024/event-type-not-a-choice.md:5: type: 'skirmish' is not one of: "
                "battles, explosions-remote-violence, violence-against-civilians, protests, riots, "
                "strategic-developments"
            )
        ],
    ),
    "event_date_not_a_date": (
        {"anyOf"},
        [
            (
                "content/events/2024/event-date-not-a-date.md:4: date: '1 September 2024' is not a "
                "date: use YYYY-MM-DD, YYYY-MM or YYYY, or 'before' or 'after' one of them"
            )
        ],
    ),
    "event_title_not_text": (
        {"type"},
        ["content/events/2024/event-title-not-text.md:2: title: must be text, not a number"],
    ),
    "event_unknown_field": (
        {"additionalProperties"},
        [
            (
                "content/events/2024/event-unknown-field.md:6: subtype: unknown field (did you mean "
                "'sub_type'?)"
            )
        ],
    ),
    "event_sources_empty": (
        {"minItems"},
        ["content/events/2024/event-sources-empty.md:8: sources: must not be empty"],
    ),
    "event_claim_without_source": (
        {"required"},
        ["content/events/2024/event-claim-without-source.md:10: claims[0].source: is required"],
    ),
    "event_claim_unknown_field": (
        {"additionalProperties"},
        [("content/events/2024/event-claim-unknown-field.md:14: claims[0].counts: unknown field")],
    ),
    "event_figure_not_a_figure": (
        {"anyOf"},
        [
            (
                "content/events/2024/event-figure-not-a-figure.md:13: claims[0].figure: 'about 40' is "
                "not a figure: use 6, 80+ (at least), <100 (at most), 25-82 (a range), dozens, tens "
                "or hundreds"
            )
        ],
    ),
    "event_assessment_without_figure_or_says": (
        {"anyOf"},
        [
            (
                "content/events/2024/event-assessment-without-figure-or-says.md:10: assessment[0]: "
                "needs a figure or says"
            )
        ],
    ),
    "event_redirect_from_not_an_id": (
        {"pattern"},
        [
            (
                "content/events/2024/event-redirect-from-not-an-id.md:9: redirect_from[0]: 'Old "
                "Clash' is not an id: use lowercase letters, digits and hyphens"
            )
        ],
    ),
    "event_front_matter_a_list": (
        {"type"},
        [
            (
                "content/events/2024/event-front-matter-a-list.md:2: front matter: must be a mapping "
                "of fields (key: value lines)"
            )
        ],
    ),
    "actor_kind_not_a_choice": (
        {"enum"},
        [
            (
                "content/actors/actor-kind-not-a-choice.md:3: kind: 'militias' is not one of: state "
                "forces, rebel group, political militia, identity militia, rioters, protesters, "
                "civilians, external/other forces, government body, person, media"
            )
        ],
    ),
    "actor_kind_renamed": (
        {"enum"},
        [
            (
                "content/actors/actor-kind-renamed.md:3: kind: 'jihadist group' is not one of: "
                "state forces, rebel group, political militia, identity militia, rioters, "
                "protesters, civilians, external/other forces, government body, person, media "
                "(the kinds follow ACLED's now: use 'rebel group')"
            )
        ],
    ),
    "actor_aliases_not_a_list": (
        {"type"},
        ["content/actors/actor-aliases-not-a-list.md:3: aliases: must be a list, not text"],
    ),
    "location_lat_without_lon": (
        {"dependentRequired"},
        [
            (
                "content/locations/location-lat-without-lon.md:3: lat: give both lat and lon, or "
                "neither"
            )
        ],
    ),
    "location_lat_out_of_range": (
        {"maximum"},
        ["content/locations/location-lat-out-of-range.md:3: lat: 162 is outside -90 to 90"],
    ),
    "location_country_not_a_code": (
        {"pattern"},
        [
            (
                "content/locations/location-country-not-a-code.md:3: country: 'Mali' is not valid "
                "here: ISO 3166 alpha-2 country code."
            )
        ],
    ),
    "source_url_not_http": (
        {"pattern"},
        [
            (
                "content/sources/source-url-not-http.md:6: url: 'ftp://radio.example.org/bulletin': "
                "only http and https links are allowed"
            )
        ],
    ),
    "source_language_not_a_code": (
        {"pattern"},
        [
            (
                "content/sources/source-language-not-a-code.md:5: language: 'French' is not valid "
                "here: ISO 639-1 language code."
            )
        ],
    ),
    "source_missing_title": (
        {"required"},
        ["content/sources/source-missing-title.md:2: title: is required"],
    ),
    "source_date_a_list": (
        {"anyOf"},
        ["content/sources/source-date-a-list.md:4: date: must be a date, not a list"],
    ),
}


def front_matter(path: Path) -> object:
    """The front matter as an editor's YAML language server reads it."""
    fm, _ = frontmatter.YAMLHandler().split(path.read_text(encoding="utf-8"))
    return yaml.load(fm, Loader=_Loader)


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict]:
    result = run(["schema"], ROOT)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def refusals(schema: dict, data: object) -> set[str]:
    return {error.validator for error in Draft202012Validator(schema).iter_errors(data)}


def entry_files(root: Path) -> list[tuple[str, Path]]:
    """(kind, file) for every entry of a content folder."""
    return [
        (kind, f) for kind, folder in FOLDERS.items() for f in sorted((root / folder).rglob("*.md"))
    ]


def test_schema_prints_a_draft_2020_12_schema_per_kind(schemas):
    assert sorted(schemas) == sorted(KINDS)
    for kind, schema in schemas.items():
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == f"{SITE_URL}schema/{kind}.json"
        assert sorted(schema["properties"]) == sorted(f.name for f in KINDS[kind])
        assert schema["required"] == [f.name for f in KINDS[kind] if f.required]


def test_schema_of_one_kind_is_that_kind_alone(schemas):
    result = run(["schema", "location"], ROOT)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == schemas["location"]


def test_schema_describes_each_field_with_its_help(schemas):
    for kind, fields in KINDS.items():
        for f in fields:
            assert schemas[kind]["properties"][f.name]["description"] == f.help


@pytest.mark.parametrize("root", [CONTENT, FIXTURE], ids=["real", "fixture"])
def test_schema_accepts_every_valid_entry(schemas, root):
    checked = 0
    for kind, path in entry_files(root):
        data = front_matter(path)
        assert refusals(schemas[kind], data) == set(), path
        checked += 1
    assert checked >= 10


def test_every_schema_fixture_has_its_case():
    assert sorted(p.stem for p in CASES_DIR.glob("*.md")) == sorted(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_validator_and_schema_refuse_each_bad_fixture(case, schemas, tmp_path):
    keywords, lines = CASES[case]
    kind = case.split("_")[0]
    fixture = CASES_DIR / f"{case}.md"
    assert refusals(schemas[kind], front_matter(fixture)) == keywords

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    folder = content / FOLDERS[kind] / ("2024" if kind == "event" else "")
    shutil.copy(fixture, folder / f"{case.replace('_', '-')}.md")
    result = run(["check", "content"], tmp_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == lines


def test_a_bare_year_is_a_date_for_both(schemas):
    data = {"publisher": "Radio", "title": "Bulletin", "date": 2025, "language": "fr"}
    assert refusals(schemas["source"], data) == set()
    assert refusals(schemas["source"], {**data, "date": 25}) == {"anyOf"}


def test_the_site_publishes_the_schemas_under_schema(real_site, schemas):
    for kind in KINDS:
        published = real_site / "schema" / f"{kind}.json"
        assert json.loads(published.read_text(encoding="utf-8")) == schemas[kind]
    index = (real_site / "schema" / "index.html").read_text(encoding="utf-8")
    for kind in KINDS:
        assert f'href="{kind}.json"' in index

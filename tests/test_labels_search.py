"""Labels, page descriptions and the search additions, without MkDocs; the build log."""

from __future__ import annotations

import json
import re

import frontmatter
import pytest

from generator.content.index import build_chronicle
from generator.site import labels
from generator.site.i18n import Words
from generator.site.markup import front_matter
from generator.site.render import render_pages
from generator.site.search import (
    BOOST,
    FIELDS,
    TAGS,
    claims_text,
    enrich,
    fold,
    folded_words,
    index_fields,
)
from tests.conftest import CONTENT, FIXTURE, build_with_mkdocs

# Labels.


def test_codes_get_their_english_names():
    assert labels.event_type("battles") == "Battles"
    assert labels.event_type("explosions-remote-violence") == "Explosions/Remote violence"
    assert labels.country("ML") == "Mali"
    assert labels.country("DZ") == "Algeria"
    assert [labels.language(c) for c in ("en", "ar", "uk")] == ["English", "Arabic", "Ukrainian"]
    assert labels.language("zz") == "zz"  # unknown: shown as it is, never dropped


@pytest.mark.parametrize(
    ("text", "code", "attributes"),
    [
        ("جماعة نصرة الإسلام والمسلمين", None, ' lang="ar" dir="rtl"'),
        ("ДНІМ", None, ' lang="uk"'),
        ("Африканский корпус", None, ' lang="ru"'),
        ("Вагнер", None, ""),  # Ukrainian or Russian: the letters do not tell
        ("Tin-Zaouatine", None, ""),
        ("Any title", "ar", ' lang="ar" dir="rtl"'),
        ("Заголовок", "uk", ' lang="uk"'),
        ("A title", "en", ""),
    ],
)
def test_other_language_text_gets_lang_and_right_to_left_text_dir(text, code, attributes):
    assert labels.lang_attributes(text, code) == attributes


def test_foreign_text_is_escaped_inside_its_span():
    assert labels.foreign("<b>قاعدة</b>") == (
        '<span lang="ar" dir="rtl">&lt;b&gt;قاعدة&lt;/b&gt;</span>'
    )
    assert labels.foreign("a <b>") == "a &lt;b&gt;"


def test_a_description_is_whole_sentences_without_markup():
    text = "A town on the river.[^wire] It is [known](https://x.org) for *salt*. " + "X " * 200
    assert labels.shorten(labels.plain(text)) == "A town on the river. It is known for salt."
    long = "word " * 80
    short = labels.shorten(long.strip())
    assert len(short) <= labels.DESCRIPTION_LENGTH and short.endswith("\u2026")


def test_every_entry_page_of_the_content_has_its_own_description():
    chronicle = build_chronicle(CONTENT)
    described = {}
    for page in render_pages(chronicle):
        if page.path == "index.md":
            continue  # the home page is content/index.md: the site's own description
        meta = frontmatter.loads(page.markdown).metadata
        assert meta.get("description"), page.path
        described[page.path] = meta["description"]
    for event in chronicle.events:
        assert described[f"events/{event.id}.md"] == " ".join(event.summary.split())
    entries = [
        p for p in described if p.split("/")[0] in ("events", "actors", "locations", "sources")
    ]
    duplicates = {described[p] for p in entries if list(described.values()).count(described[p]) > 1}
    assert duplicates == set()


def test_front_matter_is_yaml_that_keeps_any_text():
    text = 'He said: "no" \\ # not a comment\n--- and more \u2028 \u2029 \x85 \t end'
    meta = frontmatter.loads(front_matter(text, 4) + "# Title\n").metadata
    assert meta == {"description": text, "search": {"boost": 4}}
    assert "search" not in frontmatter.loads(front_matter("x") + "text").metadata


def test_pages_carry_their_search_weight():
    pages = {
        p.path: frontmatter.loads(p.markdown).metadata
        for p in render_pages(build_chronicle(FIXTURE))
    }
    assert pages["actors/rebels.md"]["search"] == {"boost": BOOST["actor"]}
    assert pages["locations/north-town.md"]["search"] == {"boost": BOOST["location"]}
    assert pages["events/2024-07-25-battle-of-north-town.md"]["search"] == {"boost": BOOST["event"]}
    assert "search" not in pages["sources/wire-report.md"]
    assert BOOST["actor"] > BOOST["event"] > BOOST["source"]


# Search additions.


def test_fold_removes_latin_accents_and_apostrophes_only():
    assert fold("Goïta Abeïbara Ségou Łódź Straße Jama'at Jama’at") == (
        "Goita Abeibara Segou Lodz Strasse Jamaat Jamaat"
    )
    assert fold("Ассімі Гоїта й جماعة الإسلام") == "Ассімі Гоїта й جماعة الإسلام"


def test_folded_words_are_only_those_folding_changes():
    assert folded_words(["Assimi Goïta's <em>junta</em>, Goïta", "'quoted' Mali's Jama'at"]) == [
        "goita",
        "jamaat",
    ]


@pytest.mark.mali_chronicle
def test_the_index_gets_names_related_names_and_folded_words():
    chronicle = build_chronicle(CONTENT)
    fields = index_fields(chronicle)
    jnim = chronicle.actors["jnim"]
    assert fields["actors/jnim/"]["names"].split(", ") == [jnim.name, *jnim.aliases]
    battle = "events/2024-07-battle-of-tinzaouaten/"
    assert "Тін-Зауатін" in fields[battle]["related"].split(", ")
    index = {
        "config": {"fields": {"title": {"boost": 1000.0}}},
        "docs": [
            {"location": "actors/jnim/", "title": jnim.name, "text": "<p>An al-Qaeda...</p>"},
            {"location": "actors/jnim/#events", "title": "Events", "text": "Goïta's junta"},
            {"location": "about/", "title": "About", "text": "Nothing accented"},
        ],
    }
    out = enrich(index, fields)
    assert out["config"]["fields"] == {
        "title": {"boost": 1000.0},
        **{name: {"boost": boost} for name, boost in FIELDS.items()},
        "tags": TAGS,
    }
    top, section, about = out["docs"]
    assert top["names"] == fields["actors/jnim/"]["names"] and top["folded"] == "jamaat"
    assert section == {**index["docs"][1], "folded": "goita"}
    assert "names" not in section and "folded" not in about


def test_each_entry_page_is_labelled_with_its_kind_and_an_event_with_its_claims():
    chronicle = build_chronicle(FIXTURE)
    fields = index_fields(chronicle)
    kinds = {url: f["tags"] for url, f in fields.items()}
    assert kinds["actors/army/"] == ["Actor"] and kinds["locations/north-town/"] == ["Place"]
    assert kinds["sources/wire-report/"] == ["Source"]
    assert kinds["events/2024-07-25-battle-of-north-town/"] == ["Event"]
    assert len(kinds) == len(chronicle.events) + sum(
        len(chronicle.terms(k)) for k in ("actor", "location", "source")
    )
    french = index_fields(chronicle, Words("fr"))
    assert french["locations/north-town/"]["tags"] == ["Lieu"]
    assert french["events/2024-07-25-battle-of-north-town/"]["tags"] == ["Événement"]
    # Every claim of the event, with its claimant, words, figure and what it counts.
    battle = chronicle.events[0]
    text = fields[f"events/{battle.id}/"]["claims"]
    assert text == claims_text(chronicle, battle)
    lines = text.split("\n")
    assert len(lines) == len(battle.claims)
    for line, claim in zip(lines, battle.claims):
        assert line.startswith(f"{claim.about}: ") and claim.says in line
        if claim.figure is not None:
            assert f" {claim.figure.text} {claim.of or ''}".rstrip() in line
        for part in claim.parts:
            assert f"{part.figure.text} {part.of}" in line
    army = [c for c in battle.claims if c.by_actor]
    assert army and chronicle.actors[army[0].by].name in text
    without = [e for e in chronicle.events if not e.claims]
    assert all("claims" not in fields[f"events/{e.id}/"] for e in without)


def test_the_search_index_holds_each_entry_but_not_its_lists_of_sources(real_site):
    """Titles, summaries, facts and names are searched; the citation lists, maps and
    cite boxes that repeat the source pages on every entry are not (issue: size)."""
    chronicle = build_chronicle(CONTENT)
    docs = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))[
        "docs"
    ]
    by_location = {d["location"]: d for d in docs}
    for event in chronicle.events:
        entry = by_location[f"events/{event.id}/"]
        assert entry["title"] == event.title
        assert labels.plain(event.summary)[:40] in labels.plain(entry["text"]), event.id
    for source in chronicle.sources.values():
        assert f"sources/{source.id}/" in by_location, source.id
    left_out = ("#sources", "#cite", "#map", "#claims-made", "#claims-reported")
    assert [d["location"] for d in docs if d["location"].endswith(left_out)] == []


# The build log.


def test_the_content_warnings_are_one_line_and_listed_with_verbose(tmp_path):
    chronicle = build_chronicle(CONTENT, display="content")
    count = len(chronicle.warnings)
    assert count > 1  # the content has warnings to summarise
    summary = (
        f"INFO    -  generator: the content has {count} warnings "
        "(listed by chronicle check, or by mkdocs with --verbose)"
    )
    quiet = build_with_mkdocs(CONTENT, tmp_path / "quiet")
    assert quiet.returncode == 0, quiet.stderr
    lines = quiet.stderr.splitlines()
    assert summary in lines
    assert not [line for line in lines if ": warning: " in line]
    assert not re.search(r"not included in the .nav. configuration", quiet.stderr)
    assert len(lines) <= 5, lines

    verbose = build_with_mkdocs(CONTENT, tmp_path / "verbose", "--verbose")
    assert verbose.returncode == 0, verbose.stderr
    listed = [
        line.split("generator: ", 1)[1]
        for line in verbose.stderr.splitlines()
        if ": warning: " in line
    ]
    assert listed == [str(w) for w in chronicle.warnings]


@pytest.mark.mali_chronicle
def test_without_a_site_address_no_page_points_at_a_host(tmp_path):
    site = tmp_path / "site"
    done = build_with_mkdocs(CONTENT, site, env={"CHRONICLE_SITE_URL": ""})
    assert done.returncode == 0, done.stderr
    page = (site / "actors" / "jnim" / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in page and 'property="og:url"' not in page
    assert "example.org" not in page
    assert "<loc>" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["fields"]["names"] == {"boost": FIELDS["names"]}

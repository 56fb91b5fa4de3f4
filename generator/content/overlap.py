"""Copied sentences: the runs of words the chronicle's prose shares with its sources' texts.

An editor keeps, in a folder, the texts of the articles the entries were written
from (one text file each). :func:`find_overlaps` lists every run of at least
``min_words`` consecutive words that a piece of the chronicle's prose (a text
field of the front matter, or the Markdown text below it) shares with one of
those files. Words are compared folded: case, punctuation and accents are
ignored (``unicodedata``: Latin, Cyrillic and Arabic alike), so a sentence
copied with its commas changed or its capitals lowered is still found.

Each run says whether it stands inside quotation marks: in a claim's ``says``
the quotation is the claimant's (``by``), elsewhere the quoting sentence names
who is quoted. A source's ``title`` and ``title_en`` are the source's own words
and are marked as titles. Anything else shared is an unquoted run: the
chronicle's own voice copying its source.

The module reads files and front matter only; it needs no valid content (a file
that does not parse is reported as a :class:`Problem`) and imports no MkDocs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .document import _Refused, parse_document
from .model import Problem
from .schema import FOLDERS, KINDS, Field

MIN_WORDS = 8
FAIL_WORDS = 10
# Field types that hold prose: the rest (ids, dates, urls, figures...) are not sentences.
PROSE_TYPES = ("text", "longtext", "texts", "claimant")
# Names, not sentences: an actor's other names are copied from the sources on purpose.
NAME_FIELDS = ("aliases",)
TITLE_FIELDS = ("title", "title_en")

# Markdown that is not prose: footnote markers, link targets, HTML tags, autolinks.
_NOT_PROSE = re.compile(r"\[\^[^\]\s]*\]|\]\([^)\s]*\)|<[^>\n]*>")
# Quotation marks that open and close a quotation; straight double quotes pair in order.
_PAIRS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c", "\u2018": "\u2019"}
_TATWEEL = "\u0640"


def fold(word: str) -> str:
    """A word as compared: lower case, without accents, diacritics or Arabic tatweel."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) and c != _TATWEEL)
    return unicodedata.normalize("NFC", kept)


@dataclass(frozen=True)
class Words:
    """A text cut into folded words, each with its offsets in the text."""

    text: str
    folded: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str, mask: re.Pattern | None = None) -> Words:
        shown = mask.sub(lambda m: " " * len(m.group(0)), text) if mask else text
        folded, spans = [], []
        for start, end in _word_spans(shown):
            word = fold(shown[start:end])
            if word:
                folded.append(word)
                spans.append((start, end))
        return cls(text, tuple(folded), tuple(spans))


def _word_spans(text: str) -> Iterator[tuple[int, int]]:
    """The offsets of each word: letters and digits, with the marks and tatweel inside them."""
    start = None
    for i, c in enumerate(text):
        inside = c.isalnum() or (
            start is not None and (c == _TATWEEL or unicodedata.category(c).startswith("M"))
        )
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            yield start, i
            start = None
    if start is not None:
        yield start, len(text)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The character ranges of ``text`` that stand inside quotation marks."""
    spans = []
    closing: list[tuple[str, int]] = []
    straight: int | None = None
    for i, c in enumerate(text):
        if closing and c == closing[-1][0]:
            spans.append((closing.pop()[1], i))
        elif c in _PAIRS:
            closing.append((_PAIRS[c], i + 1))
        elif c == '"':
            if straight is None:
                straight = i + 1
            else:
                spans.append((straight, i))
                straight = None
    return spans


@dataclass(frozen=True)
class Prose:
    """One piece of the chronicle's prose: a field of a file, from a line."""

    path: str
    line: int
    field: str
    text: str
    claimant: str | None = None  # for a claim's says: who is quoted
    title: bool = False  # a source's own title


@dataclass(frozen=True)
class Run:
    """A run of words shared by a piece of prose and a source text."""

    prose: Prose
    line: int  # the line of the prose where the run starts
    words: int
    text: str  # the run as the prose writes it
    source: str  # the source file, as shown
    source_line: int
    quoted: bool  # every word inside quotation marks
    unquoted: int  # the longest stretch of its words outside quotation marks

    @property
    def kind(self) -> str:
        if self.prose.title:
            return "source title"
        if self.quoted:
            return f"quoted, by {self.prose.claimant}" if self.prose.claimant else "quoted"
        if self.unquoted < self.words:
            words = "word" if self.unquoted == 1 else "words"
            return f"partly quoted, {self.unquoted} {words} outside quotation marks"
        return "unquoted"

    @property
    def fails(self) -> bool:
        """Whether the run is copied in the chronicle's own voice (counted against the limit)."""
        return not self.prose.title and not self.quoted

    def __str__(self) -> str:
        return (
            f"{self.prose.path}:{self.line}: {self.prose.field}: {self.words} words, {self.kind}, "
            f"shared with {self.source}:{self.source_line}: \u201c{self.text}\u201d"
        )


def _fields(kind: str | None) -> dict[str, Field]:
    return {f.name: f for f in KINDS[kind]} if kind else {}


def _prose_of_value(
    shown: str, lines: dict, key: tuple, name: str, value: object, field: Field | None
) -> Iterator[tuple[tuple, str, str]]:
    """(key, field name, text) of every prose string in a front-matter value."""
    if field is not None and field.type not in PROSE_TYPES and field.type != "records":
        return
    if name in NAME_FIELDS:
        return
    if isinstance(value, str):
        yield key, name, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            sub = {f.name: f for f in field.fields} if field and field.type == "records" else {}
            if isinstance(item, dict):
                for k, v in item.items():
                    yield from _prose_of_value(
                        shown, lines, key + (i, k), f"{name}[{i}].{k}", v, sub.get(k)
                    )
            elif isinstance(item, str):
                yield key + (i,), f"{name}[{i}]", item
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _prose_of_value(shown, lines, key + (k,), f"{name}.{k}", v, None)


def prose_of_file(path: Path, shown: str, kind: str | None) -> list[Prose]:
    """Every piece of prose of one content file; raise _Refused when it does not parse."""
    text = path.read_text(encoding="utf-8")
    if text.removeprefix("\ufeff").startswith("---"):
        doc = parse_document(text)
        data, lines, body, body_line = doc.data, doc.lines, doc.body, doc.body_line
    else:
        data, lines, body, body_line = {}, {}, text, 1
    fields = _fields(kind)
    pieces = []
    for name, value in data.items():
        for key, label, string in _prose_of_value(
            shown, lines, (name,), name, value, fields.get(name)
        ):
            claimant = None
            if len(key) == 3 and key[0] == "claims" and key[2] == "says":
                claim = data["claims"][key[1]]
                claimant = str(claim.get("by", "")) or None
            line = lines.get(key, lines.get(key[:1], 1))
            title = kind == "source" and name in TITLE_FIELDS
            pieces.append(Prose(shown, line, label, string, claimant, title))
    if body.strip():
        pieces.append(Prose(shown, body_line, "body", body))
    return pieces


def content_prose(root: Path) -> tuple[list[Prose], list[Problem]]:
    """The prose of every Markdown file under the content folder, with what did not parse."""
    pieces, problems = [], []
    for path in sorted(root.rglob("*.md")):
        if not path.is_file():
            continue
        rel = path.relative_to(root)
        kind = next((k for k, f in FOLDERS.items() if rel.parts[0] == f), None)
        if kind and len(rel.parts) < 2:
            kind = None
        shown = (root / rel).as_posix()
        try:
            pieces += prose_of_file(path, shown, kind)
        except _Refused as refused:
            problems.append(Problem(shown, refused.line, "front matter", refused.message))
        except UnicodeDecodeError:
            problems.append(Problem(shown, 1, "file", "is not UTF-8 text"))
    return pieces, problems


@dataclass(frozen=True)
class SourceText:
    shown: str
    words: Words

    def line_of(self, index: int) -> int:
        return self.words.text.count("\n", 0, self.words.spans[index][0]) + 1


def read_sources(folder: Path) -> tuple[list[SourceText], list[Problem]]:
    """Every text file under ``folder`` (UTF-8; other files are reported and skipped)."""
    texts, problems = [], []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        shown = path.as_posix()
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(shown, 1, "file", "is not UTF-8 text; not compared"))
            continue
        texts.append(SourceText(shown, Words.of(text)))
    return texts, problems


def _index(texts: list[SourceText], n: int) -> dict[tuple[str, ...], list[tuple[int, int]]]:
    index: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for t, source in enumerate(texts):
        words = source.words.folded
        for i in range(len(words) - n + 1):
            index.setdefault(words[i : i + n], []).append((t, i))
    return index


def _runs_of(
    prose: Prose, texts: list[SourceText], index: dict, n: int
) -> Iterator[tuple[int, int, int, int]]:
    """(start, length, text, position in it) of each maximal run shared with a source."""
    words = Words.of(prose.text, _NOT_PROSE).folded
    reach = 0  # the end of the runs found so far: a run inside one is not new
    for i in range(len(words) - n + 1):
        hits = index.get(words[i : i + n])
        if not hits:
            continue
        best = None
        for t, p in hits:
            other = texts[t].words.folded
            k = n
            while i + k < len(words) and p + k < len(other) and words[i + k] == other[p + k]:
                k += 1
            if best is None or k > best[1]:
                best = (i, k, t, p)
        if best and i + best[1] > reach:
            reach = i + best[1]
            yield best


def _longest_outside(flags: list[bool]) -> int:
    longest = current = 0
    for inside in flags:
        current = 0 if inside else current + 1
        longest = max(longest, current)
    return longest


def find_overlaps(
    prose: list[Prose], texts: list[SourceText], min_words: int = MIN_WORDS
) -> list[Run]:
    """Every maximal run of ``min_words`` or more words shared by the prose and the texts."""
    if min_words < 1:
        raise ValueError("min_words must be at least 1")
    index = _index(texts, min_words)
    runs = []
    for piece in prose:
        words = Words.of(piece.text, _NOT_PROSE)
        quotes = quoted_spans(piece.text)
        for start, length, t, p in _runs_of(piece, texts, index, min_words):
            spans = words.spans[start : start + length]
            inside = [any(a <= s and e <= b for a, b in quotes) for s, e in spans]
            first, last = spans[0][0], spans[-1][1]
            line = piece.line
            if piece.field == "body":
                line += piece.text.count("\n", 0, first)
            runs.append(
                Run(
                    prose=piece,
                    line=line,
                    words=length,
                    text=" ".join(piece.text[first:last].split()),
                    source=texts[t].shown,
                    source_line=texts[t].line_of(p),
                    quoted=all(inside),
                    unquoted=_longest_outside(inside),
                )
            )
    return sorted(runs, key=lambda r: (r.prose.path, r.line, r.prose.field, r.text))


def failing(runs: list[Run], fail_words: int = FAIL_WORDS) -> list[Run]:
    """The runs copied in the chronicle's own voice: ``fail_words`` or more words unquoted."""
    return [r for r in runs if r.fails and r.unquoted >= fail_words]

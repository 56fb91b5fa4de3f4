"""One writer for each download format, making every value safe for what opens it.

Front matter is checked when it is read (no control characters, no
non-characters: ``content/validate.py``), but a download is read by other
programs, each with its own way of being fooled, so each format makes every
value safe on the way out, whatever the content:

- **CSV** (``csv_text``), for spreadsheets: a cell that begins with ``=``,
  ``+``, ``-``, ``@``, a tab or a line break (or their full-width forms) would
  be read by Excel, LibreOffice or Google Sheets as a formula
  (``=HYPERLINK(...)`` sends cells to another host). Following OWASP's rule on
  CSV injection, such a cell is prefixed with a single quote ``'``, which the
  spreadsheet shows as text and a CSV reader (pandas, ``csv``) reads as one
  more character; a plain number (``-12.5``) is left as it is, as no
  spreadsheet reads it as a formula. Every cell is quoted as RFC 4180 says
  when it holds a comma, a quote or a line break.
- **iCalendar** (``ics_text``, ``ics_lines``), RFC 5545: in TEXT values a
  backslash, ``;`` and ``,`` are escaped and every line break (CRLF, CR, LF,
  and the Unicode line and paragraph separators) becomes ``\\n``, so that no
  value can end its line and add a property or an event; other control
  characters are dropped (3.3.11 allows none but a tab); each line is folded
  at 75 octets, never inside a character (3.1).
- **XML 1.0** (``xml_text``), for the Atom feed: the characters XML 1.0 does
  not allow (C0 controls but tab and line breaks, lone surrogates, U+FFFE and
  U+FFFF) are dropped, and ``&``, ``<``, ``>`` and quotes are escaped, so a
  feed reader never rejects the feed.
- **JSON** (``json_text``): ``json.dumps`` escapes every control character;
  the line and paragraph separators U+2028 and U+2029 are escaped too, so the
  file may also be embedded in a script.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from html import escape

# OWASP: a cell starting with one of these is a formula to a spreadsheet.
FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")


def csv_cell(value: object) -> str:
    """One cell, as a spreadsheet must read it: text that can never start a formula."""
    text = "" if value is None else str(value)
    if text and text[0] in FORMULA_START and not _NUMBER.match(text):
        return "'" + text
    return text


def csv_text(columns: Iterable[str], rows: Iterable[Mapping[str, object]]) -> str:
    """A CSV file (RFC 4180: CRLF line ends, quoted where needed) with a header row."""
    names = list(columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(name) for name in names])
    for row in rows:
        writer.writerow([csv_cell(row.get(name, "")) for name in names])
    return out.getvalue()


# RFC 5545: TEXT allows no control character but a tab (3.3.11); a line break
# in any spelling is written as \n.
_ICS_BREAK = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
_ICS_DROP = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def ics_text(text: str) -> str:
    """A TEXT value of iCalendar, escaped: it can never end its line."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _ICS_DROP.sub("", _ICS_BREAK.sub("\\\\n", _without_noncharacters(text)))


def ics_fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545, 3.1), never inside a character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with a space
        if size + width > limit:
            out.append(current)
            current, size = char, width
        else:
            current += char
            size += width
    out.append(current)
    return "\r\n ".join(out)


def ics_lines(lines: Iterable[str]) -> str:
    """Content lines as an iCalendar file: each folded, each ended by CRLF.

    A line must be built with ``ics_text`` for every value taken from the
    content; a line break left in one is refused rather than written.
    """
    out = []
    for line in lines:
        if _ICS_BREAK.search(line):
            raise ValueError(f"an iCalendar line holds a line break: {line!r}")
        out.append(ics_fold(line) + "\r\n")
    return "".join(out)


# XML 1.0, 2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text or an attribute value for XML 1.0: escaped, with only the characters it allows."""
    return escape(_NOT_XML.sub("", _without_noncharacters(text)))


# Unicode's non-characters: U+FDD0 to U+FDEF and the last two code points of each plane.
_NONCHARACTER = re.compile(
    "[\ufdd0-\ufdef"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
    )
    + "]"
)


def _without_noncharacters(text: str) -> str:
    return _NONCHARACTER.sub("", text)


def json_text(value: object) -> str:
    """A JSON file: UTF-8 text, one value, indented; U+2028 and U+2029 escaped."""
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"

"""Words of the content stage for readers, said in the interface's language by the site.

The content stage writes a few things readers read: the descriptions of an entry's
changes (``changes.py``), the names of an actor's relations (``index.py``). It imports no
catalog (the site stage has them, site/i18n.py): it marks each English message with
``N_`` (``pybabel extract -k N_`` finds it) and keeps the values apart in a
:class:`Phrase`, which the site says in the reader's language; ``Phrase.text`` is the
English, as ``chronicle diff`` prints it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import PartialDate


def N_(message: str) -> str:
    """Marks an English message for the catalogs (``pybabel extract -k N_``): the site
    stage translates it where it is shown (site/i18n.py); the content stage imports no
    catalog."""
    return message


@dataclass(frozen=True)
class Phrase:
    """Words for a reader, said in any language: an English message (a gettext message id
    with ``%(name)s`` placeholders) and its values by name.

    A value is shown as it is (a name, an id, a figure, a path), unless it is a
    :class:`PartialDate`, which each language writes its own way, or a Phrase, itself said
    in the language. ``text`` is the English; ``say`` takes the language's ``gettext`` and
    its way of writing a date (the site stage's, site/i18n.py).
    """

    message: str
    values: tuple[tuple[str, object], ...] = ()

    def say(self, gettext: Callable[[str], str], date: Callable[[PartialDate], str]) -> str:
        text = gettext(self.message)
        if not self.values:
            return text
        shown = {}
        for name, value in self.values:
            if isinstance(value, Phrase):
                shown[name] = value.say(gettext, date)
            elif isinstance(value, PartialDate):
                shown[name] = date(value)
            else:
                shown[name] = str(value)
        return text % shown

    @property
    def text(self) -> str:
        return self.say(str, lambda d: d.label)


def phrase(message: str, **values: object) -> Phrase:
    return Phrase(message, tuple(values.items()))

"""The licences a chronicle may publish its content and data under.

A chronicle chooses one with the plugin's ``licence`` option (an SPDX id, such as
``CC-BY-4.0``); the Data page states it with what it lets readers do, and
``events.json`` gives it in its ``license``. Without the option no licence is claimed
for the content, and the Data page says so: a licence is the publishers' decision, which
the generator does not make for them. The footer's wording stays the chronicle's own
(MkDocs's ``copyright``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import N_


@dataclass(frozen=True)
class Licence:
    id: str  # its SPDX identifier
    name: str  # its short name
    title: str  # its full name
    url: str  # its deed
    terms: str  # what it lets readers do, a message of the catalogs

    def record(self) -> dict[str, str]:
        """As events.json gives it."""
        return {"id": self.id, "name": self.name, "title": self.title, "url": self.url}


LICENCES = {
    licence.id: licence
    for licence in (
        Licence(
            "CC-BY-4.0",
            "CC BY 4.0",
            "Creative Commons Attribution 4.0 International",
            "https://creativecommons.org/licenses/by/4.0/",
            N_(
                "they may be shared and adapted, also commercially, with credit to the "
                "chronicle and a link to it"
            ),
        ),
        Licence(
            "CC-BY-SA-4.0",
            "CC BY-SA 4.0",
            "Creative Commons Attribution-ShareAlike 4.0 International",
            "https://creativecommons.org/licenses/by-sa/4.0/",
            N_(
                "they may be shared and adapted, also commercially, with credit to the "
                "chronicle and a link to it, and adaptations must be shared under the same "
                "licence"
            ),
        ),
        Licence(
            "CC-BY-NC-4.0",
            "CC BY-NC 4.0",
            "Creative Commons Attribution-NonCommercial 4.0 International",
            "https://creativecommons.org/licenses/by-nc/4.0/",
            N_(
                "they may be shared and adapted, not commercially, with credit to the "
                "chronicle and a link to it"
            ),
        ),
        Licence(
            "CC0-1.0",
            "CC0 1.0",
            "Creative Commons CC0 1.0 Universal",
            "https://creativecommons.org/publicdomain/zero/1.0/",
            N_("they are dedicated to the public domain: anyone may use them without conditions"),
        ),
        Licence(
            "ODbL-1.0",
            "ODbL 1.0",
            "Open Data Commons Open Database License 1.0",
            "https://opendatacommons.org/licenses/odbl/1-0/",
            N_(
                "the data may be shared, adapted and built upon, with credit, keeping "
                "adapted databases open under the same licence"
            ),
        ),
    )
}


def licence_of(spdx: str | None) -> Licence | None:
    """The licence of an SPDX id among LICENCES, None for none; ValueError for another."""
    if spdx is None:
        return None
    if spdx not in LICENCES:
        raise ValueError(f"{spdx!r} is not one of {', '.join(LICENCES)}")
    return LICENCES[spdx]

"""Where every generated page and file goes in the site, declared once.

pages.py and exports.py write to these paths; load.py reads the same declaration to refuse an
id whose page or file would take the place of a fixed one (`signatories/index.yml` would
otherwise replace the register page `parter/index.md`). A new page is one line here.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from okide.models import Section

# The pages that exist once, by what they are.
PAGES = {
    "start": "index.md",
    "agreement": "overenskommelsen.md",
    "values": "vardegrund.md",
    "parties": "parter/index.md",
    "former_parties": "tidigare-parter.md",
    "dialogues": "stordialoger/index.md",
    "statistics": "statistik.md",
}
# The open data files that exist once.
FILES = {
    "calendar": "stordialoger.ics",
    "parties_json": "data/parter.json",
    "parties_csv": "data/parter.csv",
    "dialogues_json": "data/stordialoger.json",
    "feed": "flode.xml",
}
# One page, and files, per entry of a section; `{id}` is the entry's id.
ENTRY_PAGES: dict[Section, str] = {
    "signatories": "parter/{id}.md",
    "dialogues": "stordialoger/{id}.md",
}
ENTRY_FILES: dict[Section, tuple[str, ...]] = {
    "dialogues": ("stordialoger/{id}.ics",),
}


def url_path(path: str) -> str:
    """The directory-style URL path of a Markdown source path (`parter/index.md` → `parter/`)."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def entry_page(section: Section, entry_id: str) -> str:
    return ENTRY_PAGES[section].format(id=entry_id)


def entry_file(section: Section, entry_id: str, index: int = 0) -> str:
    return ENTRY_FILES[section][index].format(id=entry_id)


def entry_paths(section: Section, entry_id: str) -> list[str]:
    """Every page and file made for one entry."""
    return [pattern.format(id=entry_id) for pattern in _entry_patterns(section)]


def places(path: str) -> set[str]:
    """Every name a path is known by in the built site: its source path and, for a page, its
    URL (`parter/x.md` and `parter/x/index.md` are both published at `parter/x/`)."""
    return {path, url_path(path)} if path.endswith(".md") else {path}


def _entry_patterns(section: Section) -> list[str]:
    page = ENTRY_PAGES.get(section)
    return ([page] if page else []) + list(ENTRY_FILES.get(section, ()))


def _id_in(place: str, pattern_place: str) -> str | None:
    """The id that makes pattern_place (with `{id}` in it) equal to place, if any."""
    prefix, _, suffix = pattern_place.partition("{id}")
    if len(place) <= len(prefix) + len(suffix):
        return None
    if not (place.startswith(prefix) and place.endswith(suffix)):
        return None
    middle = place[len(prefix) : len(place) - len(suffix)]
    return middle if "/" not in middle else None


@cache
def reserved_ids(section: Section) -> frozenset[str]:
    """The ids that would give an entry of section a page or file of a fixed path."""
    fixed = {place for path in [*PAGES.values(), *FILES.values()] for place in places(path)}
    return frozenset(
        found
        for pattern in _entry_patterns(section)
        for pattern_place in places(pattern)
        for place in fixed
        if (found := _id_in(place, pattern_place)) is not None
    )


def entry_of(path: str) -> tuple[Section, str] | None:
    """The section and id of the entry a generated path belongs to, if it is an entry's."""
    for section in [*ENTRY_PAGES, *ENTRY_FILES]:
        for pattern in _entry_patterns(section):
            found = _id_in(path, pattern)
            if found is not None:
                return section, found
    return None


def fixed_path_for(section: Section, entry_id: str) -> str | None:
    """The fixed page or file an entry with this id would replace (for the message)."""
    own = {place for path in entry_paths(section, entry_id) for place in places(path)}
    return next((path for path in [*PAGES.values(), *FILES.values()] if places(path) & own), None)

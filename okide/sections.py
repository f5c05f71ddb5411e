"""Every kind of data file, and every page and file the site makes, declared once.

A section is one kind of data file: where its files are, the model that checks them, its
schema, whether `okide new` makes one, and the page and files made per entry. The loader, the
schemas, the scaffold, the CLI, the pages and exports and the tests' site builder read this
table; adding a kind of data file is one entry here, one model and its templates.

The loader also reads the pages and files declared here to refuse an id whose page or file
would take the place of a fixed one (`signatories/index.yml` would otherwise replace the
register page `parter/index.md`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from okide.models import (
    Action,
    Agreement,
    Clause,
    Dialogue,
    Entry,
    FollowUp,
    Plan,
    Signatory,
    Value,
)

if TYPE_CHECKING:
    from okide.addresses import SiteSettings


@dataclass(frozen=True)
class Section:
    """One kind of data file."""

    # The Register's field that holds the entries, e.g. `signatories`.
    name: str
    # Where the files are, from the project root.
    folder: str
    model: type[Entry]
    # Singular: the schema `schemas/<kind>.schema.json`, and `okide new <kind>`.
    kind: str
    # Whether `okide new <kind>` makes a new file of this kind (from templates/new/).
    new: bool = False
    # The page made per entry, and files; `{id}` is the entry's id.
    page: str | None = None
    files: tuple[str, ...] = ()
    # A section of one file (the agreement): its name in the folder, the id of its entry.
    single: str | None = None

    @property
    def schema_file(self) -> str:
        return f"{self.kind}.schema.json"

    @property
    def file_names(self) -> tuple[str, ...]:
        """For a section of one file: the names it may have (`.yml` or `.yaml`)."""
        stem = self.single or ""
        return (f"{stem}.yml", f"{stem}.yaml")

    @property
    def file(self) -> str:
        """For a section of one file: where it is, e.g. `agreement/agreement.yml`."""
        return f"{self.folder}/{self.file_names[0]}"


AGREEMENT = Section("agreement", "agreement", Agreement, "agreement", single="agreement")
SECTIONS: dict[str, Section] = {
    section.name: section
    for section in [
        AGREEMENT,
        Section("values", "agreement/values", Value, "value"),
        Section("clauses", "agreement/clauses", Clause, "clause", new=True),
        Section("signatories", "signatories", Signatory, "signatory", new=True,
                page="parter/{id}.md"),
        Section("dialogues", "dialogues", Dialogue, "dialogue", new=True,
                page="stordialoger/{id}.md", files=("stordialoger/{id}.ics",)),
        Section("followups", "followups", FollowUp, "followup", new=True),
        Section("plans", "plans", Plan, "plan"),
        Section("actions", "actions", Action, "action", new=True),
    ]
}  # fmt: skip


def folder_sections() -> list[Section]:
    """The sections of one file per entry, in the order they are read."""
    return [section for section in SECTIONS.values() if section.single is None]


def by_kind(kind: str) -> Section:
    return next(section for section in SECTIONS.values() if section.kind == kind)


def data_tops() -> list[str]:
    """The top folders of the data (`agreement`, `dialogues`, `signatories`)."""
    return sorted({section.folder.split("/")[0] for section in SECTIONS.values()})


# The pages that exist once, by what they are.
PAGES = {
    "start": "index.md",
    "agreement": "overenskommelsen.md",
    "values": "vardegrund.md",
    "parties": "parter/index.md",
    "former_parties": "tidigare-parter.md",
    "dialogues": "stordialoger/index.md",
    "statistics": "statistik.md",
    "followups": "uppfoljning.md",
    "plan": "samverkansplan.md",
    # The search page: okide's own interface to the pagefind index (javascripts/okide-sok.js).
    "search": "sok.md",
}
# The open data files that exist once.
FILES = {
    "calendar": "stordialoger.ics",
    "parties_json": "data/parter.json",
    "parties_csv": "data/parter.csv",
    "dialogues_json": "data/stordialoger.json",
    "followups_json": "data/uppfoljningar.json",
    "followups_csv": "data/uppfoljningar.csv",
    "plans_json": "data/samverkansplan.json",
    "actions_csv": "data/insatser.csv",
    "feed": "flode.xml",
    # The data dictionary: the JSON Schema of each JSON file, beside it.
    "parties_schema": "data/parter.schema.json",
    "dialogues_schema": "data/stordialoger.schema.json",
    "followups_schema": "data/uppfoljningar.schema.json",
    "plans_schema": "data/samverkansplan.schema.json",
    # The CSV files again, for a double-click in Excel with Swedish settings (okide.exports).
    "parties_excel": "data/parter-excel.csv",
    "followups_excel": "data/uppfoljningar-excel.csv",
    "actions_excel": "data/insatser-excel.csv",
    "catalogue": "data/katalog.rdf",
}


def url_path(path: str) -> str:
    """The directory-style URL path of a Markdown source path (`parter/index.md` → `parter/`)."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def entry_page(section: str, entry_id: str) -> str:
    """The page of one entry, e.g. `parter/abf.md`."""
    page = SECTIONS[section].page
    assert page is not None, section
    return page.format(id=entry_id)


def entry_url(site: SiteSettings, section: str, entry_id: str) -> str:
    """The address of an entry's page in the published site, e.g. `https://…/parter/abf/`."""
    return site.page_url(entry_page(section, entry_id))


def anchor_url(site: SiteSettings, page: str, anchor: str) -> str:
    """The address of an entry shown on a fixed page, e.g. `https://…/uppfoljning/#2025-abf`:
    follow-ups and actions have no page of their own, only a place on one."""
    return f"{site.page_url(PAGES[page])}#{anchor}"


def entry_file(section: str, entry_id: str, index: int = 0) -> str:
    return SECTIONS[section].files[index].format(id=entry_id)


def entry_paths(section: str, entry_id: str) -> list[str]:
    """Every page and file made for one entry."""
    return [pattern.format(id=entry_id) for pattern in _entry_patterns(section)]


def places(path: str) -> set[str]:
    """Every name a path is known by in the built site: its source path and, for a page, its
    URL (`parter/x.md` and `parter/x/index.md` are both published at `parter/x/`)."""
    return {path, url_path(path)} if path.endswith(".md") else {path}


def _entry_patterns(section: str) -> list[str]:
    entry = SECTIONS[section]
    return ([entry.page] if entry.page else []) + list(entry.files)


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
def reserved_ids(section: str) -> frozenset[str]:
    """The ids that would give an entry of section a page or file of a fixed path."""
    fixed = {place for path in [*PAGES.values(), *FILES.values()] for place in places(path)}
    return frozenset(
        found
        for pattern in _entry_patterns(section)
        for pattern_place in places(pattern)
        for place in fixed
        if (found := _id_in(place, pattern_place)) is not None
    )


def entry_of(path: str) -> tuple[str, str] | None:
    """The section and id of the entry a generated path belongs to, if it is an entry's."""
    for section in SECTIONS:
        for pattern in _entry_patterns(section):
            found = _id_in(path, pattern)
            if found is not None:
                return section, found
    return None


def fixed_path_for(section: str, entry_id: str) -> str | None:
    """The fixed page or file an entry with this id would replace (for the message)."""
    own = {place for path in entry_paths(section, entry_id) for place in places(path)}
    return next((path for path in [*PAGES.values(), *FILES.values()] if places(path) & own), None)

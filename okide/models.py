"""What is valid: one pydantic model per entity of data format 1.1, plus the Register.

The models are the single source of truth: validation, the editors' JSON Schemas and the
documentation of the format all come from them. Rules that span fields are validators next to
the fields they guard; rules that span files live on the Register.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from datetime import date
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from okide import DATA_FORMAT, __version__
from okide.fields import (
    ClauseNumber,
    Day,
    Email,
    Flag,
    Line,
    Markdown,
    Moment,
    Month,
    OrgNumber,
    Phone,
    Slug,
    SlugList,
    Url,
    WholeNumber,
    name_key,
    rule_error,
)
from okide.problems import Problem

Form = Literal[
    "ideell förening",
    "ekonomisk förening",
    "stiftelse",
    "trossamfund",
    "studieförbund",
    "idéburet företag",
    "nätverk",
    "annan",
]
FORMS: tuple[str, ...] = Form.__args__  # type: ignore[attr-defined]
PartyKind = Literal["public", "sector", "joint"]
# Whom a clause binds, as pages and the editors' schemas name it.
PARTY_LABELS: dict[str, str] = {"public": "Den offentliga parten", "sector": "Den idéburna sektorn",
                                "joint": "Båda parterna"}  # fmt: skip
Status = Literal["planned", "cancelled"]


class Strict(BaseModel):
    """Unknown keys are errors, models are immutable, inputs are never echoed in errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


def _today(info: ValidationInfo) -> date | None:
    context = info.context or {}
    today = context.get("today")
    return today if isinstance(today, date) else None


class Entry(Strict):
    """An entity read from one file; the file's stem is its id and URL slug."""

    _id: str = PrivateAttr(default="")
    _source: str = PrivateAttr(default="")

    # Read straight from pydantic's private storage: `self._id` goes through pydantic's
    # __getattr__, many times slower, and pages ask for ids about twenty times per entry.
    @property
    def id(self) -> str:
        return self.__pydantic_private__["_id"]  # type: ignore[index]

    @property
    def source(self) -> str:
        """The data file, relative to the project root, e.g. `signatories/abf-fyrbodal.yml`."""
        return self.__pydantic_private__["_source"]  # type: ignore[index]

    @classmethod
    def from_data(cls, data: Any, *, id: str, source: str, today: date | None) -> Self:
        entry = cls.model_validate(data, context={"today": today})
        entry._id = id
        entry._source = source
        return entry


class FolderEntry(Entry):
    """An entry that may be an example, which is validated like any entry, so that it teaches
    editors, but never published. An example agreement (as `okide init` writes one) is never
    published either: a site without its agreement is not built at all."""

    example: Flag = Field(
        False,
        title="Exempel",
        description="true: posten är ett exempel för redaktörer. Den kontrolleras som andra "
        "poster och visas vid förhandsgranskning (make serve), men publiceras inte.",
    )


class Contact(Strict):
    """A functional contact (a shared address, not a private person)."""

    model_config = ConfigDict(
        title="Kontakt",
        json_schema_extra={
            "description": "En funktionell kontakt: minst en av email, phone och url. "
            "Ange en gemensam adress, inte en privatpersons."
        },
    )

    email: Email | None = Field(None, title="E-post", description="En funktionsadress.")
    phone: Phone | None = Field(None, title="Telefon", description="Med riktnummer.")
    url: Url | None = Field(None, title="Webbsida", description="Kontaktsida på webben.")

    @model_validator(mode="after")
    def _at_least_one(self) -> Self:
        if self.email is None and self.phone is None and self.url is None:
            raise rule_error(
                "ange minst en av email, phone och url", "t.ex. email: info@forening.se"
            )
        return self


class Area(Strict):
    model_config = ConfigDict(
        title="Fokusområde",
        json_schema_extra={"description": "Ett av överenskommelsens fokusområden."},
    )
    id: Slug = Field(title="Id", description="Fokusområdets id, t.ex. minskat-utanforskap.")
    title: Line = Field(title="Namn", description="Fokusområdets namn, t.ex. Minskat utanförskap.")


def _known_format(value: Any) -> str:
    """A data format this okide reads: 1, 1.0 or 1.1 (a newer one needs a newer okide)."""
    text = value.strip() if isinstance(value, str) else value
    if text in ("1", "1.0", "1.1"):
        return text
    raise rule_error(
        f"formatet '{text}' känner okide {__version__} inte till (högst {DATA_FORMAT})",
        f'uppgradera okide (versionen i requirements.lock) eller skriv format: "{DATA_FORMAT}"',
    )


DataFormat = Annotated[
    str,
    AfterValidator(_known_format),
    WithJsonSchema({"type": "string", "enum": ["1", "1.0", "1.1"]}),
]


class Accessibility(Strict):
    """The dates the accessibility statement gives (data format 1.1; both optional, and a
    sentence whose date is missing is left out of the statement)."""

    model_config = ConfigDict(
        title="Tillgänglighet",
        json_schema_extra={
            "description": "Datum som tillgänglighetsredogörelsen anger. Ett datum som saknas "
            "nämns inte i redogörelsen."
        },
    )

    published: Month | None = Field(
        None, title="Publicerad", description="Månad då webbplatsen publicerades, ÅÅÅÅ-MM."
    )
    assessed: Day | None = Field(
        None,
        title="Bedömd",
        description="Dag då webbplatsens tillgänglighet senast bedömdes, ÅÅÅÅ-MM-DD.",
    )
    statement_updated: Day | None = Field(
        None,
        title="Redogörelsen uppdaterad",
        description="Dag då tillgänglighetsredogörelsen senast uppdaterades, ÅÅÅÅ-MM-DD.",
    )


class Agreement(FolderEntry):
    """agreement/agreement.yml: the agreement itself."""

    model_config = ConfigDict(
        title="Överenskommelse",
        json_schema_extra={"description": "agreement/agreement.yml: själva överenskommelsen."},
    )

    short_name: Line = Field(title="Kortnamn", description="T.ex. ÖK Idé.")
    title: Line = Field(title="Titel", description="Överenskommelsens fullständiga titel.")
    public_party: Line = Field(
        title="Offentlig part", description="T.ex. Uddevalla kommun eller Region Västerbotten."
    )
    adopted: Day = Field(title="Antagen", description="Dag då överenskommelsen antogs.")
    purpose: Markdown = Field(title="Syfte", description="Markdown.")
    areas: list[Area] = Field(
        min_length=1, title="Fokusområden", description="Lista av {id, title}."
    )
    document: Url | None = Field(
        None, title="Dokument", description="Webbadress till det undertecknade dokumentet."
    )
    contact: Contact = Field(title="Kontakt", description="Funktionell kontakt: email, phone, url.")
    format: DataFormat | None = Field(
        None,
        title="Dataformat",
        description=f"Versionen av dataformatet som filerna följer, t.ex. {DATA_FORMAT}.",
    )
    accessibility: Accessibility | None = Field(
        None,
        title="Tillgänglighet",
        description="Datum för tillgänglighetsredogörelsen: published, assessed, "
        "statement_updated.",
    )

    @field_validator("areas")
    @classmethod
    def _unique_area_ids(cls, areas: list[Area]) -> list[Area]:
        seen: set[str] = set()
        for area in areas:
            if area.id in seen:
                raise rule_error(
                    f"fokusområdet '{area.id}' finns två gånger",
                    "varje fokusområde ska ha ett eget id",
                )
            seen.add(area.id)
        return areas

    def area_titles(self, area_ids: Iterable[str]) -> list[str]:
        """The titles of these focus areas, in the order given (one call per register row)."""
        titles = {area.id: area.title for area in self.areas}
        return [titles[area_id] for area_id in area_ids]


class Value(FolderEntry):
    """agreement/values/<id>.yml: one principle of the värdegrund."""

    model_config = ConfigDict(
        title="Värdering",
        json_schema_extra={"description": "agreement/values/<id>.yml: en princip i värdegrunden."},
    )

    order: WholeNumber = Field(title="Ordning", description="Heltal ≥ 1, unikt; visningsordning.")
    title: Line = Field(title="Titel", description="T.ex. Öppenhet och insyn.")
    text: Markdown = Field(title="Text", description="Markdown.")


class Clause(FolderEntry):
    """agreement/clauses/<id>.yml: one clause of the agreement."""

    model_config = ConfigDict(
        title="Punkt",
        json_schema_extra={
            "description": "agreement/clauses/<id>.yml: en punkt i överenskommelsen."
        },
    )

    number: ClauseNumber = Field(title="Nummer", description="T.ex. 3 eller 3.2; unikt.")
    title: Line = Field(title="Rubrik", description="Punktens rubrik, på en rad.")
    text: Markdown = Field(title="Text", description="Markdown.")
    party: PartyKind | None = Field(
        None, title="Vem punkten binder", description="public, sector eller joint."
    )
    values: SlugList = Field(
        default_factory=list,
        title="Värderingar",
        description="Id för värderingar som punkten uttrycker.",
    )

    @property
    def sort_key(self) -> tuple[int, ...]:
        return number_key(self.number)


def number_key(number: str) -> tuple[int, ...]:
    """What a clause number is by: its numeric parts, so 3.2 and 3.02 are one number, and 3.9
    comes before 3.10 and 9.2 before 10 (a ValueError for text that is not a number)."""
    return tuple(int(part) for part in number.strip().split("."))


class Signatory(FolderEntry):
    """signatories/<id>.yml: one organisation that signed the agreement."""

    model_config = ConfigDict(
        title="Part",
        json_schema_extra={
            "description": "signatories/<id>.yml: en organisation som har skrivit under "
            "överenskommelsen. Filens namn är partens id."
        },
    )

    name: Annotated[Line, Field(min_length=2, max_length=150)] = Field(
        title="Namn", description="Organisationens namn, 2–150 tecken, en rad."
    )
    form: Annotated[Form, BeforeValidator(lambda v: v.strip() if isinstance(v, str) else v)] = (
        Field(title="Organisationsform")
    )
    signed: Day = Field(title="Undertecknad", description="Dag då organisationen skrev under.")
    left: Day | None = Field(
        None, title="Lämnade", description="Dag då organisationen lämnade överenskommelsen."
    )
    org_number: OrgNumber | None = Field(
        None, title="Organisationsnummer", description="NNNNNN-NNNN; kontrollsiffran ska stämma."
    )
    website: Url | None = Field(
        None, title="Webbplats", description="Organisationens webbplats, med https://."
    )
    description: Annotated[Markdown, Field(max_length=1000)] | None = Field(
        None, title="Beskrivning", description="Markdown, högst 1000 tecken."
    )
    areas: SlugList = Field(
        default_factory=list, title="Fokusområden", description="Id från agreement.yml."
    )
    contact: Contact | None = Field(None, title="Kontakt", description="Organisationens kontakt.")

    @field_validator("signed")
    @classmethod
    def _signed_not_in_future(cls, signed: date, info: ValidationInfo) -> date:
        today = _today(info)
        if today is not None and signed > today:
            raise rule_error(
                f"datumet {signed.isoformat()} ligger i framtiden",
                "lägg till parten först när den har skrivit under",
            )
        return signed

    @field_validator("left")
    @classmethod
    def _left_after_signed(cls, left: date | None, info: ValidationInfo) -> date | None:
        signed = info.data.get("signed")
        if left is not None and signed is not None and left < signed:
            raise rule_error(
                f"lämnade {left.isoformat()}, före undertecknandet {signed.isoformat()}",
                "kontrollera left och signed",
            )
        return left

    def is_current(self, today: date) -> bool:
        return self.left is None or self.left > today


class Location(Strict):
    model_config = ConfigDict(
        title="Plats", json_schema_extra={"description": "Var stordialogen hålls."}
    )
    name: Line = Field(title="Plats", description="T.ex. Stadshuset, sal A.")
    address: Line | None = Field(None, title="Adress", description="Gatuadress och ort.")
    accessibility: Markdown | None = Field(
        None, title="Tillgänglighet", description="Entré utan trappsteg, hörslinga m.m."
    )


class Registration(Strict):
    model_config = ConfigDict(
        title="Anmälan",
        json_schema_extra={
            "description": "Hur man anmäler sig: url eller email, och gärna sista anmälningsdag."
        },
    )
    url: Url | None = Field(None, title="Anmälningssida", description="Sidan där man anmäler sig.")
    email: Email | None = Field(
        None, title="Anmälan via e-post", description="Adressen som anmälningar skickas till."
    )
    deadline: Day | None = Field(
        None, title="Sista anmälningsdag", description="ÅÅÅÅ-MM-DD, senast startdagen."
    )

    @model_validator(mode="after")
    def _url_or_email(self) -> Self:
        if self.url is None and self.email is None:
            raise rule_error("ange url eller email för anmälan", "t.ex. email: anmalan@exempel.se")
        return self


class Dialogue(FolderEntry):
    """dialogues/<id>.yml: one stordialog."""

    model_config = ConfigDict(
        title="Stordialog",
        json_schema_extra={
            "description": "dialogues/<id>.yml: en stordialog. Ange location, online eller båda."
        },
    )

    title: Line = Field(
        title="Rubrik", description="Som den ska stå på webbplatsen och i kalendern."
    )
    start: Moment = Field(title="Start", description="ÅÅÅÅ-MM-DDTHH:MM, svensk tid.")
    end: Moment = Field(title="Slut", description="ÅÅÅÅ-MM-DDTHH:MM, efter start.")
    description: Markdown = Field(title="Beskrivning", description="Markdown.")
    location: Location | None = Field(
        None, title="Plats", description="Var dialogen hålls: name, address, accessibility."
    )
    online: Url | None = Field(None, title="Delta digitalt", description="Länk för att delta.")
    areas: SlugList = Field(
        default_factory=list, title="Fokusområden", description="Id från agreement.yml."
    )
    hosts: SlugList = Field(
        default_factory=list, title="Medarrangörer", description="Id för parter (signatories)."
    )
    registration: Registration | None = Field(
        None, title="Anmälan", description="url eller email, och gärna deadline."
    )
    status: Status = Field("planned", title="Status", description="planned eller cancelled.")
    outcome: Markdown | None = Field(None, title="Resultat", description="Markdown.")

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: Any, info: ValidationInfo) -> Any:
        start = info.data.get("start")
        if start is not None and end <= start:
            raise rule_error("slutet ska ligga efter starten", "kontrollera start och end")
        return end

    @field_validator("registration")
    @classmethod
    def _deadline_before_start(cls, registration: Any, info: ValidationInfo) -> Any:
        start = info.data.get("start")
        deadline = registration.deadline if registration is not None else None
        if deadline is not None and start is not None and deadline > start.date():
            raise rule_error(
                "sista anmälningsdag ligger efter dialogens start",
                "sätt deadline till senast startdagen",
                ("deadline",),
            )
        return registration

    @model_validator(mode="after")
    def _place_or_online(self) -> Self:
        if self.location is None and self.online is None:
            raise rule_error(
                "ange location, online eller båda", "var äger dialogen rum, eller hur deltar man?"
            )
        return self

    @property
    def cancelled(self) -> bool:
        """Called off: still published, shown as cancelled (a file is never removed for it)."""
        return self.status == "cancelled"

    def is_upcoming(self, today: date) -> bool:
        """Upcoming until the day it ends has passed."""
        return self.end.date() >= today

    def registration_open(self, today: date) -> bool:
        """Whether one can still register: not cancelled, not over, the deadline not passed."""
        registration = self.registration
        return (
            registration is not None
            and not self.cancelled
            and self.is_upcoming(today)
            and (registration.deadline is None or registration.deadline >= today)
        )


def _problem(entry: Entry, loc: tuple[str | int, ...], message: str, hint: str) -> Problem:
    """A rule broken across files, on the entry's file at the key path loc (the loader, which
    knows where each value stands in the file, gives it its line and column)."""
    return Problem(_file(entry), 1, 1, ".".join(str(part) for part in loc), message, hint)


def _missing_ids(
    entry: Entry,
    key: str,
    wanted: list[str],
    known: Mapping[str, Any],
    what: str,
    elsewhere: Collection[str] = (),
) -> list[Problem]:
    """Each id in wanted that is not known; one in elsewhere (a file that exists but has
    problems of its own) is not reported twice."""
    hint = "finns: " + ", ".join(sorted(known)) if known else "inga finns än"
    return [
        _problem(entry, (key, index), f"'{item}' finns inte bland {what}", hint)
        for index, item in enumerate(wanted)
        if item not in known and item not in elsewhere
    ]


def _file(entry: Entry) -> str:
    return entry.source or entry.id


def _duplicates(
    key: str,
    entries: dict[str, Any],
    value_of: Any,
    describe: str,
    hint: str = "varje värde får bara förekomma en gång",
) -> list[Problem]:
    """Each entry whose value another entry has too, naming the other files: both ends are
    reported, so a pull request that adds one of them is annotated on the file it adds."""
    by_value: dict[Any, list[str]] = defaultdict(list)
    for entry_id in sorted(entries):
        by_value[value_of(entries[entry_id])].append(entry_id)
    found = []
    for ids in by_value.values():
        for entry_id in ids if len(ids) > 1 else ():
            others = ", ".join(_file(entries[other]) for other in ids if other != entry_id)
            found.append(_problem(entries[entry_id], (key,), f"{describe} {others}", hint))
    return found


def _host_on_the_day(dialogue: Dialogue, index: int, party: Signatory) -> list[Problem]:
    """A co-host is a party on the dialogue's day: it has signed and not left before it.
    Reported on the dialogue's host and on the party's date, each naming the other file."""
    day = dialogue.start.date()
    if party.left is not None and party.left < day:
        key, when, what = "left", party.left, "lämnade överenskommelsen"
    elif party.signed > day:
        key, when, what = "signed", party.signed, "skrev under"
    else:
        return []
    return [
        _problem(
            dialogue,
            ("hosts", index),
            f"'{party.id}' {what} {when.isoformat()} ({_file(party)}), "
            f"{'före' if key == 'left' else 'efter'} dialogens dag {day.isoformat()}",
            f"en medarrangör ska vara part den dagen; ta bort den ur hosts eller rätta {key}",
        ),
        _problem(
            party,
            (key,),
            f"parten {what} {when.isoformat()}, {'före' if key == 'left' else 'efter'} "
            f"stordialogen {day.isoformat()} där den är medarrangör ({_file(dialogue)})",
            f"rätta {key}, eller ta bort parten ur hosts i {_file(dialogue)}",
        ),
    ]


def _on_examples(
    entry: FolderEntry,
    key: str,
    wanted: list[str],
    known: Mapping[str, FolderEntry],
    what: str,
) -> list[Problem]:
    """A real entry refers to no example: the example is left out of the published site, and
    the reference would point at nothing there. (An example may refer to real entries.)"""
    if entry.example:
        return []
    return [
        _problem(
            entry,
            (key, index),
            f"'{item}' är ett exempel ({_file(known[item])}) och publiceras inte",
            f"ta bort '{item}' ur {key}, eller ta bort example: true om {what} är verklig",
        )
        for index, item in enumerate(wanted)
        if item in known and known[item].example
    ]


def _real(entries: dict[str, Any]) -> dict[str, Any]:
    return {entry_id: entry for entry_id, entry in entries.items() if not entry.example}


class Register(BaseModel):
    """Everything that was read: what pages and exports are made from. Each entry is valid on
    its own; the rules that span files are `problems()`, which the loader asks before it hands
    a register over."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=False)

    agreement: Agreement
    values: dict[str, Value]
    clauses: dict[str, Clause]
    signatories: dict[str, Signatory]
    dialogues: dict[str, Dialogue]
    _hosted_index: dict[str, list[Dialogue]] | None = PrivateAttr(default=None)

    def problems(self, elsewhere: Mapping[str, Collection[str]] | None = None) -> list[Problem]:
        """Rules that span files: uniqueness, references that must exist, and dates that must
        agree (a party signs after the adoption and co-hosts only while it is a party).
        elsewhere: by section, the ids of files that exist but are not in the register (they
        have problems of their own); a reference to one of them is not reported again."""
        elsewhere = elsewhere or {}
        areas = {area.id: area for area in self.agreement.areas}
        found: list[Problem] = []
        found += _duplicates("order", self.values, lambda v: v.order, "ordningen används redan i")
        found += _duplicates("number", self.clauses, lambda c: c.sort_key, "numret används redan i")
        numbered = {k: s for k, s in self.signatories.items() if s.org_number is not None}
        found += _duplicates(
            "org_number", numbered, lambda s: s.org_number, "organisationsnumret används redan i"
        )
        found += _duplicates(
            "name",
            self.signatories,
            lambda s: name_key(s.name),
            "namnet är detsamma som i",
            "två parter får inte heta likadant, inte heller med andra stora eller små "
            "bokstäver, mellanslag eller osynliga tecken; är det samma organisation?",
        )
        found += self._signed_after_adoption()
        values_elsewhere = elsewhere.get("values", ())
        parties_elsewhere = elsewhere.get("signatories", ())
        for clause in self.clauses.values():
            found += _missing_ids(
                clause, "values", clause.values, self.values, "värderingarna", values_elsewhere
            )
            found += _on_examples(clause, "values", clause.values, self.values, "värderingen")
        for party in self.signatories.values():
            found += _missing_ids(party, "areas", party.areas, areas, "fokusområdena")
        for dialogue in self.dialogues.values():
            found += _missing_ids(dialogue, "areas", dialogue.areas, areas, "fokusområdena")
            found += _missing_ids(
                dialogue, "hosts", dialogue.hosts, self.signatories, "parterna", parties_elsewhere
            )
            found += _on_examples(dialogue, "hosts", dialogue.hosts, self.signatories, "parten")
            for index, host in enumerate(dialogue.hosts):
                if host in self.signatories:
                    found += _host_on_the_day(dialogue, index, self.signatories[host])
        return found

    def _signed_after_adoption(self) -> list[Problem]:
        """No one signs an agreement before it exists."""
        adopted = self.agreement.adopted
        return [
            _problem(
                party,
                ("signed",),
                f"undertecknad {party.signed.isoformat()}, före {adopted.isoformat()} då "
                f"överenskommelsen antogs ({self.agreement.source or 'agreement/agreement.yml'})",
                "kontrollera signed; ingen kan skriva under innan överenskommelsen är antagen",
            )
            for party in self.signatories.values()
            if party.signed < adopted
        ]

    # Examples -------------------------------------------------------------------------------

    def _entries(self) -> dict[str, dict[str, FolderEntry]]:
        """The entries of each section of one file per entry, by the section's field."""
        return {
            name: getattr(self, name) for name in type(self).model_fields if name != "agreement"
        }

    def examples(self) -> list[FolderEntry]:
        """Every entry marked `example: true`, by its file."""
        found = [
            entry for entries in self._entries().values() for entry in entries.values()
            if entry.example
        ]  # fmt: skip
        return sorted(found, key=lambda entry: (entry.source, entry.id))

    def published(self) -> Register:
        """The register as the public site shows it: without the examples. Every page, list,
        count, calendar, feed and open data file is made from this, so none of them can show
        an example. (A real entry never refers to an example: see problems.)"""
        if not self.examples():
            return self
        real = {name: _real(entries) for name, entries in self._entries().items()}
        return Register(agreement=self.agreement, **real)

    # Views used by pages and exports -------------------------------------------------------

    def values_in_order(self) -> list[Value]:
        return sorted(self.values.values(), key=lambda v: v.order)

    def clauses_in_order(self) -> list[Clause]:
        return sorted(self.clauses.values(), key=lambda c: c.sort_key)

    def clauses_expressing(self, value_id: str) -> list[Clause]:
        return [c for c in self.clauses_in_order() if value_id in c.values]

    def parties_by_name(self) -> list[Signatory]:
        return sorted(self.signatories.values(), key=lambda s: (s.name.casefold(), s.id))

    def current_parties(self, today: date) -> list[Signatory]:
        return [s for s in self.parties_by_name() if s.is_current(today)]

    def former_parties(self, today: date) -> list[Signatory]:
        return [s for s in self.parties_by_name() if not s.is_current(today)]

    def dialogues_in_order(self) -> list[Dialogue]:
        """Every dialogue, earliest first (by start, then id)."""
        return sorted(self.dialogues.values(), key=lambda d: (d.start, d.id))

    def upcoming_dialogues(self, today: date) -> list[Dialogue]:
        """Soonest first."""
        return [d for d in self.dialogues_in_order() if d.is_upcoming(today)]

    def next_dialogue(self, today: date) -> Dialogue | None:
        """The soonest upcoming dialogue that is not cancelled."""
        planned = [d for d in self.upcoming_dialogues(today) if not d.cancelled]
        return planned[0] if planned else None

    def past_dialogues(self, today: date) -> list[Dialogue]:
        """Latest first."""
        return [d for d in reversed(self.dialogues_in_order()) if not d.is_upcoming(today)]

    def dialogues_hosted_by(self, party_id: str) -> list[Dialogue]:
        """Latest first."""
        return self._hosted_dialogues().get(party_id, [])

    def _hosted_dialogues(self) -> dict[str, list[Dialogue]]:
        """Host id → its dialogues, built once (one lookup per party page, not a scan)."""
        if self._hosted_index is None:
            index: dict[str, list[Dialogue]] = {}
            for dialogue in reversed(self.dialogues_in_order()):
                for host in dialogue.hosts:
                    index.setdefault(host, []).append(dialogue)
            self._hosted_index = index
        return self._hosted_index

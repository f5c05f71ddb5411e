"""What is valid: one pydantic model per entity of data format 1.1, plus the Register.

The models are the single source of truth: validation, the editors' JSON Schemas and the
documentation of the format all come from them. Rules that span fields are validators next to
the fields they guard; rules that span files live on the Register.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
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
    DayOfYear,
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
    Year,
    name_key,
    none_as_empty_list,
    rule_error,
    unique_items,
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
# Where an action of a collaboration plan stands, in the words the plans use.
ActionStatus = Literal["planerad", "pågår", "klar", "avbruten"]
ACTION_STATUSES: tuple[str, ...] = ActionStatus.__args__  # type: ignore[attr-defined]


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


class FollowUpRule(Strict):
    """Whether each party reports its own contribution every year, and by when."""

    model_config = ConfigDict(
        title="Uppföljning",
        json_schema_extra={
            "description": "Att varje part följer upp sitt eget bidrag varje år, och när "
            "rapporten ska vara inne. Utan follow_up väntas ingen årlig uppföljning."
        },
    )

    due: DayOfYear = Field(
        title="Sista dag",
        description="Dag året efter, MM-DD, då uppföljningen av ett år ska vara inne, t.ex. 03-31.",
    )
    first_year: Year | None = Field(
        None,
        title="Första året",
        description="Det första år som följs upp, t.ex. 2025; utan det året då "
        "överenskommelsen antogs.",
    )

    def due_date(self, year: int) -> date:
        """The day the follow-up of `year` is due: in the following year."""
        month, day = self.due
        return date(year + 1, month, day)


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
    org_number: OrgNumber | None = Field(
        None,
        title="Organisationsnummer",
        description="Den offentliga partens organisationsnummer, NNNNNN-NNNN: utgivaren i "
        "katalogen för Sveriges dataportal.",
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
    follow_up: FollowUpRule | None = Field(
        None,
        title="Årlig uppföljning",
        description="Om varje part följer upp sitt bidrag varje år: due (MM-DD) och "
        "first_year. Utan follow_up visas ingen part som sen.",
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

    @property
    def first_follow_up_year(self) -> int:
        """The first year a follow-up can be about (and, with follow_up, is expected for)."""
        rule = self.follow_up
        return rule.first_year if rule is not None and rule.first_year else self.adopted.year

    def follow_up_due(self, year: int) -> date | None:
        """When the parties' follow-up of `year` is due; None: no yearly follow-up expected."""
        if self.follow_up is None or year < self.first_follow_up_year:
            return None
        return self.follow_up.due_date(year)


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
    # Data format 1.1, both optional: when the dialogue became news and when it last changed
    # in a way that those taking part must hear of (the feed's `updated`, okide/feed.py).
    published: Day | None = Field(
        None,
        title="Publicerad",
        description="Dag då stordialogen publicerades, ÅÅÅÅ-MM-DD; visas i flödet.",
    )
    changed: Day | None = Field(
        None,
        title="Ändrad",
        description="Dag då stordialogen senast ändrades, t.ex. ställdes in eller fick en ny "
        "tid, ÅÅÅÅ-MM-DD; visas i flödet.",
    )

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

    @field_validator("changed")
    @classmethod
    def _changed_not_before_published(cls, changed: date | None, info: ValidationInfo) -> Any:
        published = info.data.get("published")
        if changed is not None and published is not None and changed < published:
            raise rule_error(
                f"ändringen {changed.isoformat()} ligger före publiceringen "
                f"{published.isoformat()}",
                "kontrollera published och changed",
            )
        return changed

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


Proposal = Annotated[Line, Field(max_length=500)]


class FollowUp(FolderEntry):
    """followups/<id>.yml: one party's own follow-up of one year, e.g. 2026-abf-fyrbodal.yml."""

    model_config = ConfigDict(
        title="Uppföljning",
        json_schema_extra={
            "description": "followups/<år>-<part>.yml: en parts uppföljning av sitt eget "
            "bidrag under ett år."
        },
    )

    party: Slug = Field(title="Part", description="Partens id: filnamnet i signatories/.")
    year: Year = Field(title="År", description="Året som följs upp, t.ex. 2026.")
    submitted: Day = Field(title="Inlämnad", description="Dag då uppföljningen lämnades in.")
    contribution: Markdown = Field(
        title="Bidrag", description="Markdown: vad parten bidrog med under året."
    )
    proposals: Annotated[list[Proposal], BeforeValidator(none_as_empty_list)] = Field(
        default_factory=list,
        title="Förslag",
        description="Lista: partens konkreta förslag till förbättringar, ett per rad.",
    )
    report: Url | None = Field(
        None, title="Rapport", description="Webbadress till en utförligare rapport."
    )
    actions: SlugList = Field(
        default_factory=list,
        title="Insatser",
        description="Id:n för insatserna i samverkansplanen som parten deltog i (filnamn i "
        "actions/).",
    )

    @field_validator("submitted")
    @classmethod
    def _submitted_in_time(cls, submitted: date, info: ValidationInfo) -> date:
        today = _today(info)
        year = info.data.get("year")
        if today is not None and submitted > today:
            raise rule_error(
                f"datumet {submitted.isoformat()} ligger i framtiden",
                "lägg till uppföljningen när den har lämnats in",
            )
        if year is not None and submitted.year < year:
            raise rule_error(
                f"inlämnad {submitted.isoformat()}, före året {year} som den följer upp",
                "kontrollera year och submitted",
            )
        return submitted

    @field_validator("proposals")
    @classmethod
    def _unique_proposals(cls, proposals: list[str]) -> list[str]:
        return unique_items(proposals)


class Challenge(Strict):
    """One prioritised societal challenge of a collaboration plan."""

    model_config = ConfigDict(
        title="Utmaning",
        json_schema_extra={
            "description": "En prioriterad samhällsutmaning i planen, t.ex. att bryta "
            "ofrivillig ensamhet: id, title, och gärna description och areas."
        },
    )

    id: Slug = Field(title="Id", description="Utmaningens id, t.ex. ofrivillig-ensamhet.")
    title: Line = Field(title="Namn", description="T.ex. Bryta ofrivillig ensamhet.")
    description: Markdown | None = Field(None, title="Beskrivning", description="Markdown.")
    areas: SlugList = Field(
        default_factory=list,
        title="Fokusområden",
        description="Id:n från areas i agreement.yml.",
    )


class Plan(FolderEntry):
    """plans/<id>.yml: a collaboration plan (samverkansplan, handlingsplan) over some years."""

    model_config = ConfigDict(
        title="Samverkansplan",
        json_schema_extra={
            "description": "plans/<id>.yml: en samverkansplan med sina prioriterade "
            "utmaningar; insatserna står i actions/."
        },
    )

    title: Line = Field(title="Namn", description="T.ex. Samverkansplan 2022–2026.")
    start: Year = Field(title="Första år", description="Det första år planen gäller, t.ex. 2022.")
    end: Year = Field(title="Sista år", description="Det sista år planen gäller, t.ex. 2026.")
    description: Markdown | None = Field(
        None, title="Beskrivning", description="Markdown: hur planen kom till och vad den vill."
    )
    document: Url | None = Field(
        None, title="Dokument", description="Webbadress till det beslutade dokumentet."
    )
    challenges: list[Challenge] = Field(
        default_factory=list,
        title="Utmaningar",
        description="Lista av {id, title, description, areas}: de prioriterade "
        "samhällsutmaningarna, viktigast först.",
    )

    @field_validator("end")
    @classmethod
    def _end_not_before_start(cls, end: int, info: ValidationInfo) -> int:
        start = info.data.get("start")
        if start is not None and end < start:
            raise rule_error(
                f"sista året {end} ligger före första året {start}", "kontrollera start och end"
            )
        return end

    @field_validator("challenges")
    @classmethod
    def _unique_challenge_ids(cls, challenges: list[Challenge]) -> list[Challenge]:
        seen: set[str] = set()
        for index, challenge in enumerate(challenges):
            if challenge.id in seen:
                raise rule_error(
                    f"utmaningen '{challenge.id}' finns två gånger",
                    "varje utmaning ska ha ett eget id",
                    (index, "id"),
                )
            seen.add(challenge.id)
        return challenges

    def covers(self, year: int) -> bool:
        return self.start <= year <= self.end

    def challenge_titles(self, challenge_ids: Iterable[str]) -> list[str]:
        titles = {challenge.id: challenge.title for challenge in self.challenges}
        return [titles[challenge_id] for challenge_id in challenge_ids if challenge_id in titles]


class Action(FolderEntry):
    """actions/<id>.yml: one action of a collaboration plan, with who does it and its status."""

    model_config = ConfigDict(
        title="Insats",
        json_schema_extra={
            "description": "actions/<id>.yml: en insats i en samverkansplan: vad, vem, när, "
            "status och resultat."
        },
    )

    plan: Slug = Field(title="Plan", description="Planens id: filnamnet i plans/.")
    title: Line = Field(title="Namn", description="Insatsens namn, på en rad.")
    description: Markdown = Field(title="Beskrivning", description="Markdown: vad och hur.")
    challenges: SlugList = Field(
        default_factory=list,
        title="Utmaningar",
        description="Id:n för planens utmaningar som insatsen möter.",
    )
    public_party: Flag = Field(
        False,
        title="Offentliga parten ansvarar",
        description="true: den offentliga parten (kommunen eller regionen) är ansvarig.",
    )
    parties: SlugList = Field(
        default_factory=list,
        validate_default=True,
        title="Ansvariga parter",
        description="Id:n för de undertecknande parter som är ansvariga (filnamn i signatories/).",
    )
    start: Day = Field(title="Start", description="Dag då insatsen börjar, ÅÅÅÅ-MM-DD.")
    end: Day | None = Field(None, title="Slut", description="Dag då insatsen slutar.")
    status: ActionStatus = Field(
        title="Status", description="planerad, pågår, klar eller avbruten."
    )
    changed: Day | None = Field(
        None,
        title="Status ändrad",
        description="Dag då statusen senast ändrades; visas i flödet.",
    )
    funding: Annotated[Line, Field(max_length=300)] | None = Field(
        None, title="Finansiering", description="Hur insatsen finansieras, där det är beslutat."
    )
    dialogues: SlugList = Field(
        default_factory=list,
        title="Stordialoger",
        description="Id:n för stordialoger som insatsen hör ihop med (filnamn i dialogues/).",
    )
    outcome: Markdown | None = Field(
        None, title="Resultat", description="Markdown: vad insatsen ledde till; krävs när klar."
    )

    @field_validator("end")
    @classmethod
    def _end_not_before_start(cls, end: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("start")
        if end is not None and start is not None and end < start:
            raise rule_error(
                f"slutet {end.isoformat()} ligger före starten {start.isoformat()}",
                "kontrollera start och end",
            )
        return end

    @field_validator("changed")
    @classmethod
    def _changed_not_in_future(cls, changed: date | None, info: ValidationInfo) -> date | None:
        today = _today(info)
        if changed is not None and today is not None and changed > today:
            raise rule_error(
                f"datumet {changed.isoformat()} ligger i framtiden",
                "skriv dagen då statusen ändrades, när den har ändrats",
            )
        return changed

    @field_validator("parties")
    @classmethod
    def _someone_responsible(cls, parties: list[str], info: ValidationInfo) -> list[str]:
        # On the field (also when it is left out: validate_default), so that a new file whose
        # other required keys are still empty is told about its parties too.
        if "public_party" in info.data and not info.data["public_party"] and not parties:
            raise rule_error(
                "ingen är ansvarig för insatsen",
                "ange parties (parternas id), public_party: true, eller båda",
            )
        return parties

    @model_validator(mode="after")
    def _outcome_when_done(self) -> Self:
        if self.status == "klar" and self.outcome is None:
            raise rule_error(
                "status är klar men outcome saknas",
                "skriv i outcome vad insatsen ledde till, eller ändra status",
                ("status",),
            )
        return self

    @property
    def done(self) -> bool:
        return self.status == "klar"

    @property
    def status_changed(self) -> date:
        """When the status last changed: as written, or the day that the status implies
        (the end of a finished action, otherwise its start)."""
        if self.changed is not None:
            return self.changed
        if self.status in ("klar", "avbruten") and self.end is not None:
            return self.end
        return self.start


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


def _one_id(
    entry: FolderEntry,
    key: str,
    item: str,
    known: Mapping[str, FolderEntry],
    what: tuple[str, str],
    elsewhere: Collection[str] = (),
) -> list[Problem]:
    """A key that names one entry of another file (what: how the entries are named, all of
    them and one): it exists, and is not an example."""
    found = _missing_ids(entry, key, [item], known, what[0], elsewhere)
    found += _on_examples(entry, key, [item], known, what[1])
    return [replace(problem, key=key) for problem in found]


def _party_in_year(follow_up: FollowUp, party: Signatory) -> list[Problem]:
    """A follow-up is about a year in which its party was a party: signed by the year's end and
    not left before it began. Reported on both files."""
    year = follow_up.year
    if party.signed.year > year:
        key, when, what = "signed", party.signed, "skrev under"
    elif party.left is not None and party.left.year < year:
        key, when, what = "left", party.left, "lämnade överenskommelsen"
    else:
        return []
    return [
        _problem(
            follow_up,
            ("year",),
            f"'{party.id}' {what} {when.isoformat()} ({_file(party)}) och var inte part under "
            f"{year}",
            f"kontrollera year, eller {key} i {_file(party)}",
        ),
        _problem(
            party,
            (key,),
            f"parten {what} {when.isoformat()}, men har en uppföljning av {year} "
            f"({_file(follow_up)})",
            f"rätta {key}, eller year i {_file(follow_up)}",
        ),
    ]


def _responsible_at_start(action: Action, index: int, party: Signatory) -> list[Problem]:
    """A party responsible for an action has not left before the action starts. Reported on
    the action's parties and on the party's departure, each naming the other file."""
    if party.left is None or party.left >= action.start:
        return []
    left, start = party.left.isoformat(), action.start.isoformat()
    return [
        _problem(
            action,
            ("parties", index),
            f"'{party.id}' lämnade överenskommelsen {left} ({_file(party)}), före insatsens "
            f"start {start}",
            "en ansvarig part ska vara part när insatsen börjar; ta bort den ur parties eller "
            "rätta start",
        ),
        _problem(
            party,
            ("left",),
            f"parten lämnade {left}, före starten {start} av insatsen den ansvarar för "
            f"({_file(action)})",
            f"rätta left, eller ta bort parten ur parties i {_file(action)}",
        ),
    ]


def _overlapping(plan: Plan, other: Plan) -> list[Problem]:
    return [
        _problem(
            plan,
            ("start",),
            f"planens år {plan.start}–{plan.end} överlappar {other.start}–{other.end} i "
            f"{_file(other)}",
            "två planer kan inte gälla samma år; rätta start eller end i en av dem",
        )
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
    followups: dict[str, FollowUp] = Field(default_factory=dict)
    plans: dict[str, Plan] = Field(default_factory=dict)
    actions: dict[str, Action] = Field(default_factory=dict)
    # Lookups built once per register, by name (see _indexed).
    _indexes: dict[str, dict[Any, Any]] = PrivateAttr(default_factory=dict)

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
        found += self._follow_up_problems(elsewhere)
        found += self._plan_problems(elsewhere, areas)
        return found

    def _follow_up_problems(self, elsewhere: Mapping[str, Collection[str]]) -> list[Problem]:
        """A follow-up is by a party that was one during its year, once per party and year,
        about a year the agreement existed and that has begun, naming actions that exist."""
        found = _duplicates(
            "year",
            self.followups,
            lambda f: (f.party, f.year),
            "partens uppföljning av samma år finns redan i",
            "en part lämnar en uppföljning per år; lägg ihop filerna",
        )
        first = self.agreement.first_follow_up_year
        for follow_up in self.followups.values():
            found += _one_id(
                follow_up, "party", follow_up.party, self.signatories, ("parterna", "parten"),
                elsewhere.get("signatories", ()),
            )  # fmt: skip
            party = self.signatories.get(follow_up.party)
            if party is not None:
                found += _party_in_year(follow_up, party)
            if follow_up.year < first:
                found.append(
                    _problem(
                        follow_up,
                        ("year",),
                        f"året {follow_up.year} ligger före {first}, det första år som följs upp",
                        "kontrollera year",
                    )
                )
            found += _missing_ids(
                follow_up, "actions", follow_up.actions, self.actions, "insatserna",
                elsewhere.get("actions", ()),
            )  # fmt: skip
            found += _on_examples(follow_up, "actions", follow_up.actions, self.actions, "insatsen")
        return found

    def _plan_problems(
        self, elsewhere: Mapping[str, Collection[str]], areas: Mapping[str, Area]
    ) -> list[Problem]:
        """Plans do not overlap (the current one is the one whose years cover today); an
        action belongs to a plan, meets its challenges, and is led by parties that have not
        left before it starts."""
        found: list[Problem] = []
        plans = sorted(self.plans.values(), key=lambda plan: (plan.start, plan.id))
        for index, plan in enumerate(plans):
            for challenge_index, challenge in enumerate(plan.challenges):
                found += [
                    replace(p, key=f"challenges.{challenge_index}.{p.key}")
                    for p in _missing_ids(plan, "areas", challenge.areas, areas, "fokusområdena")
                ]
            for other in plans[index + 1 :]:
                if other.start <= plan.end:
                    found += _overlapping(plan, other) + _overlapping(other, plan)
        for action in self.actions.values():
            found += _one_id(
                action,
                "plan",
                action.plan,
                self.plans,
                ("planerna", "planen"),
                elsewhere.get("plans", ()),
            )
            plan = self.plans.get(action.plan)
            if plan is not None:
                challenges = {challenge.id: challenge for challenge in plan.challenges}
                found += _missing_ids(
                    action, "challenges", action.challenges, challenges,
                    f"utmaningarna i {_file(plan)}",
                )  # fmt: skip
            found += _missing_ids(
                action, "parties", action.parties, self.signatories, "parterna",
                elsewhere.get("signatories", ()),
            )  # fmt: skip
            found += _on_examples(action, "parties", action.parties, self.signatories, "parten")
            for index, party_id in enumerate(action.parties):
                if party_id in self.signatories:
                    found += _responsible_at_start(action, index, self.signatories[party_id])
            found += _missing_ids(
                action, "dialogues", action.dialogues, self.dialogues, "stordialogerna",
                elsewhere.get("dialogues", ()),
            )  # fmt: skip
            found += _on_examples(
                action, "dialogues", action.dialogues, self.dialogues, "stordialogen"
            )
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

        def build() -> dict[str, list[Dialogue]]:
            index: dict[str, list[Dialogue]] = defaultdict(list)
            for dialogue in reversed(self.dialogues_in_order()):
                for host in dialogue.hosts:
                    index[host].append(dialogue)
            return index

        return self._indexed("hosted", build).get(party_id, [])

    def _indexed(self, name: str, build: Callable[[], dict[Any, Any]]) -> dict[Any, Any]:
        """A lookup built on first use and kept for the register's life (pages ask per entry)."""
        if name not in self._indexes:
            self._indexes[name] = build()
        return self._indexes[name]

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with lookups of its own: the ones built describe this register's entries."""
        copy = super().model_copy(update=update, deep=deep)
        copy._indexes = {}
        return copy

    # The yearly follow-up --------------------------------------------------------------------

    def followup_for(self, party_id: str, year: int) -> FollowUp | None:
        index = self._indexed(
            "followup", lambda: {(f.party, f.year): f for f in self.followups.values()}
        )
        return index.get((party_id, year))

    def followups_of(self, party_id: str) -> list[FollowUp]:
        """A party's follow-ups, latest year first."""

        def build() -> dict[str, list[FollowUp]]:
            index: dict[str, list[FollowUp]] = defaultdict(list)
            for follow_up in sorted(self.followups.values(), key=lambda f: -f.year):
                index[follow_up.party].append(follow_up)
            return index

        return self._indexed("followups_of", build).get(party_id, [])

    def is_expected(self, party: Signatory, year: int) -> bool:
        """Whether the agreement expects the party's follow-up of `year`: the agreement asks
        for one, the party had signed by the end of the year and had not left when it fell
        due."""
        due = self.agreement.follow_up_due(year)
        return (
            due is not None
            and party.signed.year <= year
            and (party.left is None or party.left >= due)
        )

    def due_for(self, party: Signatory, year: int) -> date | None:
        """When the party's follow-up of `year` is due; None where none is expected of it."""
        return self.agreement.follow_up_due(year) if self.is_expected(party, year) else None

    def follow_up_state(self, party: Signatory, year: int, today: date) -> FollowUpState:
        """Where the party's follow-up of `year` stands on `today`."""
        follow_up = self.followup_for(party.id, year)
        due = self.due_for(party, year)
        if follow_up is not None:
            late = due is not None and follow_up.submitted > due
            status = "late" if late else "submitted"
        elif due is None or year >= today.year:
            status = "not_expected" if due is None else "not_yet"
        else:
            status = "overdue" if today > due else "due"
        return FollowUpState(party, year, due, follow_up, status)

    def follow_up_years(self, today: date) -> list[int]:
        """The years with follow-ups, and those whose follow-up is expected by now (the year
        is over), latest first."""
        years = {follow_up.year for follow_up in self.followups.values()}
        if self.agreement.follow_up is not None:
            years |= set(range(self.agreement.first_follow_up_year, today.year))
        return sorted(years, reverse=True)

    def follow_up_year(self, year: int, today: date) -> list[FollowUpState]:
        """Every party that reported on `year` or was expected to, by name."""
        states = (self.follow_up_state(party, year, today) for party in self.parties_by_name())
        return [state for state in states if state.status != "not_expected"]

    def reminders(self, today: date, within: int) -> list[FollowUpState]:
        """The follow-ups not yet in: overdue ones, and those due within `within` days; the
        soonest due first, then by party name."""
        found = [
            state
            for year in self.follow_up_years(today)
            for state in self.follow_up_year(year, today)
            if state.status == "overdue"
            or (state.status == "due" and state.due is not None
                and (state.due - today).days <= within)
        ]  # fmt: skip
        return sorted(found, key=lambda s: (s.due or today, name_key(s.party.name), s.party.id))

    # The collaboration plan -----------------------------------------------------------------

    def plans_in_order(self) -> list[Plan]:
        """Every plan, the latest first."""
        return sorted(self.plans.values(), key=lambda plan: (-plan.start, plan.id))

    def current_plan(self, today: date) -> Plan | None:
        """The plan whose years cover today (plans do not overlap: see problems)."""
        return next((plan for plan in self.plans_in_order() if plan.covers(today.year)), None)

    def actions_in_order(self) -> list[Action]:
        """Every action, by start, then id."""
        return sorted(self.actions.values(), key=lambda action: (action.start, action.id))

    def actions_of(self, plan_id: str) -> list[Action]:
        return self._actions_by("plan", lambda action: [action.plan]).get(plan_id, [])

    def actions_led_by(self, party_id: str) -> list[Action]:
        return self._actions_by("parties", lambda action: action.parties).get(party_id, [])

    def actions_with_dialogue(self, dialogue_id: str) -> list[Action]:
        return self._actions_by("dialogues", lambda action: action.dialogues).get(dialogue_id, [])

    def _actions_by(
        self, name: str, keys: Callable[[Action], list[str]]
    ) -> dict[str, list[Action]]:
        def build() -> dict[str, list[Action]]:
            index: dict[str, list[Action]] = defaultdict(list)
            for action in self.actions_in_order():
                for key in keys(action):
                    index[key].append(action)
            return index

        return self._indexed("actions_by_" + name, build)


# What a follow-up's state means: submitted (on time, or where none was expected), late
# (submitted after the day it was due), due (the year is over, the day not yet passed),
# overdue (the day has passed), not_yet (the year is not over), not_expected.
FollowUpStatus = Literal["submitted", "late", "due", "overdue", "not_yet", "not_expected"]


@dataclass(frozen=True)
class FollowUpState:
    """One party's follow-up of one year, as it stands on a given day."""

    party: Signatory
    year: int
    due: date | None
    follow_up: FollowUp | None
    status: FollowUpStatus

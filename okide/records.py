"""The data dictionary of the open data: what each JSON export holds, as pydantic models of its
records, and the JSON Schema (draft 2020-12) published beside each file.

The exports are built as plain data in okide.exports; these models describe them and are not
used to build them. The tests validate every built export against its schema (with the
jsonschema library, for the real data, the region fixture and the hostile corpus), so a field
added to an export without a word here fails there. Titles and descriptions are Swedish: they
are the documentation a reuser reads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from okide.addresses import SiteSettings
from okide.fields import SLUG_PATTERN
from okide.models import ActionStatus, Form
from okide.sections import FILES

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# The value types of the exports, as a reuser meets them.
Id = Annotated[str, WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN})]
Text = Annotated[str, WithJsonSchema({"type": "string"})]
MarkdownText = Annotated[
    str, WithJsonSchema({"type": "string", "contentMediaType": "text/markdown"})
]
Link = Annotated[str, WithJsonSchema({"type": "string", "format": "uri"})]
Email = Annotated[str, WithJsonSchema({"type": "string", "format": "email"})]
Day = Annotated[date, WithJsonSchema({"type": "string", "format": "date"})]
Moment = Annotated[datetime, WithJsonSchema({"type": "string", "format": "date-time"})]
# What the JSON file of dialogues says of a dialogue: `status` in the data file is planned or
# cancelled; the export also tells a dialogue that is over.
DialogueState = Literal["planned", "held", "cancelled"]

_DAY = "ÅÅÅÅ-MM-DD (RFC 3339 full-date)"
_MOMENT = "med sekunder och tidszon, t.ex. 2027-03-16T17:30:00+01:00 (RFC 3339)"


class Record(BaseModel):
    """Every key is always there: null where the data file leaves a field out."""

    model_config = ConfigDict(extra="forbid")


class ContactRecord(Record):
    model_config = ConfigDict(
        title="Kontakt", json_schema_extra={"description": "Organisationens offentliga kontakt."}
    )
    email: Email | None = Field(title="E-post", description="E-postadress, eller null.")
    phone: Text | None = Field(title="Telefon", description="Telefonnummer, eller null.")
    url: Link | None = Field(title="Kontaktsida", description="Webbadress, eller null.")


class PartyRecord(Record):
    model_config = ConfigDict(
        title="Part",
        json_schema_extra={
            "description": "En organisation som har skrivit under överenskommelsen, nu eller "
            "tidigare."
        },
    )
    id: Id = Field(title="Id", description="Partens id, samma som i sidans adress /parter/<id>/.")
    name: Text = Field(title="Namn", description="Organisationens namn.")
    form: Form = Field(title="Organisationsform", description="Organisationsformen.")
    signed: Day = Field(title="Undertecknad", description=f"Dag då den skrev under, {_DAY}.")
    left: Day | None = Field(
        title="Lämnade", description=f"Dag då den lämnade överenskommelsen, {_DAY}, eller null."
    )
    org_number: Text | None = Field(
        title="Organisationsnummer", description="NNNNNN-NNNN, eller null."
    )
    website: Link | None = Field(title="Webbplats", description="Organisationens webbplats.")
    description: MarkdownText | None = Field(
        title="Beskrivning", description="Kort beskrivning i Markdown, eller null."
    )
    areas: list[Id] = Field(title="Fokusområden", description="Id för fokusområdena.")
    contact: ContactRecord | None = Field(
        title="Kontakt", description="{email, phone, url}, eller null."
    )
    url: Link = Field(title="Sida", description="Partens sida på webbplatsen.")


class LocationRecord(Record):
    model_config = ConfigDict(
        title="Plats", json_schema_extra={"description": "Var stordialogen hålls."}
    )
    name: Text = Field(title="Plats", description="Lokalens namn.")
    address: Text | None = Field(title="Adress", description="Gatuadress och ort, eller null.")
    accessibility: MarkdownText | None = Field(
        title="Tillgänglighet",
        description="Tillgängligheten på platsen i Markdown, eller null.",
    )


class RegistrationRecord(Record):
    model_config = ConfigDict(
        title="Anmälan", json_schema_extra={"description": "Hur man anmäler sig."}
    )
    url: Link | None = Field(title="Anmälningssida", description="Webbadress, eller null.")
    email: Email | None = Field(title="Anmälan via e-post", description="Adress, eller null.")
    deadline: Day | None = Field(title="Sista anmälningsdag", description=f"{_DAY}, eller null.")


class DialogueRecord(Record):
    model_config = ConfigDict(
        title="Stordialog",
        json_schema_extra={"description": "Ett öppet möte mellan parterna."},
    )
    id: Id = Field(title="Id", description="Stordialogens id, som i adressen /stordialoger/<id>/.")
    title: Text = Field(title="Rubrik", description="Stordialogens rubrik.")
    start: Moment = Field(title="Start", description=f"När den börjar, {_MOMENT}.")
    end: Moment = Field(title="Slut", description=f"När den slutar, {_MOMENT}.")
    description: MarkdownText = Field(title="Beskrivning", description="Beskrivning i Markdown.")
    location: LocationRecord | None = Field(
        title="Plats",
        description="{name, address, accessibility}, eller null när den bara hålls digitalt.",
    )
    online: Link | None = Field(
        title="Delta digitalt", description="Länk för att delta digitalt, eller null."
    )
    areas: list[Id] = Field(title="Fokusområden", description="Id för fokusområdena.")
    hosts: list[Id] = Field(
        title="Medarrangörer",
        description="Id för parterna som arrangerar den tillsammans med den offentliga parten.",
    )
    registration: RegistrationRecord | None = Field(
        title="Anmälan", description="{url, email, deadline}, eller null."
    )
    status: DialogueState = Field(
        title="Status",
        description="planned: planerad eller pågår; held: hölls, den slutade före tiden i "
        "generated; cancelled: inställd.",
    )
    outcome: MarkdownText | None = Field(
        title="Resultat", description="Vad som kom ut av den, i Markdown, eller null."
    )
    published: Day | None = Field(
        title="Publicerad",
        description=f"Dag då stordialogen publicerades, {_DAY}, eller null.",
    )
    changed: Day | None = Field(
        title="Ändrad",
        description=f"Dag då stordialogen senast ändrades, t.ex. ställdes in, {_DAY}, eller null.",
    )
    url: Link = Field(title="Sida", description="Stordialogens sida på webbplatsen.")


class FollowUpRecord(Record):
    model_config = ConfigDict(
        title="Uppföljning",
        json_schema_extra={"description": "En parts uppföljning av sitt eget bidrag under ett år."},
    )
    id: Id = Field(title="Id", description="<år>-<partens id>; adressen är /uppfoljning/#<id>.")
    party: Id = Field(title="Part", description="Partens id.")
    party_name: Text = Field(title="Partens namn", description="Partens namn.")
    year: int = Field(title="År", description="Året som följs upp.")
    submitted: Day = Field(title="Inlämnad", description=f"Dag då den lämnades in, {_DAY}.")
    contribution: MarkdownText = Field(
        title="Bidrag", description="Vad parten bidrog med, i Markdown."
    )
    proposals: list[Text] = Field(
        title="Förslag", description="Partens förslag till förbättringar, ett per post."
    )
    report: Link | None = Field(
        title="Rapport", description="Webbadress till en utförligare rapport, eller null."
    )
    actions: list[Id] = Field(
        title="Insatser", description="Id för insatserna som parten deltog i."
    )
    due: Day | None = Field(
        title="Sista dag",
        description=f"Sista dag för uppföljningen, {_DAY}, eller null när ingen väntades.",
    )
    on_time: bool | None = Field(
        title="I tid", description="true om den kom in senast due, false om senare, null utan due."
    )
    url: Link = Field(title="Plats", description="Uppföljningens plats på sidan Uppföljning.")


class ChallengeRecord(Record):
    model_config = ConfigDict(
        title="Utmaning",
        json_schema_extra={"description": "En prioriterad samhällsutmaning i planen."},
    )
    id: Id = Field(title="Id", description="Utmaningens id.")
    title: Text = Field(title="Namn", description="Utmaningens namn.")
    description: MarkdownText | None = Field(
        title="Beskrivning", description="Beskrivning i Markdown, eller null."
    )
    areas: list[Id] = Field(title="Fokusområden", description="Id för fokusområdena.")


class ActionRecord(Record):
    model_config = ConfigDict(
        title="Insats", json_schema_extra={"description": "En insats i en samverkansplan."}
    )
    id: Id = Field(title="Id", description="Insatsens id; adressen är /samverkansplan/#<id>.")
    plan: Id = Field(title="Plan", description="Planens id.")
    title: Text = Field(title="Namn", description="Insatsens namn.")
    description: MarkdownText = Field(title="Beskrivning", description="Vad och hur, i Markdown.")
    challenges: list[Id] = Field(
        title="Utmaningar", description="Id för planens utmaningar som insatsen möter."
    )
    public_party: bool = Field(
        title="Offentliga parten ansvarar", description="true när den offentliga parten ansvarar."
    )
    parties: list[Id] = Field(title="Ansvariga parter", description="Id för de ansvariga parterna.")
    start: Day = Field(title="Start", description=f"Dag då insatsen börjar, {_DAY}.")
    end: Day | None = Field(title="Slut", description=f"Dag då den slutar, {_DAY}, eller null.")
    status: ActionStatus = Field(
        title="Status", description="planerad, pågår, klar eller avbruten."
    )
    changed: Day | None = Field(
        title="Status ändrad", description="Dag då statusen ändrades, som den skrevs, eller null."
    )
    funding: Text | None = Field(
        title="Finansiering", description="Hur insatsen finansieras, eller null."
    )
    dialogues: list[Id] = Field(
        title="Stordialoger", description="Id för stordialogerna som insatsen hör ihop med."
    )
    outcome: MarkdownText | None = Field(
        title="Resultat", description="Vad insatsen ledde till, i Markdown, eller null."
    )
    status_changed: Day = Field(
        title="Status senast ändrad",
        description="changed, annars slutet för en insats som är klar eller avbruten, annars "
        "starten.",
    )
    responsible: list[Text] = Field(
        title="Ansvariga", description="Namnen på de ansvariga, den offentliga parten först."
    )
    url: Link = Field(title="Plats", description="Insatsens plats på sidan Samverkansplan.")


class PlanRecord(Record):
    model_config = ConfigDict(
        title="Samverkansplan",
        json_schema_extra={"description": "En samverkansplan med sina utmaningar och insatser."},
    )
    id: Id = Field(title="Id", description="Planens id.")
    title: Text = Field(title="Namn", description="Planens namn.")
    start: int = Field(title="Första år", description="Det första år planen gäller.")
    end: int = Field(title="Sista år", description="Det sista år planen gäller.")
    description: MarkdownText | None = Field(
        title="Beskrivning", description="Beskrivning i Markdown, eller null."
    )
    document: Link | None = Field(
        title="Dokument", description="Webbadress till det beslutade dokumentet, eller null."
    )
    challenges: list[ChallengeRecord] = Field(
        title="Utmaningar", description="De prioriterade samhällsutmaningarna, viktigast först."
    )
    url: Link = Field(title="Sida", description="Sidan Samverkansplan.")
    actions: list[ActionRecord] = Field(
        title="Insatser", description="Planens insatser i ordning efter start."
    )


@dataclass(frozen=True)
class JsonExport:
    """One JSON export: its file, the key of its list of records and what a record is."""

    file: str
    schema_file: str
    items: str
    record: type[Record]
    title: str
    # What the file holds, as the end of a sentence ("Schemat för data/parter.json: …").
    description: str


JSON_EXPORTS: dict[str, JsonExport] = {
    export.file: export
    for export in [
        JsonExport(FILES["parties_json"], FILES["parties_schema"], "parties", PartyRecord,
                   "Parter", "alla parter, nuvarande och tidigare, i ordning efter namn."),
        JsonExport(FILES["dialogues_json"], FILES["dialogues_schema"], "dialogues",
                   DialogueRecord, "Stordialoger", "alla stordialoger i ordning efter start."),
        JsonExport(FILES["followups_json"], FILES["followups_schema"], "followups",
                   FollowUpRecord, "Uppföljningar",
                   "parternas årliga uppföljningar, i ordning efter år och partens namn."),
        JsonExport(FILES["plans_json"], FILES["plans_schema"], "plans", PlanRecord,
                   "Samverkansplaner", "samverkansplanerna, den senaste först, med sina "
                   "utmaningar och insatser."),
    ]
}  # fmt: skip


def json_schema(export: JsonExport, site: SiteSettings) -> dict[str, Any]:
    """The schema of one export, with the absolute address it is published at as `$id`."""
    record = export.record.model_json_schema(ref_template="#/$defs/{model}")
    definitions = record.pop("$defs", {})
    name = export.record.__name__
    address = site.feed_url(export.schema_file)
    return {
        "$schema": DRAFT,
        "$id": address,
        "title": export.title,
        "description": f"Schemat för {export.file}: {export.description}",
        "type": "object",
        "properties": {
            "$schema": {
                "title": "Schema",
                "description": "Adressen till det här schemat.",
                "const": address,
            },
            "generated": {
                "title": "Skapad",
                "type": "string",
                "format": "date-time",
                "description": f"När filen skapades, {_MOMENT}.",
            },
            "count": {
                "title": "Antal",
                "type": "integer",
                "minimum": 0,
                "description": f"Antalet poster i {export.items}.",
            },
            export.items: {
                "title": "Poster",
                "type": "array",
                "items": {"$ref": f"#/$defs/{name}"},
            },
        },
        "required": ["$schema", "generated", "count", export.items],
        "additionalProperties": False,
        "$defs": {**definitions, name: record},
    }


def schema_bytes(export: JsonExport, site: SiteSettings) -> bytes:
    return (json.dumps(json_schema(export, site), ensure_ascii=False, indent=2) + "\n").encode()

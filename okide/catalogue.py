"""Register → the catalogue of the open data files, in DCAT-AP-SE 3.0 (RDF/XML), the form that
Sveriges dataportal harvests once a day from the address the public body registers there.

The profile (docs.dataportal.se/dcat, version 3.0.1) and the portal's rules for harvesting
(docs.dataportal.se/dcat/docs/harvesting) shape it: every resource has an absolute IRI and none
is a blank node; the publisher is one agent, the same for the catalogue and every dataset, and
when the agreement gives the public body's organisation number it has the address the portal
uses to join one organisation's data from several catalogues; the catalogue's licence is CC0
1.0 at its exact IRI. One dataset per family of files (parties, dialogues, and the follow-ups
and the collaboration plan when there are any), one distribution per file, each JSON file
pointing at its data dictionary (the JSON Schema published beside it).

The same register, site and day give the same bytes: the statements are written sorted, one
rdf:Description per subject, and every date comes from the data, never the clock. The file is
written with the standard library's XML serializer (ElementTree), which escapes every text and
attribute; the tests read it back with rdflib, as a harvester does. (Building it with rdflib
cost every build the import of rdflib: 10 to 40 ms here, depending on the machine's load.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from xml.etree import ElementTree

from okide.addresses import SiteSettings
from okide.clock import STOCKHOLM
from okide.feed import xml_text
from okide.models import Register
from okide.records import JSON_EXPORTS
from okide.sections import FILES, PAGES


class URIRef(str):
    """An absolute IRI, written as rdf:resource (or rdf:about for a subject)."""


@dataclass(frozen=True)
class Literal:
    """A text, in a language or of a datatype (at most one of them)."""

    value: str
    lang: str | None = None
    datatype: str | None = None


Node = URIRef | Literal


class Namespace:
    """A vocabulary: `DCAT.dataset` is the IRI of dcat:dataset. (Not a str: `DCTERMS.title`
    would be str.title.)"""

    def __init__(self, base: str) -> None:
        self.base = base

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        return URIRef(self.base + name)


RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
# The prefixes the file declares, for the vocabularies of its properties and classes.
PREFIXES = {"rdf": RDF, "dcat": DCAT, "dcterms": DCTERMS, "foaf": FOAF, "vcard": VCARD}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
DATA_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"
SWEDISH = URIRef("http://publications.europa.eu/resource/authority/language/SWE")
PUBLIC = URIRef("http://publications.europa.eu/resource/authority/access-right/PUBLIC")
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/"
# Where Sveriges dataportal expects an organisation with an organisation number to be: the
# number's ten digits without a hyphen, after SE (docs.dataportal.se, "Identifierare för
# utgivande organisationer").
PORTAL_ORGANISATION = "http://dataportal.se/organisation/SE"
# Population and society; Government and public sector (EU data themes).
THEMES = ("SOCI", "GOVE")
# A file's ending → its type in the EU file-type table and its IANA media type.
FORMATS = {
    ".json": ("JSON", "application/json"),
    ".csv": ("CSV", "text/csv"),
    ".ics": ("ICS", "text/calendar"),
}
EXCEL_COPIES = {FILES["parties_excel"], FILES["followups_excel"], FILES["actions_excel"]}
FORMAT_NAMES = {".json": "JSON", ".csv": "CSV", ".ics": "iCalendar"}


@dataclass(frozen=True)
class Family:
    """One dataset: the files that hold the same data, and the page that shows it."""

    id: str
    files: tuple[str, ...]
    page: str
    title: str
    description: str
    keywords: tuple[str, ...]
    # The days its data tells of a change: a signing or a departure, a dialogue held, a
    # follow-up handed in, an action's new status.
    days: tuple[date, ...]

    def modified(self, today: date) -> date | None:
        """The newest of those days that has come by today (a departure can be written down
        in advance)."""
        return max((day for day in self.days if day <= today), default=None)


def families(register: Register) -> list[Family]:
    """The datasets, the follow-ups and the plan only when the register has any."""
    agreement = register.agreement
    short, public = agreement.short_name, agreement.public_party
    parties = register.signatories.values()
    found = [
        Family(
            "parter",
            (FILES["parties_json"], FILES["parties_csv"], FILES["parties_excel"]),
            PAGES["parties"],
            f"Parter i {short}",
            f"Organisationerna som har skrivit under {short}, överenskommelsen mellan {public} "
            "och den idéburna sektorn, också de som har lämnat den: namn, organisationsform, "
            "dagen de skrev under och dagen de lämnade, fokusområden och kontaktuppgifter.",
            ("parter", "föreningar", "organisationer"),
            (*(p.signed for p in parties), *(p.left for p in parties if p.left)),
        ),
        Family(
            "stordialoger",
            (FILES["dialogues_json"], FILES["calendar"]),
            PAGES["dialogues"],
            f"Stordialoger i {short}",
            f"Stordialogerna där parterna i {short} möts, kommande och tidigare: tid, plats "
            "eller länk för att delta digitalt, beskrivning, anmälan och om stordialogen är "
            "inställd. Också som kalenderfil.",
            ("stordialog", "dialog", "möten", "kalender"),
            tuple(
                day
                for d in register.dialogues.values()
                for day in (d.start.astimezone(STOCKHOLM).date(), d.published, d.changed)
                if day is not None
            ),
        ),
    ]
    if register.followups:
        found.append(
            Family(
                "uppfoljningar",
                (FILES["followups_json"], FILES["followups_csv"], FILES["followups_excel"]),
                PAGES["followups"],
                f"Parternas uppföljningar av {short}",
                f"Varje parts egen uppföljning av sitt bidrag till {short}, år för år: när den "
                "lämnades in och om den kom in i tid, vad parten bidrog med och partens förslag "
                "till förbättringar.",
                ("uppföljning", "förbättringsförslag"),
                tuple(f.submitted for f in register.followups.values()),
            )
        )
    if register.plans:
        found.append(
            Family(
                "samverkansplan",
                (FILES["plans_json"], FILES["actions_csv"], FILES["actions_excel"]),
                PAGES["plan"],
                f"Samverkansplan för {short}",
                "Samverkansplanerna med sina prioriterade samhällsutmaningar och insatserna i "
                "dem: vad som görs, vem som ansvarar, när, hur det finansieras, status och "
                "resultat.",
                ("samverkansplan", "insatser", "samhällsutmaningar"),
                tuple(a.status_changed for a in register.actions.values()),
            )
        )
    return found


def publisher_iri(register: Register, catalogue: str) -> URIRef:
    """The portal's address for an organisation number, else one in the catalogue itself."""
    number = register.agreement.org_number
    if number:
        return URIRef(PORTAL_ORGANISATION + number.replace("-", ""))
    return URIRef(catalogue + "#utgivare")


def publisher_type(public_party: str) -> URIRef:
    """A region (or, in older names, a landsting) is a regional authority; every other public
    party of an agreement with the idea-based sector is a municipality, a local authority."""
    regional = any(word in public_party.casefold() for word in ("region", "landsting"))
    return URIRef(PUBLISHER_TYPE + ("RegionalAuthority" if regional else "LocalAuthority"))


class _Triples:
    """The catalogue's statements, collected as a set and written sorted."""

    def __init__(self) -> None:
        self.triples: set[tuple[URIRef, URIRef, Node]] = set()

    def add(self, subject: URIRef, predicate: URIRef, obj: Node) -> None:
        self.triples.add((subject, predicate, obj))

    def text(self, subject: URIRef, predicate: URIRef, value: str) -> None:
        """Swedish text, without the characters XML 1.0 cannot hold (an editor can write one
        in YAML, and it would make the whole file unreadable)."""
        self.add(subject, predicate, Literal(xml_text(value), lang="sv"))

    def rdf_xml(self) -> bytes:
        """RDF/XML: one rdf:Description per subject, in IRI order, each with its statements in
        the order of property and value."""
        root = ElementTree.Element(_qualified(RDF.RDF))
        by_subject: dict[URIRef, list[tuple[URIRef, Node]]] = {}
        for subject, predicate, obj in sorted(self.triples, key=_order):
            by_subject.setdefault(subject, []).append((predicate, obj))
        for subject, statements in by_subject.items():
            description = ElementTree.SubElement(
                root, _qualified(RDF.Description), {_qualified(RDF.about): subject}
            )
            for predicate, obj in statements:
                element = ElementTree.SubElement(description, _qualified(predicate))
                if isinstance(obj, URIRef):
                    element.set(_qualified(RDF.resource), obj)
                    continue
                if obj.lang:
                    element.set(_XML_LANG, obj.lang)
                elif obj.datatype:
                    element.set(_qualified(RDF.datatype), obj.datatype)
                element.text = obj.value
        ElementTree.indent(root)
        for prefix, namespace in PREFIXES.items():
            ElementTree.register_namespace(prefix, namespace.base)
        text = ElementTree.tostring(root, encoding="unicode")
        return f'<?xml version="1.0" encoding="utf-8"?>\n{text}\n'.encode()


def _order(triple: tuple[URIRef, URIRef, Node]) -> tuple[str, str, int, str, str]:
    subject, predicate, obj = triple
    if isinstance(obj, URIRef):
        return (subject, predicate, 0, obj, "")
    return (subject, predicate, 1, obj.value, obj.lang or obj.datatype or "")


def _qualified(iri: URIRef) -> str:
    """ElementTree's name of a property or class: `{namespace}local`."""
    for namespace in PREFIXES.values():
        if iri.startswith(namespace.base) and iri != namespace.base:
            return "{%s}%s" % (namespace.base, iri.removeprefix(namespace.base))  # noqa: UP031
    raise ValueError(f"no prefix for {iri}")


def catalogue_triples(register: Register, site: SiteSettings, today: date) -> _Triples:
    """The catalogue's statements; `catalogue_rdf` writes them."""
    catalogue = site.feed_url(FILES["catalogue"])
    out = _Triples()
    node = URIRef(catalogue)
    publisher = _publisher(register, catalogue, out)
    contact = _contact_point(register, catalogue, out)
    _describe_catalogue(register, site, node, publisher, out)
    newest = []
    for family in families(register):
        dataset = URIRef(f"{catalogue}#{family.id}")
        out.add(node, DCAT.dataset, dataset)
        out.add(dataset, DCTERMS.publisher, publisher)
        if contact is not None:
            out.add(dataset, DCAT.contactPoint, contact)
        _describe_dataset(register, site, family, dataset, out)
        changed = family.modified(today)
        if changed is not None:
            newest.append(changed)
            out.add(dataset, DCTERMS.modified, _day(changed))
        for path in family.files:
            out.add(dataset, DCAT.distribution, _distribution(site, catalogue, path, out))
    if newest:
        out.add(node, DCTERMS.modified, _day(max(newest)))
    return out


def _day(day: date) -> Literal:
    return Literal(day.isoformat(), datatype=XSD.date)


def _describe_catalogue(
    register: Register, site: SiteSettings, node: URIRef, publisher: URIRef, out: _Triples
) -> None:
    agreement = register.agreement
    out.add(node, RDF.type, DCAT.Catalog)
    out.text(
        node, DCTERMS.title, f"Öppna data om {agreement.short_name} – {agreement.public_party}"
    )
    out.text(
        node,
        DCTERMS.description,
        f"{agreement.title} ({agreement.short_name}) som öppna data: parterna, stordialogerna "
        "och, där de finns, parternas uppföljningar och samverkansplanen. "
        f"{agreement.public_party} publicerar filerna under CC0 1.0, och de byggs om varje dag.",
    )
    out.add(node, DCTERMS.publisher, publisher)
    out.add(node, DCTERMS.license, CC0)
    out.add(node, DCTERMS.language, SWEDISH)
    out.add(node, FOAF.homepage, URIRef(site.site_url))
    out.add(node, DCAT.themeTaxonomy, URIRef(DATA_THEME.rstrip("/")))


def _publisher(register: Register, catalogue: str, out: _Triples) -> URIRef:
    agreement = register.agreement
    publisher = publisher_iri(register, catalogue)
    out.add(publisher, RDF.type, FOAF.Agent)
    out.text(publisher, FOAF.name, agreement.public_party)
    out.add(publisher, DCTERMS.type, publisher_type(agreement.public_party))
    if agreement.org_number:
        out.add(publisher, DCTERMS.identifier, Literal(agreement.org_number.replace("-", "")))
    if agreement.contact.url:
        out.add(publisher, FOAF.homepage, URIRef(agreement.contact.url))
    return publisher


def _contact_point(register: Register, catalogue: str, out: _Triples) -> URIRef | None:
    """A vcard:Organization with the agreement's e-mail: the profile requires an e-mail on a
    contact point, so there is none when the agreement gives no e-mail."""
    contact = register.agreement.contact
    if not contact.email:
        return None
    node = URIRef(catalogue + "#kontakt")
    out.add(node, RDF.type, VCARD.Organization)
    out.text(node, VCARD.fn, register.agreement.public_party)
    out.add(node, VCARD.hasEmail, URIRef("mailto:" + contact.email))
    if contact.url:
        out.add(node, VCARD.hasURL, URIRef(contact.url))
    return node


def _describe_dataset(
    register: Register, site: SiteSettings, family: Family, dataset: URIRef, out: _Triples
) -> None:
    agreement = register.agreement
    out.add(dataset, RDF.type, DCAT.Dataset)
    out.text(dataset, DCTERMS.title, family.title)
    out.text(dataset, DCTERMS.description, family.description)
    common = (agreement.short_name, "idéburen sektor", "civilsamhälle", "överenskommelse")
    for keyword in (*family.keywords, *common, *(area.title for area in agreement.areas)):
        out.text(dataset, DCAT.keyword, keyword)
    for theme in THEMES:
        out.add(dataset, DCAT.theme, URIRef(DATA_THEME + theme))
    out.add(dataset, DCTERMS.language, SWEDISH)
    out.add(dataset, DCTERMS.accessRights, PUBLIC)
    out.add(dataset, DCAT.landingPage, URIRef(site.page_url(family.page)))


def _distribution(site: SiteSettings, catalogue: str, path: str, out: _Triples) -> URIRef:
    """One file: where to get it, its format and media type, its licence and, for JSON, the
    data dictionary it follows."""
    name = path.rsplit("/", 1)[-1]
    ending = "." + name.rsplit(".", 1)[-1]
    file_type, media_type = FORMATS[ending]
    distribution = URIRef(f"{catalogue}#{name}")
    url = URIRef(site.feed_url(path))
    out.add(distribution, RDF.type, DCAT.Distribution)
    out.text(distribution, DCTERMS.title, f"{name} ({FORMAT_NAMES[ending]})")
    out.add(distribution, DCAT.accessURL, url)
    out.add(distribution, DCAT.downloadURL, url)
    out.add(distribution, DCTERMS.format, URIRef(FILE_TYPE + file_type))
    out.add(distribution, DCAT.mediaType, URIRef(MEDIA_TYPE + media_type))
    out.add(distribution, DCTERMS.license, CC0)
    if path in EXCEL_COPIES:
        out.text(
            distribution,
            DCTERMS.description,
            "Samma rader som CSV-filen utan -excel i namnet, med semikolon mellan fälten och "
            "UTF-8 med BOM, så att den öppnas rätt med ett dubbelklick i Excel med svenska "
            "inställningar.",
        )
    if ending == ".json":
        dictionary = URIRef(site.feed_url(JSON_EXPORTS[path].schema_file))
        out.add(distribution, DCTERMS.conformsTo, dictionary)
        out.add(dictionary, RDF.type, DCTERMS.Standard)
        out.text(dictionary, DCTERMS.title, f"Datadefinition för {name} (JSON Schema)")
    return distribution


def catalogue_rdf(register: Register, site: SiteSettings, today: date) -> bytes:
    """The catalogue as RDF/XML, UTF-8."""
    return catalogue_triples(register, site, today).rdf_xml()

"""The DCAT-AP-SE catalogue (okide/catalogue.py), read back with rdflib as a harvester reads it.

What is mandatory comes from DCAT-AP-SE 3.0.1 (docs.dataportal.se/dcat/3.0.1, published
25 November 2024; its machine-readable form is bundle.json in github.com/diggsweden/DCAT-AP-SE,
folder 3.0.1): the properties with cardinality min 1 on the main classes Katalog, Datamängd,
Distribution, Aktör (publisher) and Kontaktuppgift. Beside them, the rules of the portal's
harvesting (docs.dataportal.se/dcat/docs/harvesting, "Skördning av DCAT-AP-SE till Sveriges
dataportal"): RDF/XML, absolute IRIs, no blank node for the catalogue, datasets,
distributions, publishers and contact points, and a publisher with an organisation number at
http://dataportal.se/organisation/SE<10 digits>. The catalogue's licence must be CC0 1.0 at
exactly http://creativecommons.org/publicdomain/zero/1.0/ (3.0.1, Katalog → Licens).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib import namespace as ns

from okide.addresses import SiteSettings
from okide.catalogue import (
    PORTAL_ORGANISATION,
    catalogue_rdf,
    publisher_type,
)
from okide.cli import main
from okide.exports import render_exports
from okide.load import load_register
from okide.models import Register
from okide.records import JSON_EXPORTS
from okide.sections import FILES
from tests.conftest import REGION, ROOT, SMALL, TODAY, site_url

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
SITE = SiteSettings(site_url="https://exempel.example.org/ok/")
CATALOGUE = "https://exempel.example.org/ok/data/katalog.rdf"
PUBLISHER_TYPES = "http://purl.org/adms/publishertype/"
CONTACT_KINDS = {VCARD.Organization, VCARD.Individual, VCARD.Kind}

# DCAT-AP-SE 3.0.1: (class, property, exactly one?) for every property with min cardinality 1.
MANDATORY = [
    (ns.DCAT.Catalog, ns.DCTERMS.title, False),
    (ns.DCAT.Catalog, ns.DCTERMS.description, False),
    (ns.DCAT.Catalog, ns.DCTERMS.publisher, True),
    (ns.DCAT.Catalog, ns.DCTERMS.license, True),
    (ns.DCAT.Catalog, ns.DCAT.dataset, False),
    (ns.DCAT.Dataset, ns.DCTERMS.title, False),
    (ns.DCAT.Dataset, ns.DCTERMS.description, False),
    (ns.DCAT.Dataset, ns.DCTERMS.publisher, True),
    (ns.DCAT.Distribution, ns.DCAT.accessURL, True),
    (ns.DCAT.Distribution, ns.DCTERMS.format, True),
    (ns.FOAF.Agent, ns.FOAF.name, False),
    (ns.FOAF.Agent, ns.DCTERMS.type, True),
    (VCARD.Organization, VCARD.fn, False),
    (VCARD.Organization, VCARD.hasEmail, False),
]


def _register(root: Path) -> Register:
    register = load_register(root, TODAY)
    assert isinstance(register, Register), register
    return register.published()


def _parsed(register: Register, site: SiteSettings = SITE) -> Graph:
    """The bytes of the file, parsed as a harvester parses them."""
    return Graph().parse(data=catalogue_rdf(register, site, TODAY), format="xml")


def _with_agreement(tmp_path: Path, source: Path, lines: str) -> Path:
    """A copy of a fixture with lines added to its agreement."""
    root = tmp_path / "data"
    shutil.copytree(source, root)
    agreement = root / "agreement" / "agreement.yml"
    agreement.write_text(agreement.read_text("utf-8") + lines, encoding="utf-8")
    return root


def _one(graph: Graph, subject: URIRef, predicate: URIRef) -> object:
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, (subject, predicate, values)
    return values[0]


def _assert_conforms(graph: Graph) -> None:
    """Every property DCAT-AP-SE 3.0.1 makes mandatory, and the portal's harvesting rules."""
    for subject, predicate, obj in graph:
        for term in (subject, predicate, obj):
            assert not isinstance(term, BNode), (subject, predicate, obj)
            if isinstance(term, URIRef):
                assert str(term).startswith(("https://", "http://", "mailto:")), term
    catalogues = list(graph.subjects(ns.RDF.type, ns.DCAT.Catalog))
    assert len(catalogues) == 1
    for cls, prop, exactly_one in MANDATORY:
        for subject in graph.subjects(ns.RDF.type, cls):
            count = len(list(graph.objects(subject, prop)))
            assert count == 1 if exactly_one else count >= 1, (subject, prop, count)
    catalogue = catalogues[0]
    assert _one(graph, catalogue, ns.DCTERMS.license) == URIRef(
        "http://creativecommons.org/publicdomain/zero/1.0/"
    )
    # Every dataset and distribution is one of the catalogue's; every publisher is an Agent.
    datasets = set(graph.objects(catalogue, ns.DCAT.dataset))
    assert datasets == set(graph.subjects(ns.RDF.type, ns.DCAT.Dataset))
    distributions = {d for s in datasets for d in graph.objects(s, ns.DCAT.distribution)}
    assert distributions == set(graph.subjects(ns.RDF.type, ns.DCAT.Distribution))
    publishers = set(graph.objects(None, ns.DCTERMS.publisher))
    assert len(publishers) == 1, "one publisher for the catalogue and every dataset"
    for publisher in publishers:
        assert (publisher, ns.RDF.type, ns.FOAF.Agent) in graph
        assert str(_one(graph, publisher, ns.DCTERMS.type)).startswith(PUBLISHER_TYPES)
    for contact in graph.objects(None, ns.DCAT.contactPoint):
        kinds = set(graph.objects(contact, ns.RDF.type))
        assert len(kinds) == 1 and kinds <= CONTACT_KINDS, kinds
        assert str(_one(graph, contact, VCARD.hasEmail)).startswith("mailto:")
        assert contact not in publishers, "a contact point is not the publisher"
    for subject in [catalogue, *datasets]:
        for prop in (ns.DCTERMS.title, ns.DCTERMS.description):
            assert {value.language for value in graph.objects(subject, prop)} == {"sv"}


@pytest.mark.parametrize("root", [ROOT, REGION, SMALL], ids=["uddevalla", "region", "small"])
def test_the_catalogue_has_every_property_dcat_ap_se_makes_mandatory(root: Path) -> None:
    _assert_conforms(_parsed(_register(root)))


def test_each_distribution_is_a_file_the_site_publishes_under_cc0_with_format_and_media_type() -> (
    None
):
    register = _register(REGION)
    graph = _parsed(register)
    published = {SITE.feed_url(path) for path in render_exports(register, SITE, TODAY)}
    files = set()
    for distribution in graph.subjects(ns.RDF.type, ns.DCAT.Distribution):
        url = _one(graph, distribution, ns.DCAT.downloadURL)
        assert _one(graph, distribution, ns.DCAT.accessURL) == url
        assert str(url) in published, url
        files.add(str(url))
        assert _one(graph, distribution, ns.DCTERMS.license) == CC0
        kind = str(url).rsplit(".", 1)[1]
        file_type = {"json": "JSON", "csv": "CSV", "ics": "ICS"}[kind]
        assert _one(graph, distribution, ns.DCTERMS.format) == URIRef(
            f"http://publications.europa.eu/resource/authority/file-type/{file_type}"
        )
        media = {"json": "application/json", "csv": "text/csv", "ics": "text/calendar"}[kind]
        assert _one(graph, distribution, ns.DCAT.mediaType) == URIRef(
            f"https://www.iana.org/assignments/media-types/{media}"
        )
    wanted = ("parties_json", "parties_csv", "dialogues_json", "calendar", "followups_json",
              "followups_csv", "plans_json", "actions_csv", "parties_excel", "followups_excel",
              "actions_excel")  # fmt: skip
    assert files == {SITE.feed_url(FILES[name]) for name in wanted}


def test_each_json_file_points_at_its_data_dictionary_beside_it() -> None:
    graph = _parsed(_register(REGION))
    json_files = 0
    for distribution in graph.subjects(ns.RDF.type, ns.DCAT.Distribution):
        url = str(_one(graph, distribution, ns.DCAT.downloadURL))
        schemas = list(graph.objects(distribution, ns.DCTERMS.conformsTo))
        if url.endswith(".json"):
            json_files += 1
            assert schemas == [URIRef(url.removesuffix(".json") + ".schema.json")]
            assert (schemas[0], ns.RDF.type, ns.DCTERMS.Standard) in graph
        else:
            assert schemas == []
    assert json_files == 4
    assert JSON_EXPORTS[FILES["parties_json"]].schema_file == "data/parter.schema.json"


def test_the_follow_ups_and_the_plan_are_datasets_only_where_the_register_has_them() -> None:
    def datasets(root: Path) -> set[str]:
        graph = _parsed(_register(root))
        return {str(d).rsplit("#", 1)[1] for d in graph.subjects(ns.RDF.type, ns.DCAT.Dataset)}

    assert datasets(SMALL) == {"parter", "stordialoger"}
    assert datasets(REGION) == {"parter", "stordialoger", "uppfoljningar", "samverkansplan"}


def test_a_dataset_is_modified_on_the_newest_change_its_data_tells_of_by_the_build_date() -> None:
    graph = _parsed(_register(REGION))

    def modified(dataset: str) -> object:
        return _one(graph, URIRef(f"{CATALOGUE}#{dataset}"), ns.DCTERMS.modified).toPython()

    # Kulturstiftelsen left 2025-12-31; Patientföreningen's last report came 2026-10-01; the
    # landsbygd dialogue of 2026-05-12 is the last one held (the next is in 2027); the patient
    # school was cancelled 2025-09-15 (the health agents' action starts only in 2027).
    assert modified("parter") == date(2025, 12, 31)
    assert modified("uppfoljningar") == date(2026, 10, 1)
    assert modified("stordialoger") == date(2026, 5, 12)
    assert modified("samverkansplan") == date(2025, 9, 15)
    newest = max(modified(d) for d in ("parter", "stordialoger", "uppfoljningar", "samverkansplan"))
    assert _one(graph, URIRef(CATALOGUE), ns.DCTERMS.modified).toPython() == newest


def test_a_departure_written_down_in_advance_does_not_modify_the_parties_before_its_day() -> None:
    register = _register(REGION)
    before = date(2025, 12, 30)
    graph = Graph().parse(data=catalogue_rdf(register, SITE, before), format="xml")
    parties = _one(graph, URIRef(f"{CATALOGUE}#parter"), ns.DCTERMS.modified).toPython()
    assert parties < date(2025, 12, 31)


def test_the_publisher_has_the_portals_address_when_the_agreement_gives_an_org_number(
    tmp_path: Path,
) -> None:
    root = _with_agreement(tmp_path, REGION, "org_number: 999999-9999\n")
    graph = _parsed(_register(root))
    _assert_conforms(graph)
    publisher = URIRef(PORTAL_ORGANISATION + "9999999999")
    assert str(publisher) == "http://dataportal.se/organisation/SE9999999999"
    assert set(graph.objects(None, ns.DCTERMS.publisher)) == {publisher}
    assert _one(graph, publisher, ns.DCTERMS.identifier) == Literal("9999999999")
    assert _one(graph, publisher, ns.FOAF.name) == Literal("Region Exempelland", lang="sv")


def test_without_an_org_number_the_publisher_is_an_address_in_the_catalogue_itself() -> None:
    graph = _parsed(_register(REGION))
    assert set(graph.objects(None, ns.DCTERMS.publisher)) == {URIRef(CATALOGUE + "#utgivare")}
    assert list(graph.objects(URIRef(CATALOGUE + "#utgivare"), ns.DCTERMS.identifier)) == []


def test_the_agreements_org_number_is_checked_like_a_partys(tmp_path: Path) -> None:
    root = _with_agreement(tmp_path, REGION, "org_number: 999999-9990\n")
    problems = load_register(root, TODAY)
    assert isinstance(problems, list)
    assert any("org_number: kontrollsiffran stämmer inte" in p.text() for p in problems)


def test_a_region_publishes_as_a_regional_authority_and_a_municipality_as_a_local_one() -> None:
    assert publisher_type("Region Västerbotten").endswith("/RegionalAuthority")
    assert publisher_type("Västra Götalandsregionen").endswith("/RegionalAuthority")
    assert publisher_type("Uddevalla kommun").endswith("/LocalAuthority")
    graph = _parsed(_register(REGION))
    assert _one(graph, URIRef(CATALOGUE + "#utgivare"), ns.DCTERMS.type) == URIRef(
        PUBLISHER_TYPES + "RegionalAuthority"
    )


def test_the_contact_point_is_the_agreements_e_mail_and_is_left_out_without_one() -> None:
    region = _parsed(_register(REGION))
    contacts = set(region.objects(None, ns.DCAT.contactPoint))
    assert contacts == {URIRef(CATALOGUE + "#kontakt")}
    contact = contacts.pop()
    assert (contact, ns.RDF.type, VCARD.Organization) in region
    assert _one(region, contact, VCARD.hasEmail) == URIRef(
        "mailto:overenskommelse@regionexempelland.example.org"
    )
    assert _one(region, contact, VCARD.fn) == Literal("Region Exempelland", lang="sv")
    # Uddevalla's agreement gives a phone number and a web page, no e-mail.
    assert list(_parsed(_register(ROOT)).objects(None, ns.DCAT.contactPoint)) == []


def test_every_dataset_has_keywords_themes_a_landing_page_and_the_agreements_areas() -> None:
    register = _register(REGION)
    graph = _parsed(register)
    for dataset in graph.subjects(ns.RDF.type, ns.DCAT.Dataset):
        keywords = {str(k) for k in graph.objects(dataset, ns.DCAT.keyword)}
        assert {"Regionöverenskommelsen", "Jämlik hälsa", "Levande landsbygd"} <= keywords
        assert set(graph.objects(dataset, ns.DCAT.theme)) == {
            URIRef("http://publications.europa.eu/resource/authority/data-theme/SOCI"),
            URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE"),
        }
        page = str(_one(graph, dataset, ns.DCAT.landingPage))
        assert page.startswith(SITE.site_url) and page.endswith("/")


def test_the_catalogue_is_the_same_bytes_whatever_the_hash_seed() -> None:
    """rdflib's default store iterates a set: the order of a serialisation would follow
    Python's string hashing, which differs between runs."""
    code = (
        "import sys; from datetime import date; from pathlib import Path;"
        "from okide.load import load_register; from okide.catalogue import catalogue_rdf;"
        "from okide.addresses import SiteSettings;"
        f"r = load_register(Path({str(REGION)!r}), date(2026, 11, 22)).published();"
        f"sys.stdout.buffer.write(catalogue_rdf(r, SiteSettings(site_url={SITE.site_url!r}),"
        " date(2026, 11, 22)))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
    assert outputs == {catalogue_rdf(_register(REGION), SITE, TODAY)}


def test_hostile_agreement_text_stays_text_in_well_formed_xml() -> None:
    register = _register(REGION)
    hostile = '</dcterms:title><script>alert(1)</script>]]>&amp;"\x01\x0b'
    agreement = register.agreement.model_copy(
        update={"short_name": hostile, "public_party": hostile + " region", "title": hostile}
    )
    register = register.model_copy(update={"agreement": agreement})
    data = catalogue_rdf(register, SITE, TODAY)
    tags = {element.tag for element in ElementTree.fromstring(data).iter()}
    namespaces = {tag.split("}")[0] + "}" for tag in tags}
    assert namespaces <= {
        "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}",
        "{http://www.w3.org/ns/dcat#}",
        "{http://purl.org/dc/terms/}",
        "{http://xmlns.com/foaf/0.1/}",
        "{http://www.w3.org/2006/vcard/ns#}",
    }
    graph = Graph().parse(data=data, format="xml")
    _assert_conforms(graph)
    clean = hostile.replace("\x01", "").replace("\x0b", "")
    names = {str(name) for name in graph.objects(None, ns.FOAF.name)}
    assert names == {clean + " region"}
    keywords = {str(k) for k in graph.objects(None, ns.DCAT.keyword)}
    assert clean in keywords


def test_the_catalogue_is_among_the_exports_at_its_fixed_address() -> None:
    exports = render_exports(_register(SMALL), SITE, TODAY)
    assert FILES["catalogue"] == "data/katalog.rdf"
    graph = Graph().parse(data=exports[FILES["catalogue"]], format="xml")
    assert (URIRef(CATALOGUE), ns.RDF.type, ns.DCAT.Catalog) in graph


def test_a_site_made_by_init_has_a_catalogue_of_its_own_public_body(tmp_path: Path) -> None:
    target = tmp_path / "ny"
    code = main(["init", str(target), "--public-party", "Region Nyland",
                 "--site-url", "https://nyland.example.org/ok/",
                 "--repo-url", "https://github.com/nyland/ok",
                 "--email", "ok@nyland.example.org", "--adopted", "2025-04-01"])  # fmt: skip
    assert code == 0
    config = yaml.safe_load((target / "mkdocs.yml").read_text("utf-8").replace("!ENV", ""))
    register = load_register(target, TODAY)
    assert isinstance(register, Register), register
    site = SiteSettings(site_url=config["site_url"])
    graph = _parsed(register, site)
    _assert_conforms(graph)
    publisher = URIRef("https://nyland.example.org/ok/data/katalog.rdf#utgivare")
    assert _one(graph, publisher, ns.FOAF.name) == Literal("Region Nyland", lang="sv")
    assert _one(graph, URIRef("https://nyland.example.org/ok/data/katalog.rdf#kontakt"),
                VCARD.hasEmail) == URIRef("mailto:ok@nyland.example.org")  # fmt: skip


def test_the_data_page_ends_with_where_the_catalogue_is_and_how_to_register_it() -> None:
    page = (ROOT / "docs" / "om-data.md").read_text("utf-8")
    section = page.split("\n## Katalog för Sveriges dataportal\n", 1)[1]
    assert "\n## " not in section, "the catalogue's section is the page's last"
    assert f"[`{FILES['catalogue']}`]({FILES['catalogue']})" in section
    assert PORTAL_ORGANISATION in section and "org_number" in section
    assert "admin.dataportal.se" in section


def test_a_new_sites_agreement_shows_where_the_org_number_goes_and_it_then_names_the_publisher(
    tmp_path: Path,
) -> None:
    target = tmp_path / "ny"
    assert main(["init", str(target), "--public-party", "Region Nyland",
                 "--site-url", "https://nyland.example.org/ok/",
                 "--repo-url", "https://github.com/nyland/ok", "--adopted", "2025-04-01"]) == 0  # fmt: skip
    path = target / "agreement" / "agreement.yml"
    text = path.read_text("utf-8")
    assert "# org_number: NNNNNN-NNNN\n" in text
    path.write_text(text.replace("# org_number: NNNNNN-NNNN", "org_number: 999999-9999"), "utf-8")
    register = load_register(target, TODAY)
    assert isinstance(register, Register), register
    assert register.agreement.org_number == "999999-9999"
    graph = _parsed(register, SiteSettings(site_url="https://nyland.example.org/ok/"))
    assert set(graph.objects(None, ns.DCTERMS.publisher)) == {
        URIRef("http://dataportal.se/organisation/SE9999999999")
    }


@pytest.mark.slow
def test_the_built_site_publishes_the_catalogue_of_its_own_data(shipped_site: Path) -> None:
    """What MkDocs writes is what the portal harvests: the shipped content's catalogue."""
    data = (shipped_site / FILES["catalogue"]).read_bytes()
    graph = Graph().parse(data=data, format="xml")
    _assert_conforms(graph)
    assert data == catalogue_rdf(_register(ROOT), SiteSettings(site_url=site_url()), TODAY)
    names = {str(name) for name in graph.objects(None, ns.FOAF.name)}
    assert names == {"Uddevalla kommun"}

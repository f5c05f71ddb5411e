"""publiccode.yml, okide described for catalogues of public software: the keys the standard
makes mandatory in the version the file names (0.4: docs/standard/schema.core.rst and
categories-list.rst of github.com/publiccodeyml/publiccode.yml, tag v0.4.0), and the facts it
shares with pyproject.toml, okide.__version__ and mkdocs.yml."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

import okide
from tests.conftest import ROOT

PUBLICCODE: dict[str, Any] = yaml.safe_load((ROOT / "publiccode.yml").read_text("utf-8"))
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
MKDOCS = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8").replace("!ENV", ""))

MANDATORY = ("publiccodeYmlVersion", "name", "url", "platforms", "categories",
             "developmentStatus", "softwareType", "description", "legal", "maintenance",
             "localisation")  # fmt: skip
DEVELOPMENT_STATUSES = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {"standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
                  "standalone/backend", "standalone/other", "addon", "library",
                  "configurationFiles"}  # fmt: skip
MAINTENANCE_TYPES = {"internal", "contract", "community", "none"}
# The categories of the standard, version 0.4 (categories-list.rst).
_CATEGORY_LIST = """
accounting agile-project-management applicant-tracking application-development
appointment-scheduling backup billing-and-invoicing blog budgeting business-intelligence
business-process-management cad call-center-management cloud-management collaboration
communications compliance-management contact-management content-management crm
customer-service-and-support data-analytics data-collection data-visualization design
design-system digital-asset-management digital-citizenship document-management donor-management
e-commerce e-signature educational-content email-management email-marketing employee-management
enterprise-project-management enterprise-social-networking erp event-management
facility-management feedback-and-reviews-management financial-reporting fleet-management
fundraising gamification geographic-information-systems grant-management graphic-design
help-desk hr ide identity-management instant-messaging integrated-library-system
inventory-management it-asset-management it-development it-management it-security
it-service-management knowledge-management learning-management-system marketing mind-mapping
mobile-marketing mobile-payment network-management office online-booking online-community
payment-gateway payroll predictive-analysis procurement productivity-suite
project-collaboration project-management property-management real-estate-management
regulations-and-directives remote-support resource-management sales-management seo service-desk
social-media-management survey talent-management task-management taxes-management
test-management time-management time-tracking translation video-conferencing video-editing
visitor-management voip warehouse-management web-collaboration web-conferencing website-builder
whistleblowing workflow-management
"""
CATEGORIES = set(_CATEGORY_LIST.split())


def test_every_key_the_standard_makes_mandatory_is_there() -> None:
    assert PUBLICCODE["publiccodeYmlVersion"] == "0.4"
    assert [key for key in MANDATORY if key not in PUBLICCODE] == []
    assert PUBLICCODE["name"] == PYPROJECT["name"]
    assert PUBLICCODE["platforms"]
    assert PUBLICCODE["categories"] and set(PUBLICCODE["categories"]) <= CATEGORIES
    assert PUBLICCODE["developmentStatus"] in DEVELOPMENT_STATUSES
    assert PUBLICCODE["softwareType"] in SOFTWARE_TYPES
    localisation = PUBLICCODE["localisation"]
    assert isinstance(localisation["localisationReady"], bool)
    assert "sv" in localisation["availableLanguages"]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_description_in_swedish_and_english_has_the_lengths_the_standard_sets(
    language: str,
) -> None:
    description = PUBLICCODE["description"][language]
    short = description["shortDescription"]
    assert len(short) <= 150 and "\n" not in short, len(short)
    assert 150 <= len(description["longDescription"]) <= 10_000
    assert description["features"] and all(isinstance(f, str) for f in description["features"])


def test_maintenance_names_who_maintains_as_its_type_requires() -> None:
    maintenance = PUBLICCODE["maintenance"]
    assert maintenance["type"] in MAINTENANCE_TYPES
    if maintenance["type"] in ("internal", "community"):
        assert maintenance["contacts"] and all(c.get("name") for c in maintenance["contacts"])
    if maintenance["type"] == "contract":
        assert maintenance["contractors"]


def test_version_licence_and_repository_are_those_of_pyproject_okide_and_mkdocs() -> None:
    assert PUBLICCODE["softwareVersion"] == okide.__version__
    assert PUBLICCODE["legal"]["license"] == PYPROJECT["license"]
    assert PUBLICCODE["url"] == MKDOCS["repo_url"]


def test_the_dependencies_start_at_the_versions_pyproject_allows() -> None:
    """The lowest version pyproject.toml allows, and no lower or higher one, for each."""
    lowest = {"Python": _lowest(SpecifierSet(PYPROJECT["requires-python"]))}
    requirements = {Requirement(text).name: Requirement(text) for text in PYPROJECT["dependencies"]}
    lowest["MkDocs"] = _lowest(requirements["mkdocs"].specifier)
    lowest["Material for MkDocs"] = _lowest(requirements["mkdocs-material"].specifier)
    listed = {d["name"]: d["versionMin"] for d in PUBLICCODE["dependsOn"]["open"]}
    assert listed == lowest


def _lowest(specifiers: SpecifierSet) -> str:
    (bound,) = [spec.version for spec in specifiers if spec.operator == ">="]
    return bound

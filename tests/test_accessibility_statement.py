"""The accessibility statement (/tillganglighet/) in the form Digg (Myndigheten för digital
förvaltning) recommends, saying what the tests check, and linked from every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from okide.addresses import SiteSettings
from okide.handwritten import facts, fill
from okide.identity import read_agreement
from okide.models import Agreement
from tests.browserkit import WIDTHS
from tests.conftest import ROOT, TODAY

STATEMENT = ROOT / "docs" / "tillganglighet.md"
# Digg's model, in its order (https://www.digg.se/kunskap-och-stod/digital-tillganglighet/).
DIGG_HEADINGS = [
    "Tillgänglighetsredogörelse",
    "Hur tillgänglig är webbplatsen?",
    "Vad kan du göra om du inte kan använda delar av webbplatsen?",
    "Rapportera brister i webbplatsens tillgänglighet",
    "Tillsyn",
    "Teknisk information om webbplatsens tillgänglighet",
    "Innehåll som inte är tillgängligt",
    "Oskäligt betungande anpassning",
    "Innehåll som inte omfattas av lagstiftningen",
    "Hur vi testat webbplatsen",
]
MONTHS = "januari februari mars april maj juni juli augusti september oktober november december"
SWEDISH_DATE = rf"\d{{1,2}} (?:{'|'.join(MONTHS.split())}) \d{{4}}"


def _agreement() -> Agreement:
    agreement = read_agreement(ROOT, TODAY)
    assert agreement is not None
    return agreement


def _filled(agreement: Agreement) -> str:
    """The statement as the site publishes it, with the facts from agreement.yml."""
    text = fill(STATEMENT.read_text(encoding="utf-8"), facts(agreement, SiteSettings()), "x")
    assert isinstance(text, str)
    return text


def _text(agreement: Agreement | None = None) -> str:
    return re.sub(r"\s+", " ", _filled(agreement or _agreement()))


def test_statement_has_digg_s_sections_in_digg_s_order() -> None:
    markdown = _filled(_agreement()).replace("&shy;", "")
    headings = re.findall(r"^#+ (.+)$", markdown, flags=re.M)
    assert [h for h in headings if h in DIGG_HEADINGS] == DIGG_HEADINGS


def test_statement_names_the_public_body_of_agreement_yml_and_its_compliance() -> None:
    text = _text()
    assert "Uddevalla kommun står bakom den här webbplatsen om ÖK Idé" in text
    assert "kontakta Uddevalla kommun" in text
    assert re.search(r"är (helt|delvis|inte) förenlig med lagen om tillgänglighet", text)


def test_statement_links_to_digg_s_report_form_and_to_a_contact() -> None:
    text = _text()
    assert "(https://www.digg.se/tdosanmalan)" in text
    assert "(index.md#kontakt)" in text


def test_statement_gives_the_date_of_the_assessment_and_of_the_last_update() -> None:
    text = _text()
    assert re.search(rf"Senaste bedömningen gjordes den {SWEDISH_DATE}\.", text)
    assert re.search(rf"Redogörelsen uppdaterades senast den {SWEDISH_DATE}\.", text)
    assert "Webbplatsen publicerades i november 2026." in text


def test_statement_leaves_out_the_dates_agreement_yml_does_not_give() -> None:
    text = _text(_agreement().model_copy(update={"accessibility": None}))
    assert "bedömningen gjordes" not in text and "uppdaterades senast" not in text
    assert "publicerades" not in text and "Hur vi testat webbplatsen" in text


def test_statement_gives_only_the_dates_agreement_yml_gives() -> None:
    only = _agreement().accessibility.model_copy(update={"published": None, "assessed": None})  # type: ignore[union-attr]
    text = _text(_agreement().model_copy(update={"accessibility": only}))
    assert "bedömningen gjordes" not in text and "publicerades" not in text
    assert "Redogörelsen uppdaterades senast den 25 november 2026." in text


def test_statement_says_what_the_tests_check_and_what_they_do_not() -> None:
    text = _text()
    assert f"{WIDTHS['desktop']} och {WIDTHS['phone']} pixlar" in text  # as test_in_browser
    for tested in ("axe-core", "WCAG 2.1 A och AA", "Nu Html Checker", "Utan JavaScript",
                   "Utskrift", "Tangentbord", "320 och 640 pixlar", "självskattning"):  # fmt: skip
        assert tested in text, tested
    assert "inte* testat" in text and "skärmläsare" in text


def test_statement_lists_what_needs_javascript() -> None:
    text = _text()
    assert "Sökfunktionen kräver JavaScript" in text
    assert "Filtren i registret kräver JavaScript" in text


@pytest.mark.slow
def test_every_page_links_to_the_statement_in_its_footer(fixture_site: Path) -> None:
    pages = sorted(fixture_site.rglob("*.html"))
    without = [
        str(p.relative_to(fixture_site)) for p in pages
        if not re.search(r'<footer.*<a href="(?:[^"]*tillganglighet/|\./)">Tillgänglighetsredogörelse</a>',
                         p.read_text(encoding="utf-8"), flags=re.S)
    ]  # fmt: skip
    assert pages and without == []

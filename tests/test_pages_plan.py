"""The follow-up and the collaboration plan on the pages: the region fixture's pages byte for
byte (regenerate with `pytest tests/test_pages_plan.py --update-goldens` and review the diff),
every follow-up state in the words a visitor reads, and Uddevalla's plan without invented
actions."""

from __future__ import annotations

from datetime import date

import pytest

from okide.addresses import SiteSettings
from okide.load import load_register
from okide.mkdocs_config import nav_with
from okide.models import Register
from okide.pages import Page, render_pages
from tests.conftest import FIXTURES, REGION, ROOT, TODAY
from tests.test_pages import read_goldens, write_goldens

GOLDEN = FIXTURES / "region-golden"
GOLDEN_PAGES = ("uppfoljning.md", "samverkansplan.md", "parter/patientforeningen.md")
SITE = SiteSettings(site_url="https://regionexempelland.example.org/overenskommelse/")


def _register(root=REGION) -> Register:  # type: ignore[no-untyped-def]
    register = load_register(root, TODAY)
    assert isinstance(register, Register), register
    return register.published()


def _pages(register: Register, today: date = TODAY) -> dict[str, Page]:
    return {page.path: page for page in render_pages(register, today, SITE)}


@pytest.fixture(scope="module")
def region() -> dict[str, Page]:
    return _pages(_register())


def test_the_regions_follow_up_plan_and_party_pages_match_the_golden_files(
    region: dict[str, Page], update_goldens: bool
) -> None:
    outputs = {path: region[path].markdown.encode() for path in GOLDEN_PAGES}
    if update_goldens:
        write_goldens(GOLDEN, outputs)
    assert read_goldens(GOLDEN) == outputs


def _year(page: str, year: int) -> str:
    """One year's part of /uppfoljning/."""
    return page.split(f"## {year} ")[1].split("\n## ")[0]


def test_a_report_in_on_time_says_when_it_came(region: dict[str, Page]) -> None:
    year = _year(region["uppfoljning.md"].markdown, 2024)
    landsbygd = year.split("{ #2024-lansbygdsradet }")[1].split("####")[0]
    assert "Status\n:   Inlämnad 30 november 2025\n" in landsbygd


def test_a_late_report_says_it_came_after_the_day_it_was_due(region: dict[str, Page]) -> None:
    year = _year(region["uppfoljning.md"].markdown, 2024)
    assert "Inlämnad efter sista dagen, 20 januari 2026 (skulle vara inne 15 december 2025)" in year
    assert "Efter sista dagen\n:   1\n" in year


def test_a_report_not_yet_due_is_awaited_with_its_day(region: dict[str, Page]) -> None:
    year = _year(region["uppfoljning.md"].markdown, 2025)
    missing = year.split("### Har inte lämnat in")[1].split("###")[0]
    assert (
        "[Landsbygdsrådet i Exempelland](parter/lansbygdsradet.md): Väntas senast 15 december 2026"
        in missing
    )
    party = region["parter/lansbygdsradet.md"].markdown
    assert "Uppföljningen av 2025\n:   Väntas senast 15 december 2026" in party


def test_an_overdue_report_is_late_on_the_year_and_on_the_partys_page(
    region: dict[str, Page],
) -> None:
    year = _year(region["uppfoljning.md"].markdown, 2024)
    assert (
        "[Kulturstiftelsen Fyren](parter/kulturstiftelsen.md): Försenad (skulle vara inne 15 december 2025)"
        in year
    )
    party = region["parter/kulturstiftelsen.md"].markdown
    assert "Uppföljningen av 2024\n:   Försenad (skulle vara inne 15 december 2025)" in party


def test_a_party_that_left_before_the_day_is_not_expected_to_report(
    region: dict[str, Page],
) -> None:
    year = _year(region["uppfoljning.md"].markdown, 2025)
    assert "Kulturstiftelsen" not in year
    assert "Inlämnade\n:   1 av 2 väntade" in year
    assert "Uppföljningen av 2025" not in region["parter/kulturstiftelsen.md"].markdown


def test_without_yearly_follow_up_in_the_agreement_no_party_is_shown_as_late() -> None:
    register = _register()
    register = register.model_copy(
        update={"agreement": register.agreement.model_copy(update={"follow_up": None})}
    )
    pages = _pages(register)
    page = pages["uppfoljning.md"].markdown
    assert "Här följs ingen årlig rapport från varje part upp, så ingen part visas som sen" in page
    for word in ("Försenad", "Väntas", "Saknas", "Har inte lämnat in", "efter sista dagen"):
        assert word not in page, word
    assert "{ #2024-patientforeningen }" in page and "Inlämnad 20 januari 2026" in page
    assert "Försenad" not in pages["parter/kulturstiftelsen.md"].markdown
    assert pages["uppfoljning.md"].nav_title == "Uppföljning"  # it has follow-ups to show


def test_each_follow_up_is_linked_from_its_partys_page_latest_first(
    region: dict[str, Page],
) -> None:
    party = region["parter/patientforeningen.md"].markdown
    newer = party.index("(../uppfoljning.md#2025-patientforeningen)")
    assert newer < party.index("(../uppfoljning.md#2024-patientforeningen)")


def test_actions_are_linked_from_their_parties_and_dialogues_with_their_status(
    region: dict[str, Page],
) -> None:
    party = region["parter/lansbygdsradet.md"].markdown
    assert "[Öppna bygdegårdar](../samverkansplan.md#bygdegardar): Pågår" in party
    dialogue = region["stordialoger/2026-landsbygd.md"].markdown
    assert "[Öppna bygdegårdar](../samverkansplan.md#bygdegardar): Pågår" in dialogue


def test_the_current_plan_comes_first_and_the_public_body_is_named_as_responsible(
    region: dict[str, Page],
) -> None:
    page = region["samverkansplan.md"].markdown
    assert page.index("## Handlingsplan 2025–2026") < page.index("## Handlingsplan 2023–2024")
    assert "Ansvariga\n:   Region Exempelland, [Patientföreningen Norrsken]" in page
    start = region["index.md"].markdown
    assert "[Handlingsplan 2025–2026](samverkansplan.md) gäller 2025–2026." in start
    assert "3 insatser: 1 planerad, 1 pågår, 1 avbruten." in start


def test_the_statistics_count_reports_per_year_and_actions_by_status(
    region: dict[str, Page],
) -> None:
    page = region["statistik.md"].markdown
    row = '<tr><th scope="row">2024</th><td>3</td><td>1</td><td>1</td><td>1</td></tr>'
    assert row in page
    assert "Liggande staplar: Planerad 1, Pågår 1, Klar 1, Avbruten 1." in page


def test_uddevallas_plan_shows_its_challenge_and_no_invented_action() -> None:
    pages = _pages(_register(ROOT))
    page = pages["samverkansplan.md"].markdown
    assert "## Samverkansplan 2022–2026" in page
    assert "#### 1. Bryta ofrivillig ensamhet" in page
    assert "Inga insatser är publicerade än." in page
    assert "okide-action" not in page and 'id="okide-filter"' not in page
    assert pages["samverkansplan.md"].nav_title == "Samverkansplan"
    follow_up = pages["uppfoljning.md"]
    assert follow_up.nav_title is None  # Uddevalla asks for no yearly report
    assert "ingen part visas som sen" in follow_up.markdown


def test_the_navigation_gains_the_pages_a_site_has_after_the_dialogues() -> None:
    nav = [{"Start": "index.md"}, {"Stordialoger": "stordialoger/index.md"},
           {"Statistik": "statistik.md"}]  # fmt: skip
    pages = [Page("samverkansplan.md", "", nav_title="Samverkansplan"),
             Page("uppfoljning.md", "", nav_title=None)]  # fmt: skip
    assert nav_with(nav, pages) == [
        {"Start": "index.md"}, {"Stordialoger": "stordialoger/index.md"},
        {"Samverkansplan": "samverkansplan.md"}, {"Statistik": "statistik.md"},
    ]  # fmt: skip
    listed = [*nav, {"Vår plan": "samverkansplan.md"}]
    assert nav_with(listed, pages) == listed  # the site's own entry stays as it is
    assert nav_with(None, pages) is None  # MkDocs lists every page itself


def test_html_in_a_follow_up_and_an_action_is_shown_as_text() -> None:
    import markdown

    register = _register()
    follow_up = register.followups["2025-patientforeningen"].model_copy(
        update={
            "contribution": "<script>alert(1)</script> **Fet**",
            "proposals": ["<img src=x onerror=alert(2)> [länk](javascript:alert(3))"],
        }
    )
    action = register.actions["bygdegardar"].model_copy(
        update={
            "title": "<b>Öppna</b> bygdegårdar",
            "funding": "<i>Pengar</i>",
            "description": "<iframe src=x></iframe>",
        }
    )
    register = register.model_copy(
        update={
            "followups": {**register.followups, follow_up.id: follow_up},
            "actions": {**register.actions, action.id: action},
        }
    )
    pages = _pages(register)
    extensions = ["admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]
    for path in ("uppfoljning.md", "samverkansplan.md", "parter/lansbygdsradet.md"):
        html = markdown.markdown(pages[path].markdown.split("---", 2)[2], extensions=extensions)
        html = html.split('<script type="application/ld+json">')[0]
        for tag in ("<script", "<img", "<iframe", "<b>", "<i>", 'href="javascript'):
            assert tag not in html, (path, tag)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <strong>Fet</strong>" in markdown.markdown(
        pages["uppfoljning.md"].markdown.split("---", 2)[2], extensions=extensions
    )

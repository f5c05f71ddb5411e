"""Pages outlive their build: the generated HTML carries the instants that okide-stale.js compares
with the visitor's clock, on the elements it hides, shows or moves, and every page says when it
was built. Without JavaScript every marked element is as the build left it."""

from __future__ import annotations

from datetime import date, datetime
from html.parser import HTMLParser

import markdown

from okide.clock import STOCKHOLM, end_of_day
from okide.load import load_register
from okide.models import Register
from okide.pages import render_pages
from okide.swedish import stamp_sv
from tests.conftest import SMALL, TODAY
from tests.test_pages import SITE

END = "2027-03-16T20:00:00+01:00"  # the end of the fixture's dialogue 2027-fritid
CLOSES = "2027-03-10T00:00:00+01:00"  # its deadline is 2027-03-09: closed from this midnight
# Before any fixture dialogue: two planned ones (2025-ensamhet, 2027-fritid), none past.
BEFORE_ALL = date(2025, 11, 1)


class _Elements(HTMLParser):
    """Every element as (tag, attributes, its text up to the next tag)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs), ""))

    def handle_data(self, data: str) -> None:
        if self.found:
            tag, attrs, text = self.found[-1]
            self.found[-1] = (tag, attrs, text + data)


def _register() -> Register:
    register = load_register(SMALL, TODAY)
    assert isinstance(register, Register)
    return register


def _elements(path: str, today: date = TODAY) -> list[tuple[str, dict[str, str | None], str]]:
    """The page as the engine renders it (Python-Markdown with the site's extensions)."""
    pages = {page.path: page.markdown for page in render_pages(_register(), today, SITE)}
    body = pages[path].split("---", 2)[2]
    extensions = ["admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]
    parser = _Elements()
    parser.feed(markdown.markdown(body, extensions=extensions))
    return [(tag, attrs, text.strip()) for tag, attrs, text in parser.found]


def _with(elements: list[tuple[str, dict[str, str | None], str]], attribute: str) -> list[str]:
    return [f"{tag}: {text}".strip() for tag, attrs, text in elements if attribute in attrs]


def test_the_end_of_a_deadline_day_is_the_next_midnight_in_stockholm_even_across_summer_time() -> (
    None
):
    assert end_of_day(date(2027, 3, 9)).isoformat() == CLOSES
    assert end_of_day(date(2027, 3, 28)).isoformat() == "2027-03-29T00:00:00+02:00"
    assert end_of_day(date(2027, 10, 31)).isoformat() == "2027-11-01T00:00:00+01:00"


def test_a_build_instant_is_printed_in_swedish_time_with_its_iso_form() -> None:
    stamp = stamp_sv(datetime(2026, 12, 1, 3, 17, tzinfo=STOCKHOLM).astimezone(STOCKHOLM))
    assert (stamp.datetime, stamp.text) == ("2026-12-01T03:17:00+01:00", "1 december 2026 kl. 3.17")


def test_a_coming_dialogue_page_hides_registration_and_calendar_once_it_ends() -> None:
    elements = _elements("stordialoger/2027-fritid.md")
    until = [
        (tag, attrs["data-okide-until"])
        for tag, attrs, _ in elements
        if "data-okide-until" in attrs
    ]
    assert until == [("dt", END), ("dd", END), ("span", CLOSES), ("p", END)]
    assert _with(elements, "data-okide-until")[-1] == "p:"  # the calendar button's paragraph
    closed = [(tag, attrs, text) for tag, attrs, text in elements if "data-okide-from" in attrs]
    assert closed == [
        ("span", {"hidden": None, "data-okide-from": CLOSES, "data-search-exclude": None},
         "Anmälan stängde 9 mars 2027."),
    ]  # fmt: skip


def test_a_dialogue_page_built_after_the_deadline_says_closed_and_needs_no_deadline_marks() -> None:
    elements = _elements("stordialoger/2027-fritid.md", date(2027, 3, 12))
    assert _with(elements, "data-okide-from") == []
    assert "dd: Anmälan stängde 9 mars 2027." in _with(elements, "data-okide-until")


def test_a_past_dialogue_page_has_nothing_for_the_script_to_change() -> None:
    elements = _elements("stordialoger/2025-ensamhet.md")
    assert [a for _, attrs, _ in elements for a in attrs if a.startswith("data-okide")] == []


def test_the_list_marks_each_coming_dialogue_with_its_end_and_keeps_the_empty_texts_hidden() -> (
    None
):
    elements = _elements("stordialoger/index.md")
    upcoming = [
        attrs["data-okide-upcoming"] for _, attrs, _ in elements if "data-okide-upcoming" in attrs
    ]
    assert upcoming == ["2026-12-01T12:00:00+01:00", END]
    none = [(tag, attrs) for tag, attrs, _ in elements if "data-okide-none" in attrs]
    assert none == [("p", {"data-okide-none": None, "data-search-exclude": None, "hidden": None})]
    assert _with(elements, "data-okide-past") == ["h2: Tidigare stordialoger"]
    assert "span: Anmälan senast tisdag 9 mars 2027." in _with(elements, "data-okide-until")


def test_a_list_without_past_dialogues_carries_a_hidden_heading_for_them_outside_the_contents() -> (
    None
):
    elements = _elements("stordialoger/index.md", BEFORE_ALL)
    past = [(tag, attrs, text) for tag, attrs, text in elements if "data-okide-past" in attrs]
    assert past == [
        ("p", {"hidden": None, "data-okide-past": None, "data-okide-heading": "2",
               "data-search-exclude": None}, "Tidigare stordialoger"),
    ]  # fmt: skip
    assert [tag for tag, _, _ in elements].count("h2") == 2  # Kommande and Prenumerera


def test_a_list_with_nothing_coming_says_so_without_marks() -> None:
    elements = _elements("stordialoger/index.md", date(2028, 1, 1))
    assert "p: Ingen stordialog är planerad just nu." in [
        f"{tag}: {text}" for tag, _, text in elements
    ]
    assert [a for _, attrs, _ in elements for a in attrs if a.startswith("data-okide")] == [
        "data-okide-past"
    ]


def test_the_start_page_carries_every_planned_dialogue_and_shows_only_the_next() -> None:
    elements = _elements("index.md", BEFORE_ALL)
    nexts = [(attrs.get("hidden", "shown"), attrs["data-okide-next"])
             for _, attrs, _ in elements if "data-okide-next" in attrs]  # fmt: skip
    assert nexts == [("shown", "2025-11-18T20:00:00+01:00"), ("hidden", END)]
    # The later one's title is a paragraph while hidden (no entry in the contents) and a link.
    at = next(i for i, (_, attrs, _) in enumerate(elements) if "data-okide-heading" in attrs)
    assert elements[at][:2] == ("p", {"data-okide-heading": "3"})
    assert elements[at + 1] == (
        "a",
        {"href": "stordialoger/2027-fritid.md"},
        "Stordialog om fritid",
    )
    assert [tag for tag, _, _ in elements].count("h3") == 1
    assert _with(elements, "data-okide-none") == ["p: Ingen stordialog är planerad just nu."]


def test_the_start_page_without_a_planned_dialogue_says_so_without_marks() -> None:
    elements = _elements("index.md", date(2028, 1, 1))
    assert [a for _, attrs, _ in elements for a in attrs if a.startswith("data-okide")] == []

"""Property-based: no text makes the loader raise, and valid parties survive a YAML round trip."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okide.fields import luhn_check_digit
from okide.load import _Read, load_register, read_entry
from okide.models import FORMS, Register, Signatory
from tests.conftest import TODAY

AGREEMENT = (
    "short_name: ÖK Test\ntitle: Överenskommelse om test\npublic_party: Testby kommun\n"
    "adopted: 2020-02-03\npurpose: Att samverka.\nareas:\n  - id: fritid\n    title: Fritid\n"
    "contact:\n  email: ok@testby.example.org\n"
)
SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# What editors type, and what goes wrong when they do.
FRAGMENTS = st.sampled_from(
    ["name", "form", "signed", "left", "org_number", "website", "description", "areas", "contact",
     "email", ":", ": ", "- ", "  ", "    ", "\t", "\n", "\r\n", "\r", "&a ", "*a", "---\n", "...\n",
     "'", '"', "[", "]", "{", "}", ",", "#", "!!int ", "!x ", "?", "|", ">", "%", "@", "`", "\\",
     "~", "NO", "yes", "01234", "1e3", "12:30", "2020-01-01", "2026-11-23", "802400-0005",
     "ideell förening", "åäö", "Å", "😀", "\ufeff", "\u2028", "\x85", "\x00", "\x07", "\ufffe"]
)  # fmt: skip
TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=6)), max_size=40).map("".join)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@pytest.fixture(scope="module")
def tree() -> Iterator[Path]:
    """One data tree, reused: each example overwrites signatories/x.yml."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "agreement").mkdir()
        (root / "agreement" / "agreement.yml").write_text(AGREEMENT, encoding="utf-8")
        (root / "signatories").mkdir()
        yield root


def _line_count(text: str) -> int:
    """Lines as an editor counts them: CR LF, CR and LF each end one."""
    return len(_LINE_BREAK.split(text))


@SETTINGS
@given(text=TEXT)
def test_any_text_as_a_party_file_gives_an_entry_or_problems_inside_the_file(
    tree: Path, text: str
) -> None:
    raw = text.encode("utf-8", errors="surrogatepass")
    (tree / "signatories" / "x.yml").write_bytes(raw)
    lines = _line_count(text)
    for result in (
        read_entry(tree, "signatories/x.yml", Signatory, TODAY),
        load_register(tree, TODAY),
    ):
        if isinstance(result, list):
            assert result, "a rejected file must say why"
            for problem in result:
                assert problem.path == "signatories/x.yml", problem
                assert 1 <= problem.line <= lines + 1, problem
                assert problem.column >= 1, problem
                assert problem.message, problem
        else:
            assert isinstance(result, _Read | Register)


NAMES = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"]),
    min_size=2,
    max_size=150,
).filter(lambda name: len(name.strip()) >= 2)
SLUGS = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
DAYS = st.dates(min_value=date(1990, 1, 1), max_value=TODAY)
SAFE_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"],
                  exclude_characters="[]<>!", include_characters="\n"),
    min_size=1, max_size=300,
).filter(lambda text: text.strip())  # fmt: skip


@st.composite
def org_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """(as written, as normalised): a valid organisationsnummer, with or without hyphen and 16."""
    head = draw(st.from_regex(r"[0-9]{2}[2-9][0-9]{3}", fullmatch=True))
    middle = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    digits = head + middle + str(luhn_check_digit(head + middle))
    prefix = draw(st.sampled_from(["", "16"]))
    hyphen = draw(st.sampled_from(["", "-"]))
    return f"{prefix}{digits[:6]}{hyphen}{digits[6:]}", f"{digits[:6]}-{digits[6:]}"


HOSTS = st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]\.(se|org|nu)", fullmatch=True)
EMAILS = st.builds(
    "{}@{}".format, st.from_regex(r"[a-z0-9]{1,8}(\.[a-z0-9]{1,8})?", fullmatch=True), HOSTS
)
CONTACT_FIELDS = {
    "email": EMAILS,
    "phone": st.from_regex(r"0[1-9][0-9]{1,2}-[0-9]{2} [0-9]{2} [0-9]{2}", fullmatch=True),
    "url": st.builds("https://{}/kontakt".format, HOSTS),
}
CONTACTS = st.sets(st.sampled_from(sorted(CONTACT_FIELDS)), min_size=1).flatmap(
    lambda keys: st.fixed_dictionaries({key: CONTACT_FIELDS[key] for key in sorted(keys)})
)


@st.composite
def parties(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """(a valid party as Python data, the model values it must become)."""
    signed = draw(DAYS)
    name = draw(NAMES)
    party: dict[str, Any] = {
        "name": name,
        "form": draw(st.sampled_from(FORMS)),
        "signed": draw(st.sampled_from([signed, signed.isoformat()])),
    }
    expected: dict[str, Any] = {
        "name": name.strip(), "form": party["form"], "signed": signed, "left": None,
        "org_number": None, "website": None, "description": None, "areas": [], "contact": None,
    }  # fmt: skip
    if draw(st.booleans()):
        left = signed + timedelta(days=draw(st.integers(0, 4000)))
        party["left"] = expected["left"] = left
    if draw(st.booleans()):
        party["org_number"], expected["org_number"] = draw(org_numbers())
    if draw(st.booleans()):
        party["website"] = expected["website"] = draw(st.builds("https://{}".format, HOSTS))
    if draw(st.booleans()):
        party["description"] = expected["description"] = draw(SAFE_TEXT)
    if draw(st.booleans()):
        party["areas"] = expected["areas"] = draw(st.lists(SLUGS, unique=True, max_size=4))
    if draw(st.booleans()):
        contact = draw(CONTACTS)
        party["contact"] = contact
        expected["contact"] = {"email": None, "phone": None, "url": None, **contact}
    return party, expected


@SETTINGS
@given(case=parties())
def test_valid_party_survives_a_round_trip_through_safe_dump(
    tree: Path, case: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    party, expected = case
    (tree / "signatories" / "x.yml").write_text(
        yaml.safe_dump(party, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    result = read_entry(tree, "signatories/x.yml", Signatory, TODAY)
    assert not isinstance(result, list), [problem.text() for problem in result]
    assert result.entry.model_dump() == expected
    direct = Signatory.from_data(party, id="x", source="signatories/x.yml", today=TODAY)
    assert result.entry == direct

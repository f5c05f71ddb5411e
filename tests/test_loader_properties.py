"""Property-based: no input makes the loader fail with anything but reported problems."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okide.load import read_entry
from okide.models import Signatory
from tests.conftest import TODAY

FRAGMENTS = st.sampled_from(
    ["name", "form", "signed", "left", "areas", "contact", "email", ":", ": ", "- ", "  ", "\t",
     "\n", "&a ", "*a", "---\n", "'", '"', "[", "]", "{", "}", "#", "!!int ", "?", "|", ">",
     "NO", "2020-01-01", "802400-0005", "ideell förening", "åäö", "\u2028", "\x00", "\ufeff"]
)  # fmt: skip
YAMLISH = st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=40).map("".join)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=YAMLISH)
def test_any_text_gives_an_entry_or_problems_inside_the_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "signatories" / "x.yml"
    path.parent.mkdir(exist_ok=True)
    raw = text.encode("utf-8", errors="surrogatepass")
    path.write_bytes(raw)
    result = read_entry(tmp_path, "signatories/x.yml", Signatory, TODAY)
    if isinstance(result, list):
        assert result, "a rejected file must say why"
        line_count = raw.count(b"\n") + 1
        for problem in result:
            assert 1 <= problem.line <= line_count + 1, problem
            assert problem.column >= 1 and problem.message


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.binary(max_size=200))
def test_any_bytes_give_an_entry_or_problems(tmp_path: Path, text: bytes) -> None:
    path = tmp_path / "signatories" / "x.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text)
    result = read_entry(tmp_path, "signatories/x.yml", Signatory, TODAY)
    assert not isinstance(result, list) or result


PARTIES = st.fixed_dictionaries(
    {
        "name": st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"]),
                        min_size=2, max_size=60).filter(lambda s: s.strip() and len(s.strip()) >= 2),
        "form": st.sampled_from(["ideell förening", "stiftelse", "annan", "nätverk"]),
        "signed": st.dates(min_value=TODAY.replace(year=1990), max_value=TODAY).map(str),
    },
    optional={"areas": st.lists(st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True), unique=True)},
)  # fmt: skip


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(party=PARTIES)
def test_valid_parties_round_trip_through_yaml(tmp_path: Path, party: dict[str, object]) -> None:
    path = tmp_path / "signatories" / "x.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(party, allow_unicode=True), encoding="utf-8")
    result = read_entry(tmp_path, "signatories/x.yml", Signatory, TODAY)
    assert not isinstance(result, list), result
    entry = result.entry
    assert entry.name == party["name"].strip()  # type: ignore[union-attr]
    assert entry.form == party["form"] and str(entry.signed) == party["signed"]
    assert entry.areas == party.get("areas", [])

"""Entries marked `example: true`: validated like any entry, shown (marked) in a preview, and
left out of everything the published site holds: pages, lists, counts, statistics, the
calendars, the feed, the open data and the JSON-LD."""

from __future__ import annotations

import logging
import shutil
from datetime import date
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from pydantic import ValidationError

from okide.load import load_register
from okide.models import Dialogue, Register, Signatory
from okide.site import Generated, examples_notice, generate
from tests.conftest import FIXTURES, SMALL, TODAY, TODAY_EPOCH
from tests.sitebuild import build_site, make_project, mkdocs_build
from tests.test_pages import SITE

EXAMPLES = FIXTURES / "examples"
EXAMPLE_FILES = (
    "agreement/clauses/omega-punkt.yml",
    "agreement/values/omega-varde.yml",
    "dialogues/2026-12-01-omega-exempel.yml",
    "signatories/omega-exempel.yml",
)
# Every example of the fixture is named with this word, and nothing else in it is.
MARK = "Omega"
PARTY = "name: Ny förening\nform: annan\nsigned: 2020-02-03\n"
DIALOGUE = (
    "title: T\nstart: 2027-01-01T10:00\nend: 2027-01-01T12:00\ndescription: D\n"
    "online: https://a.se\n"
)


@pytest.fixture(scope="module")
def with_examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture and one example of each kind."""
    root = tmp_path_factory.mktemp("examples")
    shutil.copytree(SMALL, root, dirs_exist_ok=True)
    shutil.copytree(EXAMPLES, root, dirs_exist_ok=True)
    return root


def _generate(root: Path, examples: bool) -> Generated:
    result = generate(root, TODAY, SITE, examples=examples)
    assert not isinstance(result, list), [problem.text() for problem in result]
    return result


def _outputs(generated: Generated) -> dict[str, bytes]:
    return {page.path: page.markdown.encode() for page in generated.pages} | generated.exports


def _tree(root: Path, files: dict[str, str]) -> Path:
    shutil.copytree(SMALL, root, dirs_exist_ok=True)
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return root


def _problems(root: Path) -> list[str]:
    result = load_register(root, TODAY)
    assert isinstance(result, list), "accepted"
    return [problem.text() for problem in result]


# The key ---------------------------------------------------------------------------------


def test_example_is_false_unless_the_file_says_true() -> None:
    data = {"name": "Ny förening", "form": "annan", "signed": "2020-02-03"}
    assert Signatory.model_validate(data).example is False
    assert Signatory.model_validate(data | {"example": "true"}).example is True
    assert Signatory.model_validate(data | {"example": "false"}).example is False
    assert Signatory.model_validate(data | {"example": True}).example is True


@pytest.mark.parametrize("text", ["yes", "ja", "1", "on", "sant"])
def test_example_that_only_looks_like_true_is_refused(text: str) -> None:
    data = {"name": "Ny förening", "form": "annan", "signed": "2020-02-03", "example": text}
    with pytest.raises(ValidationError, match="är varken true eller false"):
        Signatory.model_validate(data)


def test_example_of_the_wrong_kind_is_refused_at_the_value(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"signatories/x.yml": PARTY + "example: yes\n"})
    assert _problems(root) == [
        "signatories/x.yml:4:10: example: 'yes' är varken true eller false – skriv true eller false"
    ]


def test_example_as_a_list_or_without_a_value_says_what_to_write(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "signatories/x.yml": PARTY + "example: [true]\n",
            "dialogues/y.yml": DIALOGUE + "example:\n",
        },
    )
    problems = _problems(root)
    assert any(
        line.startswith("signatories/x.yml:4:10: example: ska vara true eller false, inte en lista")
        for line in problems
    ), problems
    assert any(
        line.startswith("dialogues/y.yml:6:") and "example: värdet saknas" in line
        for line in problems
    ), problems


def test_an_example_agreement_is_never_published_and_says_where(tmp_path: Path) -> None:
    """`okide init` writes the agreement as an example: a preview shows it, a publishing build
    refuses, at the line of `example:`, since a site without its agreement is no site."""
    root = _tree(tmp_path, {})
    agreement = root / "agreement/agreement.yml"
    agreement.write_text(agreement.read_text(encoding="utf-8") + "example: true\n", "utf-8")
    lines = agreement.read_text(encoding="utf-8").count("\n")
    assert isinstance(load_register(root, TODAY), Register)
    refused = generate(root, TODAY, SITE)
    assert [problem.text() for problem in refused] == [  # type: ignore[union-attr]
        f"agreement/agreement.yml:{lines}:1: example: överenskommelsen är ett exempel, så"
        " webbplatsen publiceras inte – fyll i överenskommelsens riktiga uppgifter och ta bort"
        " raden example: true; make serve visar webbplatsen med exemplen under tiden"
    ]
    assert isinstance(generate(root, TODAY, SITE, examples=True), Generated)


# Validated like any entry ---------------------------------------------------------------


def test_an_example_is_validated_like_any_entry(tmp_path: Path) -> None:
    text = PARTY.replace("2020-02-03", "2030-01-01") + "example: true\n"
    root = _tree(tmp_path, {"signatories/x.yml": text})
    assert _problems(root) == [
        "signatories/x.yml:3:9: signed: datumet 2030-01-01 ligger i framtiden"
        " – lägg till parten först när den har skrivit under"
    ]


def test_reserved_ids_and_unique_names_apply_to_examples_too(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "signatories/index.yml": "example: true\n" + PARTY,
            "signatories/kopia.yml": "example: true\n"
            + PARTY.replace("Ny förening", "Beta-stiftelsen"),
        },
    )
    problems = _problems(root)
    assert any(line.startswith("signatories/index.yml:1:1: id:t 'index'") for line in problems)
    assert any(line.startswith("signatories/kopia.yml:2:7: name: namnet") for line in problems)


# Cross-file rules -----------------------------------------------------------------------


def test_a_real_dialogue_hosted_by_an_example_party_is_refused_at_the_host(
    tmp_path: Path,
) -> None:
    root = _tree(
        tmp_path,
        {
            "signatories/omega.yml": "example: true\n" + PARTY,
            "dialogues/riktig.yml": DIALOGUE + "hosts: [alfa-idrottsforening, omega]\n",
        },
    )
    assert _problems(root) == [
        "dialogues/riktig.yml:6:31: hosts.1: 'omega' är ett exempel (signatories/omega.yml) och"
        " publiceras inte – ta bort 'omega' ur hosts, eller ta bort example: true om parten är"
        " verklig"
    ]


def test_a_real_clause_expressing_an_example_value_is_refused_at_the_item(
    tmp_path: Path,
) -> None:
    root = _tree(
        tmp_path,
        {
            "agreement/values/omega.yml": "example: true\norder: 9\ntitle: O\ntext: O\n",
            "agreement/clauses/riktig.yml": "number: 9\ntitle: R\ntext: R\nvalues:\n  - omega\n",
        },
    )
    problems = _problems(root)
    assert len(problems) == 1
    assert problems[0].startswith(
        "agreement/clauses/riktig.yml:5:5: values.0: 'omega' är ett exempel"
        " (agreement/values/omega.yml) och publiceras inte"
    )


def test_the_rule_is_also_reported_while_other_files_are_broken(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "signatories/omega.yml": "example: true\n" + PARTY,
            "dialogues/riktig.yml": DIALOGUE + "hosts: [omega]\n",
            "signatories/trasig.yml": "name: X\n",
        },
    )
    problems = _problems(root)
    assert any(line.startswith("dialogues/riktig.yml:6:9: hosts.0: 'omega'") for line in problems)
    assert any(line.startswith("signatories/trasig.yml") for line in problems)


def test_an_example_may_refer_to_real_entries_and_to_other_examples(with_examples: Path) -> None:
    register = load_register(with_examples, TODAY)
    assert isinstance(register, Register), register
    dialogue = register.dialogues["2026-12-01-omega-exempel"]
    assert dialogue.hosts == ["omega-exempel", "alfa-idrottsforening"]
    assert register.clauses["omega-punkt"].values == ["omega-varde", "dialog"]


# Register.published -----------------------------------------------------------------------


def test_published_register_leaves_out_every_example_and_keeps_every_real_entry(
    with_examples: Path,
) -> None:
    register = load_register(with_examples, TODAY)
    small = load_register(SMALL, TODAY)
    assert isinstance(register, Register) and isinstance(small, Register)
    assert [entry.source for entry in register.examples()] == list(EXAMPLE_FILES)
    published = register.published()
    assert published.examples() == []
    for section in ("values", "clauses", "signatories", "dialogues"):
        assert sorted(getattr(published, section)) == sorted(getattr(small, section))
    assert published.agreement is register.agreement
    real = published.signatories["alfa-idrottsforening"]
    assert real is register.signatories["alfa-idrottsforening"]
    assert real.source == "signatories/alfa-idrottsforening.yml"
    assert all(d.id != "2026-12-01-omega-exempel" for d in published.dialogues_hosted_by(real.id))


def test_a_register_without_examples_is_published_as_it_is() -> None:
    register = load_register(SMALL, TODAY)
    assert isinstance(register, Register)
    assert register.published() is register


# What is generated ------------------------------------------------------------------------


def test_without_examples_the_output_is_that_of_the_real_entries_byte_for_byte(
    with_examples: Path,
) -> None:
    generated = _generate(with_examples, examples=False)
    assert _outputs(generated) == _outputs(_generate(SMALL, examples=False))
    assert generated.examples == EXAMPLE_FILES
    assert not generated.examples_shown


def test_no_page_or_file_of_the_published_site_mentions_an_example(with_examples: Path) -> None:
    """Pages, lists, counts, statistics, calendars, feed, JSON, CSV and JSON-LD alike."""
    for path, content in _outputs(_generate(with_examples, examples=False)).items():
        assert "omega" not in path
        assert MARK.encode() not in content, path
        if not path.endswith(".schema.json"):  # a schema lists every form a party may have
            assert b"trossamfund" not in content, path  # the example's form, in no chart


def test_the_start_page_does_not_offer_an_example_as_the_next_dialogue(
    with_examples: Path,
) -> None:
    published = {page.path: page.markdown for page in _generate(with_examples, False).pages}
    preview = {page.path: page.markdown for page in _generate(with_examples, True).pages}
    assert "Stordialog om fritid" in published["index.md"]
    assert "Exempeldialogen Omega" in preview["index.md"]


def test_a_preview_shows_each_example_marked_as_one(with_examples: Path) -> None:
    generated = _generate(with_examples, examples=True)
    assert generated.examples_shown
    pages = {page.path: page.markdown for page in generated.pages}
    notice = '!!! example "Exempel – publiceras inte"'
    party = pages["parter/omega-exempel.md"]
    assert "# Exempelföreningen Omega (exempel)" in party and notice in party
    dialogue = pages["stordialoger/2026-12-01-omega-exempel.md"]
    assert "# Exempeldialogen Omega (exempel)" in dialogue and notice in dialogue
    assert "Exempelföreningen Omega</a> (exempel)" in pages["parter/index.md"]
    assert (
        "Exempeldialogen Omega](2026-12-01-omega-exempel.md) (exempel)"
        in (pages["stordialoger/index.md"])
    )
    assert "## Exempelvärdet Omega (exempel) { #omega-varde }" in pages["vardegrund.md"]
    assert "9 Exempelpunkten Omega (exempel) { #omega-punkt }" in pages["overenskommelsen.md"]
    assert notice in pages["vardegrund.md"] and notice in pages["overenskommelsen.md"]
    assert b"Exempeldialogen Omega" in generated.exports["stordialoger.ics"]
    assert "stordialoger/2026-12-01-omega-exempel.ics" in generated.exports


def test_no_real_entry_is_marked_as_an_example(with_examples: Path) -> None:
    pages = {page.path: page.markdown for page in _generate(with_examples, True).pages}
    assert "(exempel)" not in pages["parter/alfa-idrottsforening.md"].split("\n## ")[0]
    assert "Exempel – publiceras inte" not in pages["stordialoger/2027-fritid.md"]


def test_open_data_records_carry_no_example_key() -> None:
    generated = _generate(SMALL, examples=False)
    assert b'"example"' not in generated.exports["data/parter.json"]
    assert b'"example"' not in generated.exports["data/stordialoger.json"]


# The notice -------------------------------------------------------------------------------


def test_the_notice_names_the_files_left_out_or_shown() -> None:
    one = ["dialogues/x.yml"]
    assert examples_notice([]) is None
    assert examples_notice(one) == "1 exempel publiceras inte (dialogues/x.yml)"
    assert examples_notice(one, shown=True) == (
        "1 exempel visas, märkta som exempel (dialogues/x.yml): en förhandsgranskning,"
        " som inte ska publiceras"
    )
    many = [f"dialogues/{n}.yml" for n in range(7)]
    assert examples_notice(many) == (
        "7 exempel publiceras inte (dialogues/0.yml, dialogues/1.yml, dialogues/2.yml,"
        " dialogues/3.yml, dialogues/4.yml och 2 till)"
    )


# The hook ---------------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_examples: Path) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    monkeypatch.delenv("OKIDE_EXAMPLES", raising=False)
    return make_project(with_examples, tmp_path / "project")


def _hook_files(project: Path) -> dict[str, bytes]:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project.parent / "site"))
    config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = config.plugins.on_files(Files([]), config=config)
    return {file.src_uri: file.content_bytes for file in files}


def test_the_build_leaves_examples_out_and_says_so_in_one_line(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.okide"):
        files = _hook_files(project)
    assert "parter/omega-exempel.md" not in files
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.INFO, "okide: 4 exempel publiceras inte (" + ", ".join(EXAMPLE_FILES) + ")")
    ]


def test_okide_examples_1_shows_them_with_a_warning(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("OKIDE_EXAMPLES", "1")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.okide"):
        files = _hook_files(project)
    assert "parter/omega-exempel.md" in files
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and warnings[0].startswith("okide: OKIDE_EXAMPLES=1: 4 exempel visas")


@pytest.mark.parametrize("value", ["ja", "true", "2"])
def test_an_okide_examples_value_that_is_neither_on_nor_off_stops_the_build(
    project: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("OKIDE_EXAMPLES", value)
    with pytest.raises(Abort, match=r"OKIDE_EXAMPLES=.* går inte att läsa"):
        _hook_files(project)


def test_okide_examples_0_is_a_publishing_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OKIDE_EXAMPLES", "0")
    assert "parter/omega-exempel.md" not in _hook_files(project)


def _site_files(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*") if path.is_file())


@pytest.mark.slow
def test_the_shipped_example_dialogue_is_nowhere_in_the_built_site(shipped_site: Path) -> None:
    example = "2027-03-16-exempel-stordialog"
    for path in _site_files(shipped_site):
        assert example not in path.as_posix()
        content = path.read_bytes()
        assert example.encode() not in content, path
        assert b"Exempel: Stordialog" not in content, path
        assert b"Exempellokal" not in content, path
    start = (shipped_site / "index.html").read_text(encoding="utf-8")
    assert "mötesplatser för unga" not in start


@pytest.mark.slow
def test_the_built_site_of_the_examples_fixture_holds_no_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OKIDE_EXAMPLES", raising=False)  # built as CI builds it
    site = build_site(_data(tmp_path), tmp_path / "build")
    for path in _site_files(site):
        assert "omega" not in path.as_posix()
        assert MARK.encode() not in path.read_bytes(), path


@pytest.mark.slow
def test_a_strict_build_that_shows_examples_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OKIDE_EXAMPLES", "1")
    project = make_project(_data(tmp_path), tmp_path / "project")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "OKIDE_EXAMPLES=1: 4 exempel visas" in result.stderr


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data, dirs_exist_ok=True)
    shutil.copytree(EXAMPLES, data, dirs_exist_ok=True)
    return data


def test_a_dialogue_model_marked_as_example_keeps_its_other_fields() -> None:
    dialogue = Dialogue.from_data(
        {"example": "true", "title": "T", "start": "2027-01-01T10:00", "end": "2027-01-01T12:00",
         "description": "D", "online": "https://a.se"},
        id="t", source="dialogues/t.yml", today=date(2026, 1, 1),
    )  # fmt: skip
    assert dialogue.example and dialogue.title == "T" and dialogue.source == "dialogues/t.yml"

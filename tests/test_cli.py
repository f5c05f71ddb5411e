"""`python -m okide validate`: exit codes, the summary line and the three output formats (GitHub's
annotations named from the top of the repository)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

from okide.cli import main
from okide.problems import Problem, github_annotation, problems_json
from tests.conftest import ROOT, SMALL, TODAY_EPOCH
from tests.conftest import run_cli as _run

FIXTURE_SUMMARY = "4 parter, 3 värderingar, 4 punkter, 3 stordialoger: inga fel"
AGREEMENT = (
    "short_name: ÖK Test\ntitle: Överenskommelse om test\npublic_party: Testby kommun\n"
    "adopted: 2020-02-03\npurpose: Att samverka.\nareas:\n  - id: fritid\n    title: Fritid\n"
    "contact:\n  email: ok@testby.example.org\n"
)
PARTY = "name: Ny förening\nform: ideell förening\nsigned: 2024-01-01\n"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)


def _tree(root: Path, files: dict[str, str]) -> Path:
    for relative, text in {"agreement/agreement.yml": AGREEMENT, **files}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """Two problems in two files (the dialogue's host is the broken party: not reported twice)."""
    return _tree(
        tmp_path,
        {
            "signatories/a.yml": PARTY + "org_number: 802400-0004\n",
            "signatories/b.yml": "name: B förening\nform: annan\n",
            "dialogues/d.yml": (
                "title: D\nstart: 2027-01-01T10:00\nend: 2027-01-01T12:00\ndescription: D\n"
                "online: https://a.se\nhosts: [b]\n"
            ),
        },
    )


# validate, text ---------------------------------------------------------------------------------


def test_validate_of_the_fixture_exits_0_with_the_counts() -> None:
    assert _run("validate", str(SMALL)) == (0, FIXTURE_SUMMARY + "\n")


def test_validate_without_a_root_checks_the_current_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(SMALL)
    assert _run("validate") == (0, FIXTURE_SUMMARY + "\n")


def test_validate_of_a_file_instead_of_a_folder_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    agreement = SMALL / "agreement" / "agreement.yml"
    assert _run("validate", str(agreement)) == (2, "")
    assert capsys.readouterr().err == (
        f"okide: {agreement} är ingen mapp; ange projektets rotmapp\n"
    )


def test_validate_counts_in_the_singular_for_one_of_each(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {"signatories/a.yml": PARTY,
         "agreement/values/v.yml": "order: 1\ntitle: V\ntext: T\n",
         "agreement/clauses/c.yml": "number: 1\ntitle: C\ntext: T\n",
         "dialogues/d.yml": "title: D\nstart: 2027-01-01T10:00\nend: 2027-01-01T12:00\n"
                            "description: D\nonline: https://a.se\n"},
    )  # fmt: skip
    assert _run("validate", str(tmp_path)) == (
        0, "1 part, 1 värdering, 1 punkt, 1 stordialog: inga fel\n",
    )  # fmt: skip


def test_validate_counts_follow_ups_plans_and_actions_where_there_are_any() -> None:
    assert _run("validate", str(SMALL.parent / "region")) == (
        0, "3 parter, 2 värderingar, 2 punkter, 2 stordialoger, 3 uppföljningar,"
        " 2 samverkansplaner, 4 insatser: inga fel\n",
    )  # fmt: skip


def test_validate_reads_today_from_source_date_epoch(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY.replace("2024-01-01", "2026-11-23")})
    assert _run("validate", str(tmp_path))[0] == 1
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(TODAY_EPOCH) + 86400))
    assert _run("validate", str(tmp_path))[0] == 0


@pytest.mark.parametrize("epoch", ["igår", "1e9", "99999999999999999999"])
def test_validate_with_a_source_date_epoch_that_is_not_a_time_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], epoch: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert _run("validate", str(SMALL)) == (2, "")
    assert capsys.readouterr().err.startswith(
        f"okide: SOURCE_DATE_EPOCH={epoch} är inte en tidpunkt"
    )


def test_validate_of_broken_data_exits_1_with_every_problem_then_the_count(broken: Path) -> None:
    code, output = _run("validate", str(broken))
    assert code == 1
    assert output.splitlines() == [
        "signatories/a.yml:4:13: org_number: kontrollsiffran stämmer inte (väntade 5)"
        " – kontrollera numret mot Bolagsverkets eller Skatteverkets uppgifter",
        "signatories/b.yml:1:1: signed: obligatorisk nyckel saknas"
        " – lägg till 'signed:' (Undertecknad: Dag då organisationen skrev under.)",
        "2 fel i 2 filer",
    ]


def test_validate_summary_says_fil_for_one_file(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": "name: X\n"})
    code, output = _run("validate", str(tmp_path))
    assert (code, output.splitlines()[-1]) == (1, "3 fel i 1 fil")


def test_validate_of_a_missing_folder_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run("validate", str(tmp_path / "finns-inte")) == (2, "")
    assert "finns inte" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [["kontrollera"], [], ["validate", "--format", "xml"], ["validate", "--okand"]],
    ids=["unknown-subcommand", "no-subcommand", "unknown-format", "unknown-option"],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv, out=StringIO())
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_the_shipped_content_validates_and_names_its_example_as_not_published() -> None:
    assert _run("validate", str(ROOT)) == (
        0, "10 parter, 7 värderingar, 14 punkter, 2 stordialoger, 1 samverkansplan: inga fel\n"
        "okide: 1 exempel publiceras inte (dialogues/2027-03-16-exempel-stordialog.yml)\n",
    )  # fmt: skip


def test_validate_for_github_tells_of_the_example_in_a_notice() -> None:
    code, output = _run("validate", str(ROOT), "--format", "github")
    assert code == 0
    assert output == (
        "::notice title=okide::1 exempel publiceras inte"
        " (dialogues/2027-03-16-exempel-stordialog.yml)\n"
    )


# validate, github -------------------------------------------------------------------------------


def test_github_format_prints_one_annotation_per_problem(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = _run("validate", str(broken), "--format", "github")
    assert code == 1
    assert output.splitlines() == [
        "::error file=signatories/a.yml,line=4,col=13,title=okide%3A org_number::"
        "org_number: kontrollsiffran stämmer inte (väntade 5)"
        " – kontrollera numret mot Bolagsverkets eller Skatteverkets uppgifter",
        "::error file=signatories/b.yml,line=1,col=1,title=okide%3A signed::"
        "signed: obligatorisk nyckel saknas"
        " – lägg till 'signed:' (Undertecknad: Dag då organisationen skrev under.)",
    ]
    assert capsys.readouterr().err.strip() == "2 fel i 2 filer"


def test_github_format_of_valid_data_prints_nothing_to_out(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _run("validate", str(SMALL), "--format", "github") == (0, "")
    assert capsys.readouterr().err.strip() == FIXTURE_SUMMARY


def test_github_annotation_escapes_percent_and_line_breaks_in_the_message() -> None:
    problem = Problem("signatories/a.yml", 2, 3, "name", "100% fel\r\nrad två", "hint\nmer")
    assert github_annotation(problem) == (
        "::error file=signatories/a.yml,line=2,col=3,title=okide%3A name::"
        "name: 100%25 fel%0D%0Arad två – hint%0Amer"
    )


def test_github_annotation_escapes_colon_and_comma_in_properties() -> None:
    problem = Problem("signatories/a,b:c%.yml", 1, 1, "", "x: y, z")
    assert github_annotation(problem) == (
        "::error file=signatories/a%2Cb%3Ac%25.yml,line=1,col=1,title=okide%3A fil::x: y, z"
    )


def test_github_annotation_escapes_line_breaks_in_properties() -> None:
    problem = Problem("a\nb.yml", 1, 1, "k\r", "m")
    assert github_annotation(problem).startswith(
        "::error file=a%0Ab.yml,line=1,col=1,title=okide%3A k%0D::"
    )


# validate, json ---------------------------------------------------------------------------------


def test_json_format_prints_every_problem_as_an_object(broken: Path) -> None:
    code, output = _run("validate", str(broken), "--format", "json")
    assert code == 1
    found = json.loads(output)
    assert [sorted(item) for item in found] == [
        ["column", "hint", "key", "line", "message", "path"]
    ] * 2
    assert found[0] == {
        "path": "signatories/a.yml", "line": 4, "column": 13, "key": "org_number",
        "message": "kontrollsiffran stämmer inte (väntade 5)",
        "hint": "kontrollera numret mot Bolagsverkets eller Skatteverkets uppgifter",
    }  # fmt: skip


def test_json_format_of_valid_data_is_an_empty_list() -> None:
    code, output = _run("validate", str(SMALL), "--format", "json")
    assert (code, json.loads(output)) == (0, [])


def test_problem_text_is_one_line_with_line_breaks_and_controls_shown_as_escapes() -> None:
    problem = Problem("a.yml", 3, 9, "signed", "'2017\n09\r\x00\u2028' är inte ett datum", "x\ty")
    assert (
        problem.text() == "a.yml:3:9: signed: '2017\\n09\\r\\x00\\u2028' är inte ett datum – x\\ty"
    )


def test_validate_shows_an_invisible_character_in_an_unknown_key(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY + "website\u200b: https://a.se\n"})
    code, output = _run("validate", str(tmp_path))
    assert (code, output.splitlines()[0]) == (
        1, "signatories/a.yml:4:1: website\\u200b: okänd nyckel 'website\\u200b' – menade du 'website'?",
    )  # fmt: skip


def test_validate_prints_one_line_per_problem_when_a_value_holds_line_breaks(
    tmp_path: Path,
) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY.replace("2024-01-01", '"2024\\n01-01"')})
    code, output = _run("validate", str(tmp_path))
    assert (code, output.splitlines()) == (1, [
        "signatories/a.yml:3:9: signed: '2024\\n01-01' är inte ett datum på formen ÅÅÅÅ-MM-DD"
        " – skriv t.ex. 2017-09-15",
        "1 fel i 1 fil",
    ])  # fmt: skip


def test_problems_json_keeps_swedish_letters_readable() -> None:
    text = problems_json([Problem("a.yml", 1, 2, "k", "värdet saknas")])
    assert "värdet saknas" in text


# python -m okide --------------------------------------------------------------------------------


def test_python_m_okide_validate_runs_as_a_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "okide", "validate", str(SMALL)],
        cwd=ROOT,
        env={**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, FIXTURE_SUMMARY + "\n", "")


# mkdocs.yml and the build date: a Swedish message and exit 2, never a traceback ----------------


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("extra: {okide: x}", "mkdocs.yml: extra.okide: ska vara nycklar med värden"),
        ('extra: {okide: {colors: "#00507a"}}', "mkdocs.yml: extra.okide.colors: ska vara"),
        ("extra: {okide: {data_dir: [1]}}", "mkdocs.yml: extra.okide.data_dir: ska vara text"),
        ("extra: {okide: {public_body: {}}}", "mkdocs.yml: extra.okide.public_body: ska vara"),
        ("extra: {okide: {dat_dir: data}}", "mkdocs.yml: extra.okide.dat_dir: okänd nyckel"),
        ("extra: {okide: {colors: {primary: 5}}}", "mkdocs.yml: extra.okide.colors.primary: 5 är"),
        ("site_url: [1]", "mkdocs.yml: site_url: MkDocs godtar inte värdet: Expected a string"),
        ("extra: [", "mkdocs.yml:3: filen är inte giltig YAML för MkDocs"),
        ("site_url: !ENV {a: b}", "mkdocs.yml:2: filen är inte giltig YAML för MkDocs"),
        ("docs_dir: saknas", "mkdocs.yml: docs_dir: MkDocs godtar inte värdet: The path"),
        ("5", "mkdocs.yml: ska bestå av nycklar med värden, inte ett enda värde"),
        ("- a list", "mkdocs.yml: ska bestå av nycklar med värden, inte en lista"),
    ],
)
@pytest.mark.parametrize("command", ["validate", "render"])
def test_settings_okide_cannot_use_in_mkdocs_yml_exit_2_with_the_key_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: str, message: str, command: str
) -> None:
    """MkDocs reads the file (its own checks come first, in its own words), then okide its keys."""
    root = _tree(tmp_path / "root", {"signatories/a.yml": PARTY})
    (root / "docs").mkdir()
    text = extra if extra in ("- a list", "5") else f"site_name: Test\n{extra}"
    (root / "mkdocs.yml").write_text(f"{text}\n", encoding="utf-8")
    args = [str(root)] if command == "validate" else [str(tmp_path / "out"), "--root", str(root)]
    assert _run(command, *args) == (2, "")
    assert f"okide: {message}" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["validate", "render"])
def test_a_colour_below_wcag_aa_in_mkdocs_yml_stops_validate_and_render(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """Zensical ignores okide's hook, so the contrast check cannot live only in the build."""
    root = _tree(tmp_path / "root", {"signatories/a.yml": PARTY})
    (root / "docs").mkdir()
    colors = 'extra: {okide: {colors: {primary: "#6fa8dc"}}}'
    (root / "mkdocs.yml").write_text(f"site_name: Test\n{colors}\n", encoding="utf-8")
    out = tmp_path / "out"
    args = [str(root)] if command == "validate" else [str(out), "--root", str(root)]
    assert _run(command, *args) == (2, "")
    assert "okide: mkdocs.yml: extra.okide.colors.primary: #6fa8dc ger kontrasten" in (
        capsys.readouterr().err
    )
    assert not out.exists()


def test_validate_of_a_root_with_the_shipped_mkdocs_yml_checks_it_and_passes() -> None:
    assert _run("validate", str(ROOT))[0] == 0


@pytest.mark.parametrize(
    ("epoch", "message"),
    [("", "SOURCE_DATE_EPOCH är satt men tom"),
     ("253402214400", "SOURCE_DATE_EPOCH=253402214400 är dagen 9999-12-31, utanför åren"),
     ("253402300800", "SOURCE_DATE_EPOCH=253402300800 är inte en tidpunkt")],
)  # fmt: skip
@pytest.mark.parametrize("command", ["validate", "render"])
def test_a_build_date_that_is_empty_or_out_of_range_exits_2(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    epoch: str,
    message: str,
    command: str,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    args = [str(SMALL)] if command == "validate" else [str(tmp_path), "--root", str(SMALL)]
    assert _run(command, *args) == (2, "")
    assert capsys.readouterr().err.startswith(f"okide: {message}")


def test_render_to_a_folder_it_cannot_write_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "out").write_text("a file, not a folder", encoding="utf-8")
    assert _run("render", str(tmp_path / "out"), "--root", str(SMALL)) == (2, "")
    assert capsys.readouterr().err.startswith("okide: kan inte skriva ")


def test_new_party_never_reads_through_a_link_or_waits_on_a_fifo(tmp_path: Path) -> None:
    """`okide new` compares the new name with the parties there: it reads them as the loader
    does, so a link to a file elsewhere is never opened and a FIFO never waited for."""
    import shutil

    from tests.conftest import SMALL

    root = tmp_path / "data"
    shutil.copytree(SMALL, root)
    secret = tmp_path / "hemlig.yml"
    secret.write_text("name: Hemlig förening\n", encoding="utf-8")
    (root / "signatories" / "lank.yml").symlink_to(secret)
    os.mkfifo(root / "signatories" / "ror.yml")
    result = subprocess.run(
        [sys.executable, "-m", "okide", "new", "signatory", "Hemlig förening", "--form",
         "annan", "--signed", "2021-01-01", "--root", str(root), "--stdout"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert "Traceback" not in result.stderr
    # Through the link it would have found the same name and refused the new party.
    assert result.returncode == 0, result.stderr
    assert 'name: "Hemlig förening"' in result.stdout


def test_github_annotations_name_files_from_the_top_of_the_repository(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GitHub places an annotation by the path from the repository's top, also when the data
    lives in a folder of it."""
    (project / "signatories/trasig.yml").write_text("name: X\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(project.parent))
    code, output = _run("validate", str(project), "--format", "github")
    assert code == 1
    files = {re.search(r"file=([^,]+),", line)[1] for line in output.splitlines()}  # type: ignore[index]
    assert files == {"data/signatories/trasig.yml"}
    monkeypatch.setenv("GITHUB_WORKSPACE", str(project))
    assert "file=signatories/trasig.yml," in _run("validate", str(project), "--format", "github")[1]


def test_github_format_says_where_the_rest_is_when_github_shows_only_ten(project: Path) -> None:
    for number in range(4):  # three problems each: name too short, form and signed missing
        (project / f"signatories/trasig-{number}.yml").write_text("name: X\n", encoding="utf-8")
    lines = _run("validate", str(project), "--format", "github")[1].splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 12
    assert lines[-1] == (
        "::notice title=okide::12 fel; GitHub visar bara de 10 första vid raderna."
        " Hela listan finns i jobbets sammanfattning (Summary)."
    )
    (project / "signatories/trasig-3.yml").unlink()
    assert not any(
        "::notice" in line
        for line in _run("validate", str(project), "--format", "github")[1].splitlines()
    )


def test_render_with_config_writes_what_the_hook_adds_for_an_engine_without_hooks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Zensical reads mkdocs.yml but runs no hooks: the copy render writes names the site from
    agreement.yml, lists the plan in the menu, brings okide's theme, scripts and build time,
    points at the rendered pages and has no hooks left."""
    import yaml

    from okide.theme import OVERRIDES, SCRIPTS, STYLESHEETS
    from tests.conftest import REGION
    from tests.sitebuild import make_project

    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    project = make_project(REGION, tmp_path / "project")
    out = tmp_path / "engine"
    code, _ = _run("render", str(out / "docs"), "--root", str(project),
                   "--config", str(out / "mkdocs.yml"))  # fmt: skip
    assert code == 0
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    agreement = yaml.safe_load((REGION / "agreement/agreement.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == f"{agreement['short_name']} – {agreement['public_party']}"
    assert "hooks" not in config and config["docs_dir"] == "docs"
    assert config["theme"]["custom_dir"] == OVERRIDES and config["theme"]["variant"] == "classic"
    assert set(STYLESHEETS) <= set(config["extra_css"])
    assert set(SCRIPTS) <= set(config["extra_javascript"])
    assert {"Samverkansplan": "samverkansplan.md"} in config["nav"]
    assert config["extra"]["okide_built"]["datetime"].startswith("2026-11-22")
    assert (out / "docs" / "index.md").is_file()


def test_render_copies_the_other_files_of_docs_as_mkdocs_would(tmp_path: Path) -> None:
    """An image or a document beside the hand-written pages is part of the site in an engine
    that builds render's output too; hidden files, `templates/` and links (which could point
    outside the site) are not copied, as MkDocs leaves the first two out."""
    from tests.sitebuild import make_project

    project = make_project(SMALL, tmp_path / "project")
    docs = project / "docs"
    (docs / "bilder").mkdir(parents=True)
    (docs / "bilder" / "logga.png").write_bytes(b"\x89PNG\r\n\x1a\nokide")
    (docs / "avtal.pdf").write_bytes(b"%PDF-1.7")
    (docs / ".utkast.txt").write_text("hemligt", encoding="utf-8")
    (docs / "templates").mkdir()
    (docs / "templates" / "x.html").write_text("<p>mall</p>", encoding="utf-8")
    outside = tmp_path / "utanfor.txt"
    outside.write_text("utanför webbplatsen", encoding="utf-8")
    (docs / "lank.txt").symlink_to(outside)
    out = tmp_path / "out"
    code, _ = _run("render", str(out), "--root", str(project))
    assert code == 0
    assert (out / "bilder" / "logga.png").read_bytes() == b"\x89PNG\r\n\x1a\nokide"
    assert (out / "avtal.pdf").read_bytes() == b"%PDF-1.7"
    assert not (out / ".utkast.txt").exists() and not (out / "templates").exists()
    assert not (out / "lank.txt").exists()
    (docs / "avtal.pdf").unlink()
    assert _run("render", str(out), "--root", str(project))[0] == 0
    assert not (out / "avtal.pdf").exists(), "a file removed from docs/ is removed again"


def test_render_config_gives_the_engine_one_theme_folder_with_the_sites_own_overrides_on_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Zensical reads a single custom_dir: a site's own template overrides okide's (as the hook
    orders them for MkDocs) and okide's other templates stay, in one folder beside the copy."""
    import yaml

    from okide.theme import OVERRIDES
    from tests.sitebuild import make_project

    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    project = make_project(SMALL, tmp_path / "project")
    own = project / "egna-mallar" / "partials"
    own.mkdir(parents=True)
    (own / "copyright.html").write_text("<p>Egen sidfot</p>\n", encoding="utf-8")
    (own / "lank.html").symlink_to(project / "mkdocs.yml")
    settings = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    settings["theme"]["custom_dir"] = "egna-mallar"
    (project / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    out = tmp_path / "engine"
    code, _ = _run("render", str(out / "docs"), "--root", str(project),
                   "--config", str(out / "mkdocs.yml"))  # fmt: skip
    assert code == 0
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = out / config["theme"]["custom_dir"]
    assert config["theme"]["custom_dir"] != OVERRIDES
    assert (theme / "partials" / "copyright.html").read_text("utf-8") == "<p>Egen sidfot</p>\n"
    okide_main = Path(OVERRIDES, "main.html").read_text("utf-8")
    assert (theme / "main.html").read_text("utf-8") == okide_main
    assert not (theme / "partials" / "lank.html").exists(), "a link is not followed"

"""`okide new` (okide.scaffold): file names from Swedish names, new files that validate once
the editor fills them in, and refusals that keep what is there."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from okide.load import load_register
from okide.models import FORMS, Register
from okide.scaffold import make_slug
from okide.schema import schema_line
from okide.sections import SECTIONS
from tests.conftest import FIXTURES, SMALL, TODAY, TODAY_EPOCH
from tests.conftest import run_cli as _run


@pytest.fixture
def region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The region fixture: follow-up expected every year, two plans with their actions."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    shutil.copytree(FIXTURES / "region", tmp_path / "region")
    return tmp_path / "region"


@pytest.mark.parametrize(
    ("name", "slug"),
    [("ABF Fyrbodal", "abf-fyrbodal"), ("Bäve församling (Svenska kyrkan)", "bave-forsamling-svenska-kyrkan"),
     ("Öppna Ångan – Älvsborg", "oppna-angan-alvsborg"), ("Lokal-TV Uddevalla", "lokal-tv-uddevalla")],
)  # fmt: skip
def test_slugs_write_swedish_letters_without_dots(name: str, slug: str) -> None:
    assert make_slug(name) == slug


def test_new_signatory_writes_a_file_that_validates(project: Path) -> None:
    code, output = _run("new", "signatory", "ABF Fyrbodal", "--form", "studieförbund",
                        "--signed", "2026-11-20", "--root", str(project))  # fmt: skip
    assert code == 0 and "signatories/abf-fyrbodal.yml" in output
    text = (project / "signatories/abf-fyrbodal.yml").read_text(encoding="utf-8")
    assert text.startswith(schema_line(SECTIONS["signatories"]) + "\n")
    for key in ("left", "org_number", "website", "description", "areas", "contact"):
        assert f"# {key}:" in text, key
    register = load_register(project, TODAY)
    assert isinstance(register, Register)
    assert register.signatories["abf-fyrbodal"].name == "ABF Fyrbodal"


def _uncommented(path: Path, filled: dict[str, str]) -> None:
    """Do what the file tells the editor: remove `# ` before every optional key (and the
    lines of its example value), and fill in the lines given (by their exact text)."""
    out: list[str] = []
    block: str | None = None  # indentation of the key whose value lines follow
    for line in path.read_text(encoding="utf-8").splitlines():
        key = re.match(r"^( *)# ([a-z_]+:.*)$", line)
        value = re.match(rf"^{block}#   (.*)$", line) if block is not None else None
        if line in filled:
            out.append(filled[line])
            block = None
        elif key and "yaml-language-server" not in line:
            out.append(key[1] + key[2])
            block = key[1]
        elif value:
            out.append(f"{block}  {value[1]}")
        else:
            out.append(line)
            block = None
    path.write_text("\n".join(out).replace("…", "är idéburen.") + "\n", encoding="utf-8")


def test_every_commented_field_of_a_new_signatory_validates_once_uncommented(project: Path) -> None:
    _run("new", "signatory", "Ny förening", "--form", "annan", "--signed", "2026-01-01",
         "--root", str(project))  # fmt: skip
    _uncommented(
        project / "signatories/ny-forening.yml",
        {"# left: ÅÅÅÅ-MM-DD": "left: 2026-02-01",
         '# org_number: "NNNNNN-NNNN"': 'org_number: "802412-3450"'},
    )  # fmt: skip
    register = load_register(project, TODAY)
    assert isinstance(register, Register), register
    party = register.signatories["ny-forening"]
    assert party.contact and party.contact.email == "info@exempel.se"
    assert party.areas == ["trygghet", "fritid-och-kultur"] and party.description
    assert party.left and party.org_number and party.website


def test_every_commented_field_of_a_new_dialogue_validates_once_uncommented(project: Path) -> None:
    _run("new", "dialogue", "Ny dialog", "--start", "2027-05-04T18:00", "--end",
         "2027-05-04T20:00", "--root", str(project))  # fmt: skip
    _uncommented(
        project / "dialogues/2027-05-04-ny-dialog.yml",
        {"description:": "description: Om fritid.", "  name:": "  name: Stadshuset",
         "#   deadline: ÅÅÅÅ-MM-DD": "  deadline: 2027-05-01"},
    )  # fmt: skip
    register = load_register(project, TODAY)
    assert isinstance(register, Register), register
    dialogue = register.dialogues["2027-05-04-ny-dialog"]
    assert dialogue.location and dialogue.location.accessibility and dialogue.online
    assert dialogue.hosts == ["alfa-idrottsforening"] and dialogue.areas
    assert dialogue.registration and dialogue.registration.deadline
    assert dialogue.status == "cancelled" and dialogue.outcome
    # Written on the build day: published as it is, changed once uncommented.
    assert dialogue.published == dialogue.changed == TODAY


def test_every_commented_field_of_a_new_clause_validates_once_uncommented(project: Path) -> None:
    _run("new", "clause", "Ny punkt", "--number", "12", "--root", str(project))
    _uncommented(project / "agreement/clauses/ny-punkt.yml", {"text:": "text: Parterna ska."})
    register = load_register(project, TODAY)
    assert isinstance(register, Register), register
    clause = register.clauses["ny-punkt"]
    assert clause.party == "joint" and clause.values == sorted(register.values)


def test_every_commented_field_of_a_new_followup_validates_once_uncommented(region: Path) -> None:
    assert _run("new", "followup", "lansbygdsradet", "--root", str(region))[0] == 0
    _uncommented(
        region / "followups/2025-lansbygdsradet.yml",
        {"contribution:": "contribution: Vi höll tolv byastämmor."},
    )
    register = load_register(region, TODAY)
    assert isinstance(register, Register), register
    follow_up = register.followups["2025-lansbygdsradet"]
    assert (follow_up.party, follow_up.year, follow_up.submitted) == ("lansbygdsradet", 2025, TODAY)
    assert len(follow_up.proposals) == 2 and follow_up.report
    assert follow_up.actions == ["bygdegardar"]  # the actions the party is responsible for


def test_every_commented_field_of_a_new_action_validates_once_uncommented(region: Path) -> None:
    assert _run("new", "action", "Träffpunkt för äldre", "--root", str(region))[0] == 0
    _uncommented(
        region / "actions/traffpunkt-for-aldre.yml",
        {"description:": "description: Öppna träffpunkter.",
         "parties:": "parties: [lansbygdsradet]",
         "# end: ÅÅÅÅ-MM-DD": "end: 2027-06-30",
         "# changed: ÅÅÅÅ-MM-DD": "changed: 2026-11-22"},
    )  # fmt: skip
    register = load_register(region, TODAY)
    assert isinstance(register, Register), register
    action = register.actions["traffpunkt-for-aldre"]
    assert (action.plan, action.status, action.start) == (
        "handlingsplan-2025-2026",
        "planerad",
        TODAY,
    )
    assert action.public_party and action.parties == ["lansbygdsradet"]
    assert action.challenges == ["vard-nara", "foreningsliv-pa-landsbygden"]
    assert action.dialogues == ["2026-landsbygd"] and action.funding and action.outcome
    assert action.end and action.changed


def test_the_example_of_a_required_text_is_not_a_second_key_to_uncomment(
    project: Path, region: Path
) -> None:
    """Uncommenting an example of `description:` would give the file the key twice."""
    _run("new", "dialogue", "Ny dialog", "--root", str(project))
    _run("new", "clause", "Ny punkt", "--number", "12", "--root", str(project))
    _run("new", "followup", "lansbygdsradet", "--root", str(region))
    _run("new", "action", "Ny insats", "--root", str(region))
    for path in (project / "dialogues/ny-dialog.yml", project / "agreement/clauses/ny-punkt.yml",
                 region / "followups/2025-lansbygdsradet.yml", region / "actions/ny-insats.yml"):  # fmt: skip
        keys = re.findall(r"^ *#? ?([a-z_]+):", path.read_text(encoding="utf-8"), re.M)
        assert len(keys) == len(set(keys)), path


def test_the_form_comment_never_breaks_a_form_across_lines(project: Path) -> None:
    code, text = _run("new", "signatory", "Ny förening", "--stdout", "--root", str(project))
    choices = re.search(r"exakt en av:\n((?:#   .*\n)+)", text)
    assert code == 0 and choices
    listed = [f.strip() for line in choices[1].splitlines() for f in line[4:].split(",") if f]
    assert listed == list(FORMS)


def test_new_signatory_without_a_signing_date_asks_for_it_instead_of_guessing(
    project: Path,
) -> None:
    code, output = _run("new", "signatory", "Utan datum", "--form", "annan", "--root", str(project))
    assert code == 0 and re.search(r"^  rad \d+: signed$", output, re.M)
    text = (project / "signatories/utan-datum.yml").read_text(encoding="utf-8")
    assert "\nsigned: ÅÅÅÅ-MM-DD\n" in text
    problems = load_register(project, TODAY)
    assert isinstance(problems, list)
    assert [(p.path, p.key) for p in problems] == [("signatories/utan-datum.yml", "signed")]


def test_new_writes_the_name_without_the_spaces_around_it(project: Path) -> None:
    _run("new", "signatory", "  Ny förening ", "--signed", "2026-01-01", "--root", str(project))
    _run("new", "clause", " Ny punkt ", "--number", " 7.10 ", "--root", str(project))
    assert 'name: "Ny förening"\n' in (project / "signatories/ny-forening.yml").read_text("utf-8")
    clause = (project / "agreement/clauses/ny-punkt.yml").read_text(encoding="utf-8")
    assert 'number: "7.10"\n' in clause and 'title: "Ny punkt"\n' in clause


def test_new_dialogue_refuses_the_same_title_on_the_same_day_under_another_file_name(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run("new", "dialogue", "stordialog om FRITID", "--start", "2027-03-16T10:00",
                "--root", str(project))[0] == 1  # fmt: skip
    assert "finns redan i dialogues/2027-fritid.yml" in capsys.readouterr().err
    assert not (project / "dialogues/2027-03-16-stordialog-om-fritid.yml").exists()
    assert _run("new", "dialogue", "Stordialog om fritid", "--start", "2028-03-16T10:00",
                "--root", str(project))[0] == 0  # fmt: skip


def test_new_signatory_without_a_form_leaves_a_placeholder_the_validator_rejects(
    project: Path,
) -> None:
    _run("new", "signatory", "Utan form", "--signed", "2026-01-01", "--root", str(project))
    problems = load_register(project, TODAY)
    assert isinstance(problems, list)
    assert [(p.path, p.key, p.message) for p in problems] == [
        ("signatories/utan-form.yml", "form", "värdet saknas")
    ]
    assert "ideell förening" in problems[0].hint


def test_new_refuses_to_overwrite_or_duplicate_an_entry(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (project / "signatories/beta-stiftelsen.yml").read_bytes()
    assert _run("new", "signatory", "Beta stiftelsen", "--root", str(project))[0] == 1
    assert "finns redan" in capsys.readouterr().err
    assert (project / "signatories/beta-stiftelsen.yml").read_bytes() == before
    (project / "signatories/ny.yaml").write_text("name: Ny\n", encoding="utf-8")
    assert _run("new", "signatory", "NY", "--root", str(project))[0] == 1


def test_new_rejects_an_unknown_form_and_a_short_name_as_usage_errors_with_a_suggestion(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run("new", "signatory", "X", "--form", "förening", "--root", str(project))[0] == 2
    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        "okide: NAMN: är för kort (minst 2 tecken) – skriv ut hela namnet",
        "okide: --form: ska vara en av: ideell förening, ekonomisk förening, stiftelse,"
        " trossamfund, studieförbund, idéburet företag, nätverk, annan"
        " – menade du 'ideell förening'?",
    ]
    assert not (project / "signatories/x.yml").exists()


def test_new_rejects_a_signing_date_after_today_and_a_malformed_date(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run("new", "signatory", "Framtida förening", "--signed", "2099-01-01",
                "--root", str(project))[0] == 2  # fmt: skip
    assert "--signed" in capsys.readouterr().err
    assert _run("new", "dialogue", "Möte", "--start", "4 maj 18.00", "--root", str(project))[0] == 2
    assert capsys.readouterr().err.startswith("okide: --start: ")
    assert sorted(p.name for p in (project / "signatories").iterdir()) == sorted(
        p.name for p in (SMALL / "signatories").iterdir()
    )


def test_new_refuses_the_same_organisation_under_another_file_name(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "signatories/beta.yml").write_bytes(
        (project / "signatories/beta-stiftelsen.yml").read_bytes()
    )
    (project / "signatories/beta-stiftelsen.yml").unlink()
    assert _run("new", "signatory", " beta-STIFTELSEN ", "--root", str(project))[0] == 1
    assert "finns redan i signatories/beta.yml" in capsys.readouterr().err
    assert not (project / "signatories/beta-stiftelsen.yml").exists()


def test_new_clause_refuses_a_number_already_used_by_its_numeric_parts(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run("new", "clause", "Delpunkt", "--number", "3.2", "--root", str(project))[0] == 0
    assert _run("new", "clause", "Annan punkt", "--number", "3.02", "--root", str(project))[0] == 1
    assert "punkt 3.2 finns redan i agreement/clauses/delpunkt.yml" in capsys.readouterr().err
    assert not (project / "agreement/clauses/annan-punkt.yml").exists()


def test_new_with_stdout_prints_the_file_and_writes_nothing(project: Path) -> None:
    code, output = _run("new", "signatory", "Skärm förening", "--stdout", "--root", str(project))
    assert code == 0 and output.startswith(schema_line(SECTIONS["signatories"]) + "\n")
    assert 'name: "Skärm förening"' in output
    assert not (project / "signatories/skarm-forening.yml").exists()


def test_new_lists_the_lines_the_editor_still_has_to_fill_in(project: Path) -> None:
    code, output = _run("new", "dialogue", "Utan tider", "--root", str(project))
    assert code == 0
    path = project / "dialogues/utan-tider.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    listed = re.findall(r"^  rad (\d+): (\S+)$", output, re.M)
    assert [key for _, key in listed] == ["start", "end", "description", "location.name"]
    for number, key in listed:
        assert lines[int(number) - 1].lstrip().startswith(key.split(".")[-1] + ":"), key
    assert "ÅÅÅÅ-MM-DD-utan-tider.yml" in output


def test_new_followup_is_last_years_named_by_year_and_party_and_submitted_today(
    region: Path,
) -> None:
    code, output = _run("new", "followup", "lansbygdsradet", "--root", str(region))
    assert code == 0 and output.splitlines() == [
        "Skapade followups/2025-lansbygdsradet.yml.",
        "Fyll i innan du föreslår ändringen:",
        "  rad 17: contribution",
        "Kontrollera sedan med: python -m okide validate",
    ]
    text = (region / "followups/2025-lansbygdsradet.yml").read_text(encoding="utf-8")
    assert text.startswith(schema_line(SECTIONS["followups"]) + "\n")
    assert 'party: "lansbygdsradet"\nyear: 2025\n' in text.replace(
        "# Året som följs upp, med fyra siffror.\n", ""
    )
    assert "\nsubmitted: 2026-11-22\n" in text and text.splitlines()[16] == "contribution:"
    assert _run("new", "followup", "lansbygdsradet", "--year", "2024", "--stdout",
                "--root", str(region))[0] == 1  # fmt: skip


def test_new_followup_refuses_a_party_that_is_not_in_the_register(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run("new", "followup", "Landsbygdsrådet", "--root", str(region))[0] == 2
    assert capsys.readouterr().err == (
        "okide: PART: 'Landsbygdsrådet' finns inte bland parterna – finns: kulturstiftelsen, "
        "lansbygdsradet, patientforeningen\n"
    )
    assert not list((region / "followups").glob("*andsbygd*"))


def test_new_followup_refuses_a_second_of_the_party_and_year_under_another_name(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (region / "followups/2025-patientforeningen.yml").rename(region / "followups/norrsken.yml")
    assert _run("new", "followup", "patientforeningen", "--root", str(region))[0] == 1
    assert capsys.readouterr().err == (
        "okide: partens uppföljning av 2025 finns redan i followups/norrsken.yml; ändra den "
        "filen i stället\n"
    )
    assert not (region / "followups/2025-patientforeningen.yml").exists()


@pytest.mark.parametrize(
    ("party", "year", "error"),
    [("lansbygdsradet", "2027",
      "--year: året 2027 har inte börjat än – följ upp ett år som har gått, t.ex. 2025"),
     ("lansbygdsradet", "2023",
      "--year: året 2023 ligger före 2024, det första år som följs upp – ange ett år från 2024"),
     ("lansbygdsradet", "25", "--year: '25' är inte ett årtal med fyra siffror – skriv t.ex. 2026"),
     ("kulturstiftelsen", "2026",
      "--year: 'kulturstiftelsen' lämnade överenskommelsen 2025-12-31 och var inte part under "
      "2026 – ange ett år då parten var part")],
    ids=["not-begun", "before-first-year", "two-digits", "after-the-party-left"],
)  # fmt: skip
def test_new_followup_refuses_a_year_that_cannot_be_followed_up(
    region: Path, capsys: pytest.CaptureFixture[str], party: str, year: str, error: str
) -> None:
    assert _run("new", "followup", party, "--year", year, "--root", str(region))[0] == 2
    assert capsys.readouterr().err == f"okide: {error}\n"
    assert sorted(p.name for p in (region / "followups").iterdir()) == [
        "2024-lansbygdsradet.yml", "2024-patientforeningen.yml", "2025-patientforeningen.yml"
    ]  # fmt: skip


def test_new_action_is_planned_from_today_in_the_current_plan(region: Path) -> None:
    code, output = _run("new", "action", "Träffpunkt för äldre", "--root", str(region))
    assert code == 0 and "Skapade actions/traffpunkt-for-aldre.yml." in output
    assert re.findall(r"^  rad (\d+): (\S+)$", output, re.M) == [
        ("15", "description"), ("18", "parties"),
    ]  # fmt: skip
    text = (region / "actions/traffpunkt-for-aldre.yml").read_text(encoding="utf-8")
    assert text.startswith(schema_line(SECTIONS["actions"]) + "\n")
    for line in ('plan: "handlingsplan-2025-2026"', 'title: "Träffpunkt för äldre"',
                 "start: 2026-11-22", "status: planerad"):  # fmt: skip
        assert f"\n{line}\n" in text, line
    # The example of a responsible party is one that has not left.
    assert "#   - kulturstiftelsen" not in text and "#   - lansbygdsradet" in text


def test_new_action_in_a_plan_given_lists_that_plans_challenges(region: Path) -> None:
    code, text = _run("new", "action", "Kulturkväll", "--plan", "handlingsplan-2023-2024",
                      "--stdout", "--root", str(region))  # fmt: skip
    assert code == 0 and 'plan: "handlingsplan-2023-2024"' in text
    assert "#   - kultur-i-hela-lanet\n" in text and "vard-nara" not in text
    assert not (region / "actions/kulturkvall.yml").exists()


def test_new_action_refuses_an_unknown_plan_and_a_year_without_a_plan(
    region: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _run("new", "action", "Ny insats", "--plan", "plan-2030", "--root", str(region))[0] == 2
    assert capsys.readouterr().err == (
        "okide: --plan: 'plan-2030' finns inte bland planerna – finns: handlingsplan-2023-2024, "
        "handlingsplan-2025-2026\n"
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(TODAY_EPOCH) + 366 * 86400))
    assert _run("new", "action", "Ny insats", "--root", str(region))[0] == 2
    assert capsys.readouterr().err == (
        "okide: --plan: ingen plan i plans/ gäller 2027 – ange planen med --plan (finns: "
        "handlingsplan-2023-2024, handlingsplan-2025-2026)\n"
    )
    assert not (region / "actions/ny-insats.yml").exists()


def test_new_action_refuses_the_same_title_in_the_same_plan_under_another_file_name(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run("new", "action", " öppna BYGDEGÅRDAR", "--root", str(region))[0] == 1
    assert capsys.readouterr().err == (
        "okide: 'Öppna bygdegårdar' finns redan i actions/bygdegardar.yml; ändra den filen i "
        "stället\n"
    )
    assert _run("new", "action", "Öppna bygdegårdar", "--plan", "handlingsplan-2023-2024",
                "--stdout", "--root", str(region))[0] == 0  # fmt: skip


def test_new_outside_a_project_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run("new", "signatory", "Någon förening", "--root", str(tmp_path))[0] == 2
    assert "agreement/agreement.yml" in capsys.readouterr().err
    assert not (tmp_path / "signatories").exists()


def test_new_dialogue_and_clause_are_named_and_start_with_the_schema_line(project: Path) -> None:
    assert _run("new", "dialogue", "Stordialog om idrott", "--start", "2027-05-04T18:00",
                "--root", str(project))[0] == 0  # fmt: skip
    dialogue = project / "dialogues/2027-05-04-stordialog-om-idrott.yml"
    text = dialogue.read_text(encoding="utf-8")
    # The end is the editor's to fill in: the tool does not guess how long a meeting lasts.
    assert (
        text.startswith(schema_line(SECTIONS["dialogues"])) and "start: 2027-05-04T18:00\n" in text
    )
    assert _run("new", "clause", "Ny punkt", "--number", "11", "--root", str(project))[0] == 0
    clause = (project / "agreement/clauses/ny-punkt.yml").read_text(encoding="utf-8")
    assert clause.startswith(schema_line(SECTIONS["clauses"])) and 'number: "11"' in clause
    problems = load_register(project, TODAY)
    assert isinstance(problems, list)
    assert {(p.path, p.key) for p in problems} == {
        ("agreement/clauses/ny-punkt.yml", "text"),
        ("dialogues/2027-05-04-stordialog-om-idrott.yml", "end"),
        ("dialogues/2027-05-04-stordialog-om-idrott.yml", "description"),
        ("dialogues/2027-05-04-stordialog-om-idrott.yml", "location.name"),
    }

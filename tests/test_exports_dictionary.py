"""The open data as a reuser's tools read it: every JSON file valid against the JSON Schema
published beside it (jsonschema, with strict RFC 3339 times through rfc3339-validator), a
dialogue's status as of the build, and CSV files whose every row is one line, read back with
Python's csv module, the Excel copies with their byte order mark and semicolons."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from rfc3339_validator import validate_rfc3339

from okide.addresses import SiteSettings
from okide.clock import STOCKHOLM
from okide.exports import (
    ACTION_CSV_COLUMNS,
    FOLLOWUP_CSV_COLUMNS,
    PARTY_CSV_COLUMNS,
    render_exports,
)
from okide.jsonld import event
from okide.load import load_register
from okide.models import Register
from okide.records import JSON_EXPORTS
from okide.sections import FILES
from tests.conftest import REGION, ROOT, SMALL, TODAY
from tests.corpus import BUILT, overlay

SITE = SiteSettings(site_url="https://exempelby.example.org/ok/")
# 2026-11-22 13:00 in Stockholm: TODAY_EPOCH (12:00 UTC), the instant the fixture sites are
# built at.
BUILT_AT = datetime(2026, 11, 22, 13, 0, tzinfo=STOCKHOLM)
CSV_FILES = {
    "parties_csv": ("parties_excel", PARTY_CSV_COLUMNS),
    "followups_csv": ("followups_excel", FOLLOWUP_CSV_COLUMNS),
    "actions_csv": ("actions_excel", ACTION_CSV_COLUMNS),
}
BOM = b"\xef\xbb\xbf"


def _loaded(root: Path) -> Register:
    register = load_register(root, TODAY)
    assert isinstance(register, Register), [problem.text() for problem in register]
    return register


@pytest.fixture(scope="module")
def small() -> Register:
    return _loaded(SMALL)


@pytest.fixture(scope="module")
def region() -> Register:
    return _loaded(REGION)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Register:
    """Every built case of the adversarial corpus in one register (as the corpus site)."""
    files = {path: text for case in BUILT for path, text in case.files.items()}
    return _loaded(overlay(tmp_path_factory.mktemp("corpus") / "data", files))


def _validator(exports: dict[str, bytes], file: str) -> Draft202012Validator:
    schema = json.loads(exports[JSON_EXPORTS[file].schema_file])
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _records(exports: dict[str, bytes], key: str) -> list[dict[str, Any]]:
    return json.loads(exports[FILES[key]])[JSON_EXPORTS[FILES[key]].items]


def test_the_format_checker_is_strict_about_rfc_3339_times() -> None:
    """Without rfc3339-validator, jsonschema would let any string pass as a date-time."""
    checker = Draft202012Validator.FORMAT_CHECKER
    assert checker.conforms("2027-03-16T17:30:00+01:00", "date-time")
    assert not checker.conforms("2027-03-16T17:30+01:00", "date-time")  # no seconds
    assert not checker.conforms("2027-03-16T17:30:00", "date-time")  # no offset
    assert not checker.conforms("2027-03-16", "date-time")


@pytest.mark.parametrize("data", ["small", "region", "hostile"])
def test_every_json_export_is_valid_against_the_schema_published_beside_it(
    data: str, request: pytest.FixtureRequest
) -> None:
    register: Register = request.getfixturevalue(data)
    exports = render_exports(register, SITE, TODAY, BUILT_AT)
    for file, export in JSON_EXPORTS.items():
        document = json.loads(exports[file])
        errors = sorted(_validator(exports, file).iter_errors(document), key=str)
        assert errors == [], f"{file}: {[error.message for error in errors][:5]}"
        assert document["count"] == len(document[export.items])
    if data != "small":  # the small fixture has no follow-ups or plans
        assert all(json.loads(exports[file])["count"] > 0 for file in JSON_EXPORTS)


def test_a_field_the_schema_does_not_know_or_a_time_without_seconds_is_invalid(
    small: Register,
) -> None:
    """The schemas forbid what they do not describe, so an export that grows a field without
    its description here fails the test above."""
    exports = render_exports(small, SITE, TODAY, BUILT_AT)
    validator = _validator(exports, FILES["dialogues_json"])
    document = json.loads(exports[FILES["dialogues_json"]])
    document["dialogues"][0]["new_field"] = 1
    with pytest.raises(ValidationError, match="new_field"):
        validator.validate(document)
    del document["dialogues"][0]["new_field"]
    document["dialogues"][0]["start"] = "2025-11-18T17:30+01:00"
    with pytest.raises(ValidationError, match="date-time"):
        validator.validate(document)


def test_each_json_export_names_its_schema_the_build_time_and_its_count(small: Register) -> None:
    exports = render_exports(small, SITE, TODAY, BUILT_AT)
    names = {
        "parties_json": "parter", "dialogues_json": "stordialoger",
        "followups_json": "uppfoljningar", "plans_json": "samverkansplan",
    }  # fmt: skip
    for key, name in names.items():
        document = json.loads(exports[FILES[key]])
        address = f"https://exempelby.example.org/ok/data/{name}.schema.json"
        assert list(document)[:3] == ["$schema", "generated", "count"]
        assert document["$schema"] == address
        assert json.loads(exports[f"data/{name}.schema.json"])["$id"] == address
        assert document["generated"] == "2026-11-22T13:00:00+01:00"
    assert json.loads(exports[FILES["parties_json"]])["count"] == 4


def test_every_time_in_the_json_exports_is_rfc_3339_with_seconds(region: Register) -> None:
    exports = render_exports(region, SITE, TODAY, BUILT_AT)
    dialogues = json.loads(exports[FILES["dialogues_json"]])
    times = [dialogues["generated"]] + [
        moment for d in dialogues["dialogues"] for moment in (d["start"], d["end"])
    ]
    assert len(times) > 3
    assert [moment for moment in times if not validate_rfc3339(moment)] == []


def test_the_json_ld_of_a_dialogue_gives_its_times_in_rfc_3339_with_seconds(
    small: Register,
) -> None:
    for dialogue in small.dialogues.values():
        data = event(dialogue, small, SITE)
        assert validate_rfc3339(data["startDate"]) and validate_rfc3339(data["endDate"]), data


def test_a_dialogue_is_held_once_it_has_ended_before_the_build(small: Register) -> None:
    """2027-fritid ends 2027-03-16 20:00; the cancelled one stays cancelled after its day."""

    def states(built: datetime) -> dict[str, str]:
        exports = render_exports(small, SITE, built.date(), built)
        return {d["id"]: d["status"] for d in _records(exports, "dialogues_json")}

    during = states(datetime(2027, 3, 16, 19, 59, tzinfo=STOCKHOLM))
    assert during == {"2025-ensamhet": "held", "2026-installt": "cancelled",
                      "2027-fritid": "planned"}  # fmt: skip
    after = states(datetime(2027, 3, 16, 20, 0, tzinfo=STOCKHOLM))
    assert after["2027-fritid"] == "held" and after["2026-installt"] == "cancelled"


def test_the_same_build_time_gives_byte_identical_exports(small: Register) -> None:
    first = render_exports(small, SITE, TODAY, BUILT_AT)
    assert first == render_exports(small, SITE, TODAY, BUILT_AT)
    later = render_exports(small, SITE, TODAY, datetime(2026, 11, 22, 13, 0, 1, tzinfo=STOCKHOLM))
    changed = sorted(path for path in first if first[path] != later[path])
    # The JSON files say when they were made; the calendars' DTSTAMP is the build's instant.
    calendars = [path for path in first if path.endswith(".ics")]
    assert changed == sorted([export.file for export in JSON_EXPORTS.values()] + calendars)


def _rows(data: bytes, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


@pytest.mark.parametrize("data", ["small", "region", "hostile"])
def test_every_csv_row_is_one_line_and_the_excel_copy_holds_the_same_cells(
    data: str, request: pytest.FixtureRequest
) -> None:
    register: Register = request.getfixturevalue(data)
    exports = render_exports(register, SITE, TODAY, BUILT_AT)
    for key, (excel_key, columns) in CSV_FILES.items():
        plain, excel = exports[FILES[key]], exports[FILES[excel_key]]
        rows = _rows(plain)
        assert rows[0] == list(columns)
        # One physical line per row: no cell holds a line break of any kind.
        assert plain.decode("utf-8").splitlines() == plain.decode("utf-8").split("\r\n")[:-1]
        assert len(plain.decode("utf-8").splitlines()) == len(rows)
        assert not plain.startswith(BOM)
        assert excel.startswith(BOM) and excel.count(BOM) == 1
        assert excel.decode("utf-8-sig").split("\r\n")[0] == ";".join(columns)
        assert _rows(excel, ";") == rows
        cells = [cell for row in rows[1:] for cell in row]
        assert [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))] == []
        assert [cell for cell in cells if cell != cell.strip()] == []
        if data == "hostile" and key != "parties_csv":  # the corpus has formulas there
            assert any(cell.startswith("'=") for cell in cells), key


def test_a_text_that_starts_like_a_formula_after_its_line_breaks_is_guarded(
    region: Register,
) -> None:
    """The formula rule holds for the cell as written: folded to one line and trimmed first."""
    follow_up = region.followups["2024-lansbygdsradet"].model_copy(
        update={
            "proposals": ["Fler möten\n=1+1", "\u2028 =HYPERLINK(1)", "Mer\u2029stöd"],
            "contribution": "\n\n+cmd|' /C calc'!A0",
        }
    )
    changed = region.model_copy(
        update={"followups": {**region.followups, "2024-lansbygdsradet": follow_up}}
    )
    exports = render_exports(changed, SITE, TODAY, BUILT_AT)
    for key in ("followups_csv", "followups_excel"):
        delimiter = ";" if key.endswith("excel") else ","
        header, *rows = _rows(exports[FILES[key]], delimiter)
        row = dict(zip(header, next(r for r in rows if r[0] == "2024-lansbygdsradet"), strict=True))
        assert row["proposals"] == "Fler möten =1+1 | =HYPERLINK(1) | Mer stöd"
        assert row["contribution"] == "'+cmd|' /C calc'!A0"
    kept = _records(exports, "followups_json")[0]["proposals"]
    assert kept[0] == "Fler möten\n=1+1"  # the JSON file keeps the exact text


def test_the_open_data_page_links_every_schema_and_excel_file_and_documents_the_envelope() -> None:
    page = (ROOT / "docs/om-data.md").read_text(encoding="utf-8")
    for key, path in FILES.items():
        if key.endswith(("_schema", "_excel")):
            assert f"]({path})" in page, path
    for word in ("`$schema`", "`generated`", "`count`", "`held`", "` | `", "BOM"):
        assert word in page, word
    for export in JSON_EXPORTS.values():
        assert f"`{export.items}`" in page, export.items


def _check_published(site: Path, base: str) -> None:
    """Every JSON file of a built site is valid against its schema, which is published beside
    it at the address the file names, and was made at the build's instant (TODAY_EPOCH)."""
    for export in JSON_EXPORTS.values():
        document = json.loads((site / export.file).read_bytes())
        schema = json.loads((site / export.schema_file).read_bytes())
        Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(
            document
        )
        assert document["$schema"] == schema["$id"] == base.rstrip("/") + "/" + export.schema_file
        assert document["generated"] == "2026-11-22T13:00:00+01:00"
    for key, (excel_key, _) in CSV_FILES.items():
        assert _rows((site / FILES[excel_key]).read_bytes(), ";") == _rows(
            (site / FILES[key]).read_bytes()
        )


@pytest.mark.slow
def test_the_built_site_publishes_every_export_with_its_schema_at_the_build_time(
    fixture_site: Path, region_fixture_site: Path
) -> None:
    from tests.conftest import site_url

    _check_published(fixture_site, site_url())
    _check_published(region_fixture_site, site_url())


@pytest.mark.slow
def test_a_site_made_by_init_publishes_the_same_open_data_for_another_public_body(
    tmp_path: Path,
) -> None:
    import shutil

    from okide.sections import data_tops
    from tests.conftest import run_cli
    from tests.sitebuild import mkdocs_build

    site = tmp_path / "ny"
    code, out = run_cli("init", str(site), "--public-party", "Region Exempelland",
                        "--site-url", "https://exempel.github.io/ok/",
                        "--repo-url", "https://github.com/exempel/ok")  # fmt: skip
    assert code == 0, out
    for folder in data_tops():
        shutil.rmtree(site / folder)
        shutil.copytree(REGION / folder, site / folder)
    built = mkdocs_build(site, tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    _check_published(tmp_path / "site", "https://exempel.github.io/ok/")
    page = (tmp_path / "site/om-data/index.html").read_text("utf-8")
    assert 'href="../data/parter.schema.json"' in page


def test_render_writes_the_exports_made_at_the_build_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import TODAY_EPOCH, run_cli

    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    out = tmp_path / "ut"
    code, said = run_cli("render", str(out), "--root", str(SMALL), "--site-url", SITE.site_url)
    assert code == 0, said
    document = json.loads((out / FILES["dialogues_json"]).read_bytes())
    assert document["generated"] == "2026-11-22T13:00:00+01:00"
    assert (out / FILES["parties_schema"]).is_file() and (out / FILES["parties_excel"]).is_file()


def test_the_open_data_page_names_every_field_the_schemas_describe() -> None:
    """The page and the schemas come from different places: a field added to a record needs a
    line on the page too (a nested object's fields as `{a, b}`)."""
    from okide import records

    page = (ROOT / "docs/om-data.md").read_text(encoding="utf-8")
    for nested in (records.ContactRecord, records.LocationRecord, records.RegistrationRecord):
        assert "{" + ", ".join(nested.model_fields) + "}" in page, nested.__name__
    listed = [export.record for export in JSON_EXPORTS.values()]
    for record in [*listed, records.ChallengeRecord, records.ActionRecord]:
        missing = [name for name in record.model_fields if f"`{name}`" not in page]
        assert missing == [], record.__name__

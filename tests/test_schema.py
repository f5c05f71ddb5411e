"""The editors' JSON Schemas (okide.schema): kept current with the models, and read the way VS
Code's YAML extension reads a data file, from the schema line each file starts with.

yaml-language-server parses YAML 1.2 (core schema) and validates the typed result: a plain
`8024123450` is an integer there, `3.10` a number, `2017-09-15` a string. okide reads every
scalar as the text written. These tests parse each file as YAML 1.2 does and check that the
schemas underline nothing the loader accepts and underline the common mistakes it rejects.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from okide.fields import luhn_check_digit
from okide.models import Agreement, Clause, Dialogue, Signatory, Value
from okide.schema import schema_for, schema_line, stale_schemas
from okide.sections import SECTIONS
from okide.yamlstrict import StrictYamlError, parse_text
from tests.conftest import FIXTURES, ROOT, SMALL, TODAY
from tests.conftest import run_cli as _run

MODELS = {"agreement": Agreement, "value": Value, "clause": Clause, "signatory": Signatory,
          "dialogue": Dialogue}  # fmt: skip


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML with the YAML 1.2 core schema's implicit types (what eemeli/yaml does by default,
    and so yaml-language-server): no dates, no yes/no booleans, no octal `0522`."""


Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
     r"|\.(?:nan|NaN|NAN))$", list("-+.0123456789")),
]:  # fmt: skip
    Yaml12Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def _int12(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    text = loader.construct_scalar(node)  # type: ignore[arg-type]
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


def _float12(loader: yaml.SafeLoader, node: yaml.Node) -> float:
    text = str(loader.construct_scalar(node)).lower()  # type: ignore[arg-type]
    return float(text.replace(".inf", "inf").replace(".nan", "nan"))


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int12)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _float12)

# The formats yaml-language-server checks, with its own patterns (baseValidator.ts).
FORMATS = jsonschema.FormatChecker([])
FORMATS.checks("date")(
    lambda v: (
        not isinstance(v, str)
        or bool(re.match(r"^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", v))
    )
)
FORMATS.checks("email")(
    lambda v: (
        not isinstance(v, str)
        or bool(
            re.match(
                r"^(([^<>()\[\]\\.,;:\s@\"]+(\.[^<>()\[\]\\.,;:\s@\"]+)*)|(\".+\"))@"
                r"((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}])"
                r"|(([a-zA-Z\-0-9]+\.)+[a-zA-Z]{2,}))$",
                v,
            )
        )
    )
)
FORMATS.checks("uri")(lambda v: not isinstance(v, str) or bool(re.match(r"^[A-Za-z][\w+.-]*:", v)))


def schema_problems(kind: str, text: str) -> list[str]:
    data = yaml.load(text, Loader=Yaml12Loader)  # a SafeLoader subclass
    validator = jsonschema.Draft202012Validator(schema_for(kind), format_checker=FORMATS)
    return [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)
    ]


def loader_accepts(kind: str, text: str, today: date = TODAY) -> bool:
    try:
        data, _ = parse_text(text)
        MODELS[kind].from_data(data, id="x", source="x.yml", today=today)
    except (StrictYamlError, ValidationError):
        return False
    return True


def _data_files(root: Path) -> list[tuple[str, Path]]:
    return [
        (section.kind, path)
        for section in SECTIONS.values()
        for path in sorted((root / section.folder).glob("*.y*ml"))
    ]


@pytest.mark.parametrize("root", [ROOT, SMALL], ids=["shipped", "fixture"])
def test_every_data_file_passes_its_schema_as_vs_code_reads_it(root: Path) -> None:
    files = _data_files(root)
    assert len(files) > 10
    for kind, path in files:
        text = path.read_text(encoding="utf-8")
        assert schema_problems(kind, text) == [], path


PARTY = "name: Exempelföreningen\nform: ideell förening\nsigned: 2017-09-15\n"
DIALOGUE = "title: T\nstart: 2027-03-16T17:30\nend: 2027-03-16T20:00\ndescription: D\n"
ONLINE = "online: https://exempel.se/mote\n"

# Files okide accepts whose values a YAML 1.2 reader types as numbers, nulls or odd strings.
VALID = [
    ("signatory", PARTY + "org_number: 8024123450\n"),
    ("signatory", PARTY + "org_number: 168024123450\n"),
    ("signatory", PARTY + "org_number: 802412 3450\n"),
    ("signatory", PARTY + "org_number: 802412-3450\n"),
    ("signatory", PARTY + "contact:\n  phone: 0522696000\n"),
    ("signatory", PARTY + "contact:\n  phone: +46522696000\n"),
    ("signatory", PARTY + "contact:\n  phone: 0522-69 60 00\n"),
    ("signatory", PARTY + "contact:\n  email: info@föreningen.se\n"),
    ("signatory", PARTY + "website: HTTPS://www.exempel.se\n"),
    ("signatory", PARTY + "left:\nareas:\ndescription: |\n  Text.\n"),
    ("signatory", PARTY.replace("Exempelföreningen", "1909") + "left: 2020-01-01\n"),
    ("signatory", PARTY.replace("2017-09-15", '"2017-09-15"')),
    ("clause", "number: 3\ntitle: T\ntext: T\n"),
    ("clause", "number: 3.10\ntitle: T\ntext: T\nparty: joint\n"),
    ("clause", "number: 3.2.1\ntitle: T\ntext: T\nvalues: [dialog, 2030]\n"),
    ("clause", 'number: "7"\ntitle: T\ntext: T\n'),
    ("value", "order: 2\ntitle: T\ntext: T\n"),
    ("value", 'order: "02"\ntitle: T\ntext: T\n'),
    ("dialogue", DIALOGUE + ONLINE + "status: cancelled\noutcome: Bra.\n"),
    ("dialogue", DIALOGUE + "location:\n  name: Stadshuset\n"),
    ("dialogue", DIALOGUE.replace("17:30", "17:30+01:00") + ONLINE.replace("https", "http")),
    ("dialogue", DIALOGUE + ONLINE + "registration:\n  email: a@b.se\n  deadline: 2027-03-01\n"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "text"), VALID)
def test_the_schema_underlines_nothing_the_loader_accepts(kind: str, text: str) -> None:
    assert loader_accepts(kind, text)
    assert schema_problems(kind, text) == []


# Common mistakes: the loader rejects them and VS Code underlines them.
INVALID = [
    ("signatory", PARTY + "websit: https://a.se\n"),
    ("signatory", PARTY.replace("ideell förening", "förening")),
    ("signatory", PARTY.replace("2017-09-15", "15/9 2017")),
    ("signatory", PARTY.replace("2017-09-15", "2017-9-15")),
    ("signatory", PARTY.replace("2017-09-15", "2017-13-01")),
    ("signatory", "name: Exempelföreningen\nform: annan\n"),
    ("signatory", PARTY.replace("Exempelföreningen", "X")),
    ("signatory", PARTY + "org_number: 12345\n"),
    ("signatory", PARTY + "org_number: 8024123450a\n"),
    ("signatory", PARTY + "website: www.exempel.se\n"),
    ("signatory", PARTY + "website: ftp://exempel.se\n"),
    ("signatory", PARTY + "contact:\n  email: mailto:info@a.se\n"),
    ("signatory", PARTY + "contact:\n  phone: ring oss\n"),
    ("signatory", PARTY + "contact: {}\n"),
    ("signatory", PARTY + "contact:\n  email:\n"),
    ("signatory", PARTY + "contact: info@a.se\n"),
    ("signatory", PARTY + "areas: [Trygghet]\n"),
    ("signatory", PARTY + "areas: trygghet\n"),
    ("signatory", PARTY + "description: " + "x" * 1001 + "\n"),
    ("clause", "number: 0\ntitle: T\ntext: T\n"),
    ("clause", "number: 3a\ntitle: T\ntext: T\n"),
    ("clause", "number: 3\ntitle: T\ntext: T\nparty: kommunen\n"),
    ("value", "order: 0\ntitle: T\ntext: T\n"),
    ("value", "order: tre\ntitle: T\ntext: T\n"),
    ("dialogue", DIALOGUE),
    ("dialogue", DIALOGUE + "location:\n"),
    ("dialogue", DIALOGUE.replace("2027-03-16T17:30", "2027-03-16 17:30") + ONLINE),
    ("dialogue", DIALOGUE + ONLINE + "status: inställd\n"),
    ("dialogue", DIALOGUE + ONLINE + "registration:\n  deadline: 2027-03-01\n"),
    ("dialogue", DIALOGUE + "location:\n  address: Gatan 1\n"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "text"), INVALID)
def test_the_schema_underlines_common_mistakes_the_loader_rejects(kind: str, text: str) -> None:
    assert not loader_accepts(kind, text)
    assert schema_problems(kind, text) != []


def _field_schema(kind: str, *path: str) -> dict[str, Any]:
    """The schema of one property (with its `null` branch), inside the objects on its path."""
    schema = schema_for(kind)
    node: dict[str, Any] = schema
    for key in path[:-1]:
        node = node["properties"][key]
        node = next((b for b in node.get("anyOf", []) if b.get("type") != "null"), node)
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node["properties"][path[-1]]


FIELDS = {
    "org_number": ("signatory", ("org_number",), PARTY),
    "phone": ("signatory", ("contact", "phone"), PARTY + "contact:\n"),
    "email": ("signatory", ("contact", "email"), PARTY + "contact:\n"),
    "signed": ("signatory", ("signed",), "name: Exempelföreningen\nform: annan\n"),
    "number": ("clause", ("number",), "title: T\ntext: T\n"),
    "order": ("value", ("order",), "title: T\ntext: T\n"),
}
DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=14)
TEXTS = st.one_of(
    DIGITS,
    st.lists(
        st.one_of(DIGITS, st.sampled_from(["-", " ", "+", ".", "16", "(", ")"])), max_size=8
    ).map("".join),
    st.text(alphabet="abcåäö@.-+0123456789", max_size=20),
)
NINE = st.text(alphabet="0123456789", min_size=9, max_size=9)
SEPARATOR = st.sampled_from(["", "-", " - ", " "])
ORG_NUMBERS = st.builds(
    lambda prefix, nine, sep: f"{prefix}{nine[:6]}{sep}{nine[6:]}{luhn_check_digit(nine)}",
    st.sampled_from(["", "16"]), NINE, SEPARATOR,
)  # fmt: skip
LABEL = st.text(alphabet="abcåäö0123456789-", min_size=1, max_size=8)
EMAILS = st.builds(
    lambda user, host, tld: f"{user}@{host}.{tld}", LABEL, LABEL, st.sampled_from(["se", "nu", "x"])
)
DATES = st.dates(date(1000, 1, 1), date(2999, 12, 31)).map(date.isoformat)
LIKELY = {"org_number": ORG_NUMBERS, "email": EMAILS, "signed": DATES}


@pytest.mark.parametrize("field", FIELDS)
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_every_value_the_loader_accepts_passes_the_fields_schema(
    field: str, data: st.DataObject
) -> None:
    kind, path, rest = FIELDS[field]
    text = data.draw(st.one_of(TEXTS, LIKELY.get(field, TEXTS)))
    indent = "  " * (len(path) - 1)
    document = rest + f"{indent}{path[-1]}: {text}\n"
    try:
        typed = yaml.load(document, Loader=Yaml12Loader)
    except yaml.YAMLError:
        return
    if loader_accepts(kind, document, today=date(2999, 12, 31)):
        value = typed
        for key in path:
            value = value[key]
        validator = jsonschema.Draft202012Validator(
            _field_schema(kind, *path), format_checker=FORMATS
        )
        assert list(validator.iter_errors(value)) == [], (document, value)


def _patterns(node: Any) -> list[str]:
    if isinstance(node, list):
        return [p for item in node for p in _patterns(item)]
    if not isinstance(node, dict):
        return []
    own = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
    return own + [p for value in node.values() for p in _patterns(value)]


def test_every_schema_pattern_is_a_valid_ecmascript_regular_expression() -> None:
    """VS Code compiles patterns as JavaScript regular expressions with the u flag."""
    patterns = sorted({p for kind in MODELS for p in _patterns(schema_for(kind))})
    assert len(patterns) >= 7
    script = "for (const p of JSON.parse(process.argv[1])) new RegExp(p, 'u');"
    result = subprocess.run(
        ["node", "-e", script, json.dumps(patterns)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_completion_never_writes_null_for_an_optional_key() -> None:
    """VS Code fills in a property's default on completion; okide reads `null` as text."""
    for kind in MODELS:
        text = str(schema_for(kind))
        assert "'default': None" not in text, kind


def test_every_key_has_a_swedish_title_and_description_for_the_editor() -> None:
    """VS Code shows the title and the description when the editor hovers over a key."""
    for kind in MODELS:
        schema = schema_for(kind)
        owners = [("", schema), *schema.get("$defs", {}).items()]
        for owner, node in owners:
            for key, prop in node.get("properties", {}).items():
                refs = [prop, *prop.get("anyOf", [])]
                targets = [
                    schema["$defs"][r["$ref"].rsplit("/", 1)[1]] for r in refs if "$ref" in r
                ]
                title = prop.get("title") or next((t["title"] for t in targets), None)
                assert title and prop.get("description"), (kind, owner, key)
    assert schema_for("signatory")["properties"]["website"]["description"].startswith(
        "Organisationens"
    )


@pytest.mark.parametrize("root", [ROOT, SMALL], ids=["shipped", "fixture"])
def test_the_schema_line_of_every_data_file_resolves_from_the_files_own_folder(root: Path) -> None:
    """yaml-language-server resolves a relative `$schema=` against the folder of the file
    (yamlSchemaService.ts: path.resolve(dirname(file), ref)), so `../schemas/…` from
    signatories/ and `../../schemas/…` from agreement/values/ must both reach schemas/."""
    for kind, path in _data_files(root):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        ref = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert ref, path
        target = (path.parent / ref[1]).resolve()
        assert target == (root / "schemas" / f"{kind}.schema.json").resolve(), path
        if root == ROOT:
            assert target.is_file()


def test_committed_schemas_are_up_to_date() -> None:
    assert stale_schemas(ROOT) == [], "run: python -m okide schema"


def test_a_stale_schema_is_detected(tmp_path: Path) -> None:
    assert _run("schema", "--root", str(tmp_path)) == (0, "".join(
        f"Skrev schemas/{section.schema_file}\n" for section in SECTIONS.values()))  # fmt: skip
    assert _run("schema", "--check", "--root", str(tmp_path))[0] == 0
    (tmp_path / "schemas/signatory.schema.json").write_text("{}\n", encoding="utf-8")
    assert _run("schema", "--check", "--root", str(tmp_path))[0] == 1


def test_schemas_describe_the_yaml_with_swedish_titles_enums_and_patterns() -> None:
    schema = schema_for("signatory")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "Part" and schema["additionalProperties"] is False
    assert set(schema["required"]) == {"name", "form", "signed"}
    properties = schema["properties"]
    assert "ideell förening" in properties["form"]["enum"]
    assert properties["signed"]["pattern"] == r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    assert properties["name"]["title"] == "Namn"
    dialogue = schema_for("dialogue")
    assert dialogue["properties"]["status"]["enum"] == ["planned", "cancelled"]
    clause = schema_for("clause")
    assert clause["properties"]["party"]["anyOf"][0]["enum"] == ["public", "sector", "joint"]


def _titled(schema: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every part of a schema that describes a mapping of the YAML (the file and its $defs)."""
    yield "", schema
    yield from schema.get("$defs", {}).items()


@pytest.mark.parametrize("section", list(SECTIONS.values()), ids=lambda s: s.kind)
def test_every_schema_and_nested_mapping_has_a_swedish_title_and_description(section: Any) -> None:
    """A model without its own title would show editors its Python class name and docstring."""
    for name, part in _titled(schema_for(section.kind)):
        if part.get("type") == "object":
            assert part.get("title") and part["title"] != name, (section.kind, name)
            assert part.get("description") and part["description"] != part["title"], name
            assert not re.search(r"\b(the|of|and|one)\b", part["description"]), name
        for key, field in part.get("properties", {}).items():
            # A `$ref` field shows the title of the mapping it refers to.
            assert field.get("title") or "$ref" in field, (section.kind, name, key)
            assert field.get("description"), (section.kind, name, key)


def _sections_and_files(root: Path) -> list[tuple[str, Path]]:
    found = []
    for section in SECTIONS.values():
        directory = root / section.folder
        if directory.is_dir():
            found += [(section, path) for path in sorted(directory.glob("*.y*ml"))]
    return found


@pytest.mark.parametrize(
    "root", [ROOT, SMALL, FIXTURES / "region"], ids=["shipped", "fixture", "region"]
)
def test_every_data_file_starts_with_its_schema_line(root: Path) -> None:
    files = _sections_and_files(root)
    assert files
    for section, path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == schema_line(section), path

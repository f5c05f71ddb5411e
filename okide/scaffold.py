"""`python -m okide new …`: a new data file with every field present or explained.

The file is rendered from templates/new/, then read back with the same strict reader and model
as every data file. What came from the command line must pass; the required fields left empty
are exactly what the editor still has to fill in, and the validator asks for them until they
are. Nothing is ever overwritten, and an organisation, an id or a clause number that is already
in the register is never added a second time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment
from pydantic import ValidationError
from slugify import slugify

from okide.fields import name_key, parse_year
from okide.load import entry_data, read_register
from okide.models import FORMS, number_key
from okide.problems import Problem
from okide.pydantic_problems import problems_from_validation
from okide.schema import schema_line
from okide.sections import SECTIONS, by_kind
from okide.templating import environment
from okide.yamlstrict import StrictYamlError, parse_text

# The same replacements as the file-name check in load.py: å, ä and ö become a, a and o.
SWEDISH_LETTERS = [["å", "a"], ["ä", "a"], ["ö", "o"]]
_SUFFIXES = (".yml", ".yaml")


def make_slug(name: str) -> str:
    """An id as python-slugify makes it, with å, ä and ö written as a, a and o."""
    return slugify(name, replacements=SWEDISH_LETTERS)


class ScaffoldError(Exception):
    """A file that is not written; the message is Swedish and says why."""


class InvalidArgument(ScaffoldError):
    """Something given on the command line is not valid (a usage error)."""


class AlreadyExists(ScaffoldError):
    """The entry is already in the register; writing it would overwrite or duplicate it."""


@dataclass(frozen=True)
class Draft:
    """A new data file, not yet written: where it goes, its text, and what is left to fill in."""

    relative: str
    text: str
    to_fill: tuple[Problem, ...]


def _environment() -> Environment:
    env = environment()  # YAML: every value from the command line passes through `yaml`.
    env.filters["yaml"] = yaml_quoted
    return env


def yaml_quoted(value: object) -> str:
    """A double-quoted YAML scalar: a JSON string is one, whatever the text holds."""
    return json.dumps(str(value), ensure_ascii=False)


def _area_ids(root: Path) -> list[str]:
    """Focus area ids of the agreement, listed in the new file as a reminder."""
    register, _ = read_register(root, None)
    return [area.id for area in register.agreement.areas] if register else []


def _ids(root: Path, section: str) -> list[str]:
    """The ids of the files of a section, also of drafts not yet filled in."""
    return sorted(entry_data(root, SECTIONS[section]))


def _target(root: Path, kind: str, entry_id: str) -> str:
    folder = by_kind(kind).folder
    for suffix in _SUFFIXES:
        if (root / folder / f"{entry_id}{suffix}").exists():
            raise AlreadyExists(
                f"{folder}/{entry_id}{suffix} finns redan; ändra den filen i stället"
                " (en fil per post, och ingen fil skrivs över)"
            )
    return f"{folder}/{entry_id}.yml"


def _already(root: Path, section: str, key: str, same: Callable[[str], Any], wanted: Any) -> Any:
    """The path and text of the file of section whose key is the same as wanted, by the same
    measure the register uses (same); drafts not yet valid count too. None if there is none."""
    for path, data in entry_data(root, SECTIONS[section]).values():
        text = data.get(key)
        if isinstance(text, str):
            try:
                found = same(text)
            except ValueError:
                continue
            if found == wanted:
                return path, text.strip()
    return None


def _refuse_second_party(root: Path, name: str) -> None:
    """The same organisation under another file name is still the same party: two names the
    register would take for one (name_key) are refused here already."""
    found = _already(root, "signatories", "name", name_key, name_key(name))
    if found:
        raise AlreadyExists(f"'{found[1]}' finns redan i {found[0]}; ändra den filen i stället")


def _refuse_used_number(root: Path, number: str) -> None:
    """Clause numbers are unique by their numeric parts (3.2 and 3.02 are one number), as the
    register checks them."""
    found = _already(root, "clauses", "number", number_key, number_key(number))
    if found:
        raise AlreadyExists(
            f"punkt {found[1]} finns redan i {found[0]};"
            " välj ett annat nummer eller ändra den filen"
        )


def _refuse_second_dialogue(root: Path, title: str, start: datetime) -> None:
    """The same title on the same day under another file name is still the same dialogue."""
    day = start.date().isoformat()
    for path, data in entry_data(root, SECTIONS["dialogues"]).values():
        other, other_start = data.get("title"), data.get("start")
        if (
            isinstance(other, str)
            and isinstance(other_start, str)
            and name_key(other) == name_key(title)
            and other_start.strip().startswith(day)
        ):
            raise AlreadyExists(
                f"'{other.strip()}' {day} finns redan i {path}; ändra den filen i stället"
            )


def _check(
    kind: str, relative: str, text: str, given: Mapping[str, str], today: date | None
) -> tuple[Problem, ...]:
    """Read the rendered file back as the validator will. Problems with keys that came from
    the command line refuse it; the rest are the empty fields the editor fills in later."""
    free_text = next(iter(given))
    try:
        data, positions = parse_text(text)
    except StrictYamlError as error:
        # Only the free text (a name or a title) can break the YAML; every other value is
        # written by the template in a fixed form.
        raise InvalidArgument(f"{given[free_text]}: {error.problem.message}") from None
    model = by_kind(kind).model
    try:
        model.from_data(data, id=Path(relative).stem, source=relative, today=today)
    except ValidationError as error:
        problems = problems_from_validation(error, relative, positions, model)
    else:
        problems = []
    refused = [
        f"{given[p.key.split('.')[0]]}: {replace(p, key='').detail()}"
        for p in problems
        if p.key.split(".")[0] in given
    ]
    if refused:
        raise InvalidArgument("\n".join(refused))
    return tuple(problems)


def _draft(
    root: Path,
    kind: str,
    entry_id: str,
    given: Mapping[str, str],
    today: date | None = None,
    **context: Any,
) -> Draft:
    if not entry_id:
        raise InvalidArgument(
            f"{given[next(iter(given))]}: ger inget filnamn; använd bokstäver eller siffror"
        )
    relative = f"{by_kind(kind).folder}/{entry_id}.yml"
    text = (
        _environment()
        .get_template(f"new/{kind}.yml.j2")
        .render(schema_line=schema_line(by_kind(kind)), **context)
    )
    to_fill = _check(kind, relative, text, given, today)
    _target(root, kind, entry_id)
    return Draft(relative, text, to_fill)


def signatory_draft(
    root: Path, name: str, form: str | None, signed: date | None, today: date
) -> Draft:
    """signatories/<slug of name>.yml; `form` and `signed` left to fill in when not given (the
    tool does not guess the day an organisation signed). `signed` must not be after `today`,
    as the validator requires."""
    name = name.strip()
    given = (
        {"name": "NAMN"}
        | ({"form": "--form"} if form else {})
        | ({"signed": "--signed"} if signed else {})
    )
    draft = _draft(
        root, "signatory", make_slug(name), given, today,
        name=name, form=form, signed=signed, forms=FORMS, areas=_area_ids(root),
    )  # fmt: skip
    _refuse_second_party(root, name)
    return draft


def dialogue_draft(
    root: Path,
    title: str,
    start: datetime | None,
    end: datetime | None,
    today: date | None = None,
) -> Draft:
    """dialogues/<start date>-<slug of title>.yml (just the slug without a start); `start`
    and `end` left empty when not given; `published` is today (the feed dates the dialogue
    by it), when today is given."""
    title = title.strip()
    given = (
        {"title": "RUBRIK"}
        | ({"start": "--start"} if start else {})
        | ({"end": "--end"} if end else {})
    )
    slug = make_slug(title)
    entry_id = f"{start.date().isoformat()}-{slug}" if start and slug else slug
    draft = _draft(
        root, "dialogue", entry_id, given,
        title=title, start=start, end=end, areas=_area_ids(root),
        hosts=_ids(root, "signatories")[:1], published=today,
    )  # fmt: skip
    if start:
        _refuse_second_dialogue(root, title, start)
    return draft


def clause_draft(root: Path, title: str, number: str) -> Draft:
    """agreement/clauses/<slug of title>.yml with the given number, which must be unused."""
    title, number = title.strip(), number.strip()
    given = {"title": "RUBRIK", "number": "--number"}
    draft = _draft(
        root, "clause", make_slug(title), given,
        title=title, number=number, values=_ids(root, "values"),
    )  # fmt: skip
    _refuse_used_number(root, number)
    return draft


def _known(root: Path, section: str, entry_id: str, label: str, what: str) -> None:
    """An id given on the command line names a file of section (also a draft not yet valid)."""
    ids = _ids(root, section)
    if entry_id not in ids:
        hint = "finns: " + ", ".join(ids) if ids else f"inga finns än i {SECTIONS[section].folder}/"
        raise InvalidArgument(f"{label}: '{entry_id}' finns inte bland {what} – {hint}")


def _year_of(data: Mapping[str, Any], key: str) -> int | None:
    try:
        return parse_year(data.get(key))
    except ValueError:
        return None


def _refuse_second_follow_up(root: Path, party: str, year: int) -> None:
    """One follow-up per party and year, whatever its file is called."""
    for path, data in entry_data(root, SECTIONS["followups"]).values():
        other = data.get("party")
        if isinstance(other, str) and other.strip() == party and _year_of(data, "year") == year:
            raise AlreadyExists(
                f"partens uppföljning av {year} finns redan i {path}; ändra den filen i stället"
            )


def _refuse_year_outside(root: Path, party_id: str, year: int) -> None:
    """A follow-up is of a year the agreement has followed up since, and in which the party
    was a party (as the register checks it, from the files that are valid)."""
    register, _ = read_register(root, None)
    if register is None:
        return
    first = register.agreement.first_follow_up_year
    if year < first:
        raise InvalidArgument(
            f"--year: året {year} ligger före {first}, det första år som följs upp"
            f" – ange ett år från {first}"
        )
    party = register.signatories.get(party_id)
    if party is None:
        return
    if party.signed.year > year:
        what = f"skrev under {party.signed.isoformat()}"
    elif party.left is not None and party.left.year < year:
        what = f"lämnade överenskommelsen {party.left.isoformat()}"
    else:
        return
    raise InvalidArgument(
        f"--year: '{party_id}' {what} och var inte part under {year}"
        " – ange ett år då parten var part"
    )


def followup_draft(root: Path, party: str, year: int | None, today: date) -> Draft:
    """followups/<year>-<party>.yml for a party in the register; the year defaults to last
    year (the one whose follow-up is due now), submitted to today."""
    party = party.strip()
    year = today.year - 1 if year is None else year
    _known(root, "signatories", party, "PART", "parterna")
    if year > today.year:
        raise InvalidArgument(
            f"--year: året {year} har inte börjat än – följ upp ett år som har gått, t.ex. "
            f"{today.year - 1}"
        )
    _refuse_year_outside(root, party, year)
    given = {"party": "PART", "year": "--year"}
    led = [
        action_id
        for action_id, (_, data) in sorted(entry_data(root, SECTIONS["actions"]).items())
        if isinstance(data.get("parties"), list) and party in data["parties"]
    ]
    draft = _draft(
        root, "followup", f"{year}-{party}", given, today,
        party=party, year=year, submitted=today, actions=led or _ids(root, "actions")[:1],
    )  # fmt: skip
    _refuse_second_follow_up(root, party, year)
    return draft


def _current_plan(root: Path, today: date) -> str:
    """The plan whose years cover today, as the files say (drafts too)."""
    plans = entry_data(root, SECTIONS["plans"])
    for plan_id, (_, data) in sorted(plans.items()):
        start, end = _year_of(data, "start"), _year_of(data, "end")
        if start is not None and end is not None and start <= today.year <= end:
            return plan_id
    hint = "finns: " + ", ".join(sorted(plans)) if plans else "lägg först till planen i plans/"
    raise InvalidArgument(
        f"--plan: ingen plan i plans/ gäller {today.year} – ange planen med --plan ({hint})"
    )


def _current_parties(root: Path, today: date) -> list[str]:
    """The parties that have not left, as an example of whom to name responsible."""
    register, _ = read_register(root, None)
    if register is None:
        return _ids(root, "signatories")
    return sorted(party.id for party in register.current_parties(today))


def _refuse_second_action(root: Path, title: str, plan: str) -> None:
    """The same title in the same plan under another file name is still the same action."""
    for path, data in entry_data(root, SECTIONS["actions"]).values():
        other, other_plan = data.get("title"), data.get("plan")
        if (
            isinstance(other, str)
            and isinstance(other_plan, str)
            and other_plan.strip() == plan
            and name_key(other) == name_key(title)
        ):
            raise AlreadyExists(
                f"'{other.strip()}' finns redan i {path}; ändra den filen i stället"
            )


def action_draft(root: Path, title: str, plan: str | None, today: date) -> Draft:
    """actions/<slug of title>.yml in a plan (the current one unless given), planned, starting
    today; who is responsible is left for the editor to fill in."""
    title = title.strip()
    plan = plan.strip() if plan else _current_plan(root, today)
    _known(root, "plans", plan, "--plan", "planerna")
    _, data = entry_data(root, SECTIONS["plans"])[plan]
    challenges = [
        challenge["id"].strip()
        for challenge in data.get("challenges") or []
        if isinstance(challenge, dict) and isinstance(challenge.get("id"), str)
    ]
    given = {"title": "TITEL", "plan": "--plan"}
    draft = _draft(
        root, "action", make_slug(title), given, today,
        title=title, plan=plan, start=today, challenges=challenges,
        parties=_current_parties(root, today)[:1], dialogues=_ids(root, "dialogues")[:1],
    )  # fmt: skip
    _refuse_second_action(root, title, plan)
    return draft


def write_draft(root: Path, draft: Draft) -> Path:
    """Create the file; never replace one (also not one that appeared meanwhile)."""
    path = root / draft.relative
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(draft.text)
    except FileExistsError:
        raise AlreadyExists(f"{draft.relative} finns redan; ingen fil skrivs över") from None
    return path

"""`python -m okide validate | render | new | schema`: the only place besides the hook that
reads the clock and the environment, and the only place that decides exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO, TypeVar

from pydantic_core import PydanticCustomError

from okide import due
from okide.addresses import SiteSettings
from okide.clock import InvalidBuildDate, build_date, build_moment
from okide.fields import parse_date, parse_datetime, parse_year
from okide.handwritten import facts, fill_pages
from okide.init import DEFAULT_COLORS, DEFAULT_SOURCE, InitError, SiteOptions, write_site
from okide.load import load_register
from okide.mkdocs_config import ConfigError, Project, project_from_mkdocs_yml, read_mkdocs_yml
from okide.models import FORMS
from okide.palette import palette_problems
from okide.problems import (
    Problem,
    failure_summary,
    github_annotation,
    github_notice,
    more_than_shown,
    problems_json,
    success_summary,
)
from okide.scaffold import (
    AlreadyExists,
    Draft,
    InvalidArgument,
    action_draft,
    clause_draft,
    dialogue_draft,
    followup_draft,
    signatory_draft,
    write_draft,
)
from okide.schema import SCHEMA_DIR, stale_schemas, write_schemas
from okide.sections import AGREEMENT, by_kind
from okide.site import (
    Generated,
    examples_notice,
    generate,
    hand_written_pages,
    static_files,
    write_tree,
)
from okide.swedish import stamp_sv
from okide.upgrade import upgrade_problems

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
# `okide due`: follow-ups are overdue or due soon (the data itself is valid).
EXIT_DUE = 3
# GitHub shows at most this many error annotations of one step on the pull request.
GITHUB_SHOWN = 10
T = TypeVar("T")


def _repository_prefix(root: Path) -> str:
    """Where root lies in the repository (GITHUB_WORKSPACE, else the current folder), as a
    prefix for paths: GitHub places annotations by the path from the repository's top."""
    top = Path(os.environ.get("GITHUB_WORKSPACE") or ".").resolve()
    try:
        inside = root.resolve().relative_to(top)
    except ValueError:
        return ""
    return "" if inside == Path() else inside.as_posix() + "/"


def _print_problems(problems: list[Problem], fmt: str, out: TextIO, prefix: str = "") -> None:
    if fmt == "json":
        print(problems_json(problems), file=out)
    elif fmt == "github":
        for problem in problems:
            print(github_annotation(replace(problem, path=prefix + problem.path)), file=out)
        if len(problems) > GITHUB_SHOWN:
            print(github_notice(more_than_shown(len(problems), GITHUB_SHOWN)), file=out)
    else:
        for problem in problems:
            print(problem.text(), file=out)


def _print_config_error(error: ConfigError) -> int:
    for line in str(error).splitlines():
        print(f"okide: {line}", file=sys.stderr)
    return EXIT_USAGE


def _check_mkdocs_yml(root: Path) -> None:
    """The settings the build will use, when root has a mkdocs.yml: what would stop or fail
    the build (settings okide cannot use, colours below WCAG AA) is found here first."""
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        return
    problems = palette_problems(read_mkdocs_yml(config_file).extra)
    if problems:
        raise ConfigError("\n".join(f"{config_file.name}: {problem}" for problem in problems))


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    root = Path(args.root)
    if not root.is_dir():
        if root.exists():
            print(f"okide: {root} är ingen mapp; ange projektets rotmapp", file=sys.stderr)
        else:
            print(f"okide: mappen {root} finns inte", file=sys.stderr)
        return EXIT_USAGE
    try:
        _check_mkdocs_yml(root)
    except ConfigError as error:
        return _print_config_error(error)
    result = load_register(root, build_date())
    if isinstance(result, list):
        _print_problems(result, args.format, out, _repository_prefix(root))
        if args.format != "json":
            print(failure_summary(result), file=out if args.format == "text" else sys.stderr)
        return EXIT_INVALID
    if args.format == "json":
        print(problems_json([]), file=out)
    else:
        summary = success_summary(
            len(result.signatories), len(result.values), len(result.clauses),
            len(result.dialogues), len(result.followups), len(result.plans), len(result.actions),
        )  # fmt: skip
        print(summary, file=out if args.format == "text" else sys.stderr)
        _print_examples([entry.source for entry in result.examples()], args.format, out)
    return EXIT_OK


def _print_examples(sources: list[str], fmt: str, out: TextIO) -> None:
    """Example files are valid, and still not published: the editor is told which."""
    notice = examples_notice(sources)
    if notice is None:
        return
    if fmt == "github":
        print(github_notice(notice), file=out)
    else:
        print(f"okide: {notice}", file=out)


def cmd_due(args: argparse.Namespace, out: TextIO) -> int:
    root = Path(args.root)
    if not root.is_dir():
        print(f"okide: mappen {root} finns inte", file=sys.stderr)
        return EXIT_USAGE
    if not 0 <= args.within <= due.MAX_WITHIN:
        print(f"okide: --within {args.within}: ange ett antal dagar från 0 till {due.MAX_WITHIN}",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    result = load_register(root, build_date())
    if isinstance(result, list):
        shown = "github" if args.format == "github" else "text"
        _print_problems(result, shown, out if args.format != "markdown" else sys.stderr,
                        _repository_prefix(root))  # fmt: skip
        print(failure_summary(result), file=sys.stderr if args.format != "text" else out)
        return EXIT_INVALID
    register = result.published()
    found = due.reminders(register, build_date(), args.within)
    if args.format == "markdown":
        # Nothing printed when all are in: the workflow then closes the issue.
        out.write(due.issue_markdown(found, register.agreement.public_party))
        if found is None:
            print(f"okide: {due.text_lines(found)[0]}", file=sys.stderr)
    elif args.format == "github":
        lines = due.github_lines(found, _repository_prefix(root))
        lines = lines or [github_notice(due.text_lines(found)[0])]
        print("\n".join(lines), file=out)
    else:
        print("\n".join(due.text_lines(found)), file=out)
    return EXIT_DUE if found is not None and found.any else EXIT_OK


def _add_due_command(commands: Any) -> None:
    parser = commands.add_parser(
        "due",
        help="visa årliga uppföljningar som är försenade eller ska vara inne snart",
        description="Listar parternas årliga uppföljningar som är försenade och de som ska "
        f"vara inne inom ett antal dagar, enligt follow_up i {AGREEMENT.file} och "
        "dagens datum (SOURCE_DATE_EPOCH om den är satt).",
        epilog="Slutkod: 0 när ingen uppföljning är försenad eller ska vara inne inom "
        "--within dagar (eller när överenskommelsen inte väntar någon), 3 när någon är det, "
        "1 när datafilerna har fel (de skrivs ut som av validate), 2 vid felaktiga argument. "
        "Med --format markdown skrivs ingenting när alla är inne.",
    )
    parser.add_argument("--root", default=".", help="projektets rotmapp (standard: .)")
    parser.add_argument(
        "--within",
        type=int,
        default=due.DEFAULT_WITHIN,
        metavar="N",
        help=f"visa också de som ska vara inne inom N dagar (standard: {due.DEFAULT_WITHIN})",
    )
    parser.add_argument(
        "--format",
        choices=("text", "github", "markdown"),
        default="text",
        help="text (standard), github (annoteringar i ett arbetsflöde) eller markdown "
        "(texten till ett ärende på GitHub)",
    )
    parser.set_defaults(handler=cmd_due)


def cmd_render(args: argparse.Namespace, out: TextIO) -> int:
    root = Path(args.root)
    if not root.is_dir():
        print(f"okide: mappen {root} finns inte", file=sys.stderr)
        return EXIT_USAGE
    # With mkdocs.yml: the same data folder, site_url and edit links as the MkDocs build, and
    # the same check of the colours (an engine that ignores okide's hook would not make it).
    config = root / "mkdocs.yml"
    try:
        _check_mkdocs_yml(root)
        project = (
            project_from_mkdocs_yml(config) if config.is_file() else Project(root, SiteSettings())
        )
    except ConfigError as error:
        return _print_config_error(error)
    site = project.site
    if args.site_url is not None:
        site = replace(site, site_url=args.site_url)
    hand_written = hand_written_pages(project.docs_dir) if project.docs_dir else []
    moment = build_moment()
    result = generate(project.root, moment.date(), site, hand_written, built=moment)
    pages = {} if isinstance(result, list) else _filled_pages(project, result, site, root)
    if isinstance(result, list) or isinstance(pages, list):
        problems = result if isinstance(result, list) else pages
        _print_problems(problems, "text", out)
        print(failure_summary(problems) + "; inget skrevs", file=out)
        return EXIT_INVALID
    try:
        static = static_files(project.docs_dir, hand_written) if project.docs_dir else {}
        written = write_tree(result, Path(args.out_dir), pages, static)
        if args.config is not None:
            _write_engine_config(config if config.is_file() else None, args, result)
    except OSError as error:
        return _cannot_write(error)
    print(f"{len(written)} filer skrivna till {args.out_dir}", file=out)
    if args.config is not None:
        print(f"inställningar för en annan motor skrivna till {args.config}", file=out)
    return EXIT_OK


def _write_engine_config(config: Path | None, args: argparse.Namespace, result: Generated) -> None:
    """mkdocs.yml for an engine that does not run okide's hook (okide/engine_config.py)."""
    from okide.engine_config import engine_config

    target = Path(args.config)
    text = engine_config(config, Path(args.out_dir), target, result, stamp_sv(build_moment()))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def _filled_pages(
    project: Project, result: Generated, site: SiteSettings, base: Path
) -> dict[str, str] | list[Problem]:
    """The hand-written pages as the MkDocs build fills them in, or their problems (named by
    their path from base, the folder of mkdocs.yml, as the hook names them)."""
    if project.docs_dir is None or not project.docs_dir.is_dir():
        return {}
    shown = os.path.relpath(project.docs_dir, base.resolve())
    page_facts = facts(result.register.agreement, site)
    return fill_pages(project.docs_dir, page_facts, Path(shown).as_posix())


def _cannot_write(error: OSError) -> int:
    where = f" {error.filename}" if error.filename else ""
    print(
        f"okide: kan inte skriva{where} ({error.strerror or error.__class__.__name__})"
        " – kontrollera mappen och rättigheterna",
        file=sys.stderr,
    )
    return EXIT_USAGE


def _option(label: str, parse: Callable[[str], T], text: str | None) -> T | None:
    """A date or time from the command line, read by the same rules as in the data files."""
    if text is None:
        return None
    try:
        return parse(text)
    except PydanticCustomError as error:
        hint = (error.context or {}).get("hint")
        message = f"{label}: {error.message()}" + (f" – {hint}" if hint else "")
        raise InvalidArgument(message) from None


def _new_draft(args: argparse.Namespace, root: Path) -> Draft:
    if args.kind == "signatory":
        signed = _option("--signed", parse_date, args.signed)
        return signatory_draft(root, args.name, args.form, signed, today=build_date())
    if args.kind == "dialogue":
        start = _option("--start", parse_datetime, args.start)
        end = _option("--end", parse_datetime, args.end)
        return dialogue_draft(root, args.name, start, end, today=build_date())
    if args.kind == "followup":
        year = _option("--year", parse_year, args.year)
        return followup_draft(root, args.name, year, today=build_date())
    if args.kind == "action":
        return action_draft(root, args.name, args.plan, today=build_date())
    return clause_draft(root, args.name, args.number)


def cmd_new(args: argparse.Namespace, out: TextIO) -> int:
    root = Path(args.root)
    if not any((root / AGREEMENT.folder / name).is_file() for name in AGREEMENT.file_names):
        print(
            f"okide: hittar inte {AGREEMENT.file} i mappen {root}; kör kommandot i"
            " projektets rotmapp eller ange den med --root",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        draft = _new_draft(args, root)
        if args.stdout:
            out.write(draft.text)
            return EXIT_OK
        write_draft(root, draft)
    except InvalidArgument as error:
        for line in str(error).splitlines():
            print(f"okide: {line}", file=sys.stderr)
        return EXIT_USAGE
    except AlreadyExists as error:
        print(f"okide: {error}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:
        return _cannot_write(error)
    print(f"Skapade {draft.relative}.", file=out)
    if draft.to_fill:
        print("Fyll i innan du föreslår ändringen:", file=out)
        for problem in draft.to_fill:
            print(f"  rad {problem.line}: {problem.key}", file=out)
    if args.kind == "dialogue" and args.start is None:
        name = Path(draft.relative).name
        print(f"Utan --start har filnamnet inget datum; byt namn till ÅÅÅÅ-MM-DD-{name}", file=out)
    print("Kontrollera sedan med: python -m okide validate", file=out)
    return EXIT_OK


def cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    root = Path(args.root)
    if args.check:
        stale = stale_schemas(root)
        for path in stale:
            print(f"{path}: stämmer inte med modellerna; kör python -m okide schema", file=out)
        return EXIT_INVALID if stale else EXIT_OK
    written = write_schemas(root)
    for path in written:
        print(f"Skrev {path.relative_to(root).as_posix()}", file=out)
    if not written:
        print(f"{SCHEMA_DIR}/ är redan aktuella", file=out)
    return EXIT_OK


def cmd_init(args: argparse.Namespace, out: TextIO) -> int:
    target = Path(args.dir)
    try:
        adopted = _option("--adopted", parse_date, args.adopted)
    except InvalidArgument as error:
        print(f"okide: {error}", file=sys.stderr)
        return EXIT_USAGE
    options = SiteOptions(
        public_party=args.public_party,
        site_url=args.site_url,
        repo_url=args.repo_url,
        short_name=args.short_name,
        title=args.title or "",
        adopted=adopted,
        email=args.email,
        primary=args.primary,
        primary_dark=args.primary_dark,
        accent=args.accent,
        okide_requirement=args.okide or DEFAULT_SOURCE,
    )
    try:
        written = write_site(target, options, build_date())
    except InitError as error:
        print(f"okide: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        return _cannot_write(error)
    print(f"Skrev en ny webbplats för {options.public_party} i {target} ({len(written)} filer).",
          file=out)  # fmt: skip
    print("Nästa steg: cd dit, kör make build och make serve, och läs README.md.", file=out)
    return EXIT_OK


def cmd_upgrade_check(args: argparse.Namespace, out: TextIO) -> int:
    problems = upgrade_problems(Path(args.root))
    _print_problems(problems, "text", out)
    if not problems:
        print("Inget i webbplatsen har en äldre form.", file=out)
    return EXIT_INVALID if problems else EXIT_OK


def _add_init_commands(commands: Any) -> None:
    init = commands.add_parser(
        "init",
        help="skapa en ny webbplats för en kommun eller region",
        description="Skriver en komplett ny webbplats i en ny eller tom mapp: inställningar, "
        "sidor, arbetsflöden, redaktörsguide och ett exempel av varje slag av datafil "
        "(publiceras aldrig). Ingenting skrivs över.",
    )
    init.add_argument("dir", metavar="MAPP", help="en ny eller tom mapp")
    init.add_argument("--public-party", required=True, help="t.ex. Region Västerbotten")
    init.add_argument("--site-url", required=True, help="adressen webbplatsen publiceras på")
    init.add_argument("--repo-url", required=True, help="repositoriet på GitHub")
    init.add_argument("--short-name", default="ÖK Idé", help="överenskommelsens kortnamn")
    init.add_argument("--title", help="överenskommelsens fullständiga titel")
    init.add_argument("--adopted", help="dag då överenskommelsen antogs, ÅÅÅÅ-MM-DD")
    init.add_argument("--email", default="kontakt@example.org", help="funktionell e-post")
    for key, default in DEFAULT_COLORS.items():
        init.add_argument(f"--{key.replace('_', '-')}", default=default, help=f"färg ({default})")
    init.add_argument("--okide", help="hur okide installeras (standard: den här versionen)")
    init.set_defaults(handler=cmd_init)
    upgrade = commands.add_parser(
        "upgrade-check",
        help="visa filer i webbplatsen som har en äldre form än okide väntar sig",
    )
    upgrade.add_argument("root", nargs="?", default=".", help="projektets rotmapp (standard: .)")
    upgrade.set_defaults(handler=cmd_upgrade_check)


def _add_new_commands(commands: Any) -> None:
    new = commands.add_parser(
        "new",
        help="skapa en ny datafil med alla fält ifyllda eller förklarade",
        description="Skriver en ny datafil med alla fält ifyllda eller förklarade. Filer som "
        "redan finns skrivs aldrig över.",
    )
    kinds = new.add_subparsers(dest="kind", required=True, metavar="SLAG")
    signatory = kinds.add_parser(
        "signatory", help=f"en ny part: {by_kind('signatory').folder}/<namn>.yml"
    )
    signatory.add_argument("name", metavar="NAMN", help="organisationens namn")
    signatory.add_argument(
        "--form", metavar="FORM", help="organisationsform, en av: " + ", ".join(FORMS)
    )
    signatory.add_argument(
        "--signed", help="dag för underskriften, ÅÅÅÅ-MM-DD (utan den fyller du i raden själv)"
    )
    dialogue = kinds.add_parser(
        "dialogue", help=f"en ny stordialog: {by_kind('dialogue').folder}/<startdag>-<rubrik>.yml"
    )
    dialogue.add_argument("name", metavar="RUBRIK", help="stordialogens rubrik")
    dialogue.add_argument("--start", help="start i svensk tid, ÅÅÅÅ-MM-DDTHH:MM")
    dialogue.add_argument("--end", help="slut i svensk tid, ÅÅÅÅ-MM-DDTHH:MM")
    clause = kinds.add_parser(
        "clause", help=f"en ny punkt i överenskommelsen: {by_kind('clause').folder}/<rubrik>.yml"
    )
    clause.add_argument("name", metavar="RUBRIK", help="punktens rubrik")
    clause.add_argument("--number", required=True, help="punktens nummer, t.ex. 7.6")
    followup = kinds.add_parser(
        "followup",
        help=f"en parts årliga uppföljning: {by_kind('followup').folder}/<år>-<part>.yml",
    )
    followup.add_argument("name", metavar="PART", help="partens id: filnamnet i signatories/")
    followup.add_argument("--year", help="året som följs upp, t.ex. 2025 (standard: förra året)")
    action = kinds.add_parser(
        "action", help=f"en ny insats i samverkansplanen: {by_kind('action').folder}/<titel>.yml"
    )
    action.add_argument("name", metavar="TITEL", help="insatsens namn")
    action.add_argument(
        "--plan", help="planens id: filnamnet i plans/ (standard: planen som gäller i år)"
    )
    for parser in (signatory, dialogue, clause, followup, action):
        parser.add_argument("--root", default=".", help="projektets rotmapp (standard: .)")
        parser.add_argument(
            "--stdout",
            action="store_true",
            help="skriv mallen till skärmen i stället för till filen",
        )
        parser.set_defaults(handler=cmd_new)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m okide",
        description="Bygger och kontrollerar webbplatsen för en lokal överenskommelse (ÖK Idé).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    validate = commands.add_parser("validate", help="kontrollera alla datafiler")
    validate.add_argument("root", nargs="?", default=".", help="projektets rotmapp (standard: .)")
    validate.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default="text",
        help="text (standard), github (annoteringar i pull requests) eller json",
    )
    validate.set_defaults(handler=cmd_validate)

    render = commands.add_parser(
        "render", help="skriv de genererade sidorna (Markdown) och exporterna till en mapp"
    )
    render.add_argument("out_dir", metavar="OUT_DIR", help="mappen som sidorna skrivs till")
    render.add_argument("--root", default=".", help="projektets rotmapp (standard: .)")
    render.add_argument(
        "--site-url", default=None, help="webbplatsens adress (standard: site_url i mkdocs.yml)"
    )
    render.add_argument(
        "--config",
        default=None,
        metavar="FIL",
        help="skriv också inställningar (som mkdocs.yml) för en motor som inte kör okides "
        "tillägg till MkDocs, t.ex. Zensical: sidorna i OUT_DIR, okides tema, namn och meny",
    )
    render.set_defaults(handler=cmd_render)

    _add_new_commands(commands)
    _add_init_commands(commands)
    _add_due_command(commands)

    schema = commands.add_parser("schema", help="skriv JSON-scheman för redigering till schemas/")
    schema.add_argument("--root", default=".", help="projektets rotmapp (standard: .)")
    schema.add_argument(
        "--check", action="store_true", help="skriv inget; avsluta med 1 om schemana är inaktuella"
    )
    schema.set_defaults(handler=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args, out or sys.stdout))
    except InvalidBuildDate as error:
        print(f"okide: {error}", file=sys.stderr)
        return EXIT_USAGE

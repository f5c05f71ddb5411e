"""The whole generation in one call: data folder → pages and exports, or the problems.

Engine-independent: the MkDocs hook and `python -m okide render` both call `generate`.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from okide.addresses import SiteSettings
from okide.datafiles import read_file
from okide.exports import render_exports
from okide.load import load_register
from okide.models import Register
from okide.pages import Page, render_pages
from okide.problems import Problem, sort_problems
from okide.sections import entry_of, places
from okide.yamlstrict import decode_utf8, parse_text

# Example files named in the build's notice before the rest are only counted.
NAMED_EXAMPLES = 5


@dataclass(frozen=True)
class Generated:
    register: Register
    pages: list[Page]
    exports: dict[str, bytes]
    # The data files marked `example: true`, and whether they were shown (a preview) or left
    # out (the published site).
    examples: tuple[str, ...] = ()
    examples_shown: bool = False


def generate(
    root: Path,
    today: date,
    site: SiteSettings,
    hand_written: Collection[str] = (),
    examples: bool = False,
    built: datetime | None = None,
) -> Generated | list[Problem]:
    """Load and validate everything under root; render only if all of it is valid, and hand
    it over only if nothing generated takes the place of anything else (hand_written: the
    paths of the engine's own pages, e.g. `anslut.md` in docs_dir). The examples are rendered
    only for a preview (examples=True); the published site is made without them. built is the
    build's instant, for the exports: when the JSON files were made, which dialogues have been
    held, the calendars' DTSTAMP and the cap on the feed's dates (without it, the start of
    today)."""
    loaded = load_register(root, today)
    if isinstance(loaded, list):
        return loaded
    if loaded.agreement.example and not examples:
        return [_example_agreement(root, loaded.agreement.source)]
    register = loaded if examples else loaded.published()
    pages = render_pages(register, today, site)
    generated = Generated(
        register,
        pages,
        render_exports(register, site, today, built),
        tuple(entry.source for entry in loaded.examples()),
        examples,
    )
    return collisions(generated, hand_written) or generated


def _example_agreement(root: Path, source: str) -> Problem:
    """The agreement is still the example `okide init` wrote: there is nothing to publish."""
    line, column = 1, 1
    raw = read_file(root, source)
    if isinstance(raw, bytes):
        _, positions = parse_text(decode_utf8(raw))
        line, column = positions.of_key(("example",))
    return Problem(
        source, line, column, "example",
        "överenskommelsen är ett exempel, så webbplatsen publiceras inte",
        "fyll i överenskommelsens riktiga uppgifter och ta bort raden example: true;"
        " make serve visar webbplatsen med exemplen under tiden",
    )  # fmt: skip


def examples_notice(sources: Sequence[str], shown: bool = False) -> str | None:
    """One line about the example files, if there are any: `1 exempel publiceras inte
    (dialogues/x.yml)`, or, in a preview (shown), that they are shown, marked."""
    count = len(sources)
    if not count:
        return None
    named = ", ".join(sources[:NAMED_EXAMPLES])
    if count > NAMED_EXAMPLES:
        named += f" och {count - NAMED_EXAMPLES} till"
    if shown:
        return (
            f"{count} exempel visas, märkta som exempel ({named}): en förhandsgranskning,"
            " som inte ska publiceras"
        )
    return f"{count} exempel publiceras inte ({named})"


def hand_written_pages(docs_dir: Path) -> list[str]:
    """Every file under docs_dir, as a path relative to it (`parter/om.md`)."""
    found = []
    for folder, _, names in os.walk(docs_dir):
        relative = Path(folder).relative_to(docs_dir)
        found.extend((relative / name).as_posix() for name in names)
    return sorted(found)


def _source(register: Register, path: str) -> str | None:
    """The data file a generated path was made from, if it was made from one entry."""
    found = entry_of(path)
    if found is None:
        return None
    section, entry_id = found
    entry = getattr(register, section).get(entry_id)
    return entry.source if entry is not None else None


def _named(path: str, hand_written: bool) -> str:
    kind = "sidan" if path.endswith(".md") else "filen"
    return f"den handskrivna {kind} {path}" if hand_written else f"den genererade {kind} {path}"


def collisions(generated: Generated, hand_written: Collection[str] = ()) -> list[Problem]:
    """Outputs published where another output or a hand-written page is: MkDocs would keep
    one of them without a word. The loader refuses the ids that would do it (sections.py); this
    is the check of what was really made."""
    taken = {place: _named(path, True) for path in hand_written for place in places(path)}
    problems = []
    for path in [*(page.path for page in generated.pages), *generated.exports]:
        clash = next((taken[place] for place in sorted(places(path)) if place in taken), None)
        if clash is not None:
            source = _source(generated.register, path)
            message = f"{path} skulle publiceras på samma plats som {clash}"
            hint = "byt namn på datafilen" if source else "byt namn på den ena av dem"
            problems.append(Problem(source or path, 1, 1, "", message, hint))
        taken.update({place: _named(path, False) for place in places(path)})
    return sort_problems(problems)


# What the last `render` wrote, so that the next one can remove what is no longer generated
# (a dialogue renamed, say) without touching files that others put in the same folder.
MANIFEST = ".okide-render"


def _outputs(generated: Generated) -> dict[str, bytes]:
    files = {page.path: page.markdown.encode("utf-8") for page in generated.pages}
    return files | generated.exports


def static_files(docs_dir: Path, hand_written: Collection[str]) -> dict[str, Path]:
    """The files of docs_dir that MkDocs copies as they are (images, documents, a site's own
    stylesheet), by their path in it: not Markdown, not hidden (`.*`, as MkDocs' exclude_docs),
    not under `templates/`, and not a symbolic link (it could point outside the site)."""
    found = {}
    for path in hand_written:
        parts = path.split("/")
        if path.endswith(".md") or parts[0] == "templates" or any(p[:1] == "." for p in parts):
            continue
        source = docs_dir / path
        if source.is_symlink() or not source.is_file():
            continue
        found[path] = source
    return found


def write_tree(
    generated: Generated,
    out: Path,
    hand_written: Mapping[str, str] | None = None,
    static: Mapping[str, Path] | None = None,
) -> list[Path]:
    """Write the Markdown pages and the exports under out (for engines other than MkDocs), with
    the hand-written pages as filled in (okide.handwritten) and a copy of the other files of
    docs/ (static), and remove the files an earlier render wrote that are no longer there."""
    manifest = out / MANIFEST
    earlier = set(manifest.read_text("utf-8").splitlines()) if manifest.is_file() else set()
    copied = {path: source.read_bytes() for path, source in (static or {}).items()}
    pages = {path: text.encode("utf-8") for path, text in (hand_written or {}).items()}
    outputs = copied | pages | _outputs(generated)
    written = []
    for path, content in outputs.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    for stale in sorted(earlier - outputs.keys()):
        (out / stale).unlink(missing_ok=True)
    manifest.write_text("".join(f"{path}\n" for path in sorted(outputs)), encoding="utf-8")
    return written

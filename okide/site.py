"""The whole generation in one call: data folder → pages and exports, or the problems.

Engine-independent: the MkDocs hook and `python -m okide render` both call `generate`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from okide.exports import render_exports
from okide.load import load_register
from okide.models import Register
from okide.pages import Page, render_pages
from okide.problems import Problem
from okide.settings import SiteSettings


@dataclass(frozen=True)
class Generated:
    register: Register
    pages: list[Page]
    exports: dict[str, bytes]


def generate(root: Path, today: date, site: SiteSettings) -> Generated | list[Problem]:
    """Load and validate everything under root; render only if all of it is valid."""
    register = load_register(root, today)
    if isinstance(register, list):
        return register
    pages = render_pages(register, today, site)
    return Generated(register, pages, render_exports(register, site, today))


# What the last `render` wrote, so that the next one can remove what is no longer generated
# (a dialogue renamed, say) without touching files that others put in the same folder.
MANIFEST = ".okide-render"


def _outputs(generated: Generated) -> dict[str, bytes]:
    files = {page.path: page.markdown.encode("utf-8") for page in generated.pages}
    return files | generated.exports


def write_tree(generated: Generated, out: Path) -> list[Path]:
    """Write the Markdown pages and the exports under out (for engines other than MkDocs), and
    remove the files an earlier render wrote that are no longer generated."""
    manifest = out / MANIFEST
    earlier = set(manifest.read_text("utf-8").splitlines()) if manifest.is_file() else set()
    outputs = _outputs(generated)
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

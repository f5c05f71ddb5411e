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


def write_tree(generated: Generated, out: Path) -> list[Path]:
    """Write the Markdown pages and the exports under out (for engines other than MkDocs)."""
    written = []
    for page in generated.pages:
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
        written.append(target)
    for path, content in generated.exports.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    return written

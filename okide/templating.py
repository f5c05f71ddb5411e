"""Every Jinja environment okide renders with is built here, a new one for each build.

Nothing is kept between builds: a build compiles the templates it uses (about 65 ms for the
pages), and `mkdocs serve` sees an edited template on its next rebuild. The caller adds its own
filters to the environment it gets.

All of them stop at a name they do not know (StrictUndefined). Markdown and YAML are written
with autoescape off, because each template escapes every value with the filter for its place
(`md`, `url`, `yaml`); XML is escaped throughout.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from okide.templates import TEMPLATES

# What every environment shares: an unknown name stops the render, and a block tag
# (`{% if %}`) takes no line of its own in the output.
_SHARED: dict[str, Any] = {"undefined": StrictUndefined, "trim_blocks": True, "lstrip_blocks": True}


def environment(
    *,
    folder: Path | None = None,
    autoescape: bool = False,
    finalize: Callable[[Any], Any] | None = None,
    keep_trailing_newline: bool = True,
) -> Environment:
    """okide's own templates, from okide/templates/ unless another folder is given."""
    return Environment(
        loader=FileSystemLoader(folder or TEMPLATES),
        autoescape=autoescape,
        finalize=finalize,
        keep_trailing_newline=keep_trailing_newline,
        **_SHARED,
    )


def sandboxed_environment(finalize: Callable[[Any], Any]) -> SandboxedEnvironment:
    """For text an editor wrote (the placeholders in hand-written pages): Jinja's sandbox, and
    no loader, so a page can include or import nothing; finalize escapes every value printed."""
    return SandboxedEnvironment(
        autoescape=False, finalize=finalize, keep_trailing_newline=True, **_SHARED
    )

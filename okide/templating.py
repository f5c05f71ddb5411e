"""Every Jinja environment okide renders with is built here, a new one for each build.

Nothing is kept in the process between builds, so `mkdocs serve` sees an edited template on its
next rebuild. Compiled templates are kept on disk by Jinja's own bytecode cache, which checks
each template's source before it uses what it kept: compiling okide's templates costs about a
seventh of making the pages and exports (`make bench` shows both). The caller adds its own
filters to the environment it gets.

All of them stop at a name they do not know (StrictUndefined). Markdown and YAML are written
with autoescape off, because each template escapes every value with the filter for its place
(`md`, `url`, `yaml`); XML is escaped throughout.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from hashlib import sha256
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from jinja2.sandbox import SandboxedEnvironment

from okide.templates import TEMPLATES

# What every environment shares: an unknown name stops the render, and a block tag
# (`{% if %}`) takes no line of its own in the output.
_SHARED: dict[str, Any] = {"undefined": StrictUndefined, "trim_blocks": True, "lstrip_blocks": True}


# Set to False (the bench does) to compile every template in every build.
USE_BYTECODE_CACHE = True


class _BytecodeCache(FileSystemBytecodeCache):
    """Jinja's cache in the user's own temporary folder; a cache that cannot be written costs
    a compile in the next build, never the build."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache(*options: object) -> FileSystemBytecodeCache | None:
    """A cache of its own for each set of options: Jinja keys the compiled code by the
    template's name and source only, and the same file compiles differently with other
    options. None where Jinja finds no safe folder of the user's own."""
    if not USE_BYTECODE_CACHE:
        return None
    key = sha256(repr(options).encode("utf-8")).hexdigest()[:16]
    try:
        return _BytecodeCache(pattern=f"okide-{key}-%s.cache")
    except (OSError, RuntimeError):
        return None


def environment(
    *,
    folder: Path | None = None,
    autoescape: bool = False,
    finalize: Callable[[Any], Any] | None = None,
    keep_trailing_newline: bool = True,
) -> Environment:
    """okide's own templates, from okide/templates/ unless another folder is given."""
    loader_folder = folder or TEMPLATES
    finalized = f"{finalize.__module__}.{finalize.__qualname__}" if finalize else None
    return Environment(
        loader=FileSystemLoader(loader_folder),
        autoescape=autoescape,
        finalize=finalize,
        keep_trailing_newline=keep_trailing_newline,
        bytecode_cache=_bytecode_cache(
            str(loader_folder), autoescape, finalized, keep_trailing_newline, sorted(_SHARED)
        ),
        **_SHARED,
    )


def sandboxed_environment(finalize: Callable[[Any], Any]) -> SandboxedEnvironment:
    """For text an editor wrote (the placeholders in hand-written pages): Jinja's sandbox, and
    no loader, so a page can include or import nothing; finalize escapes every value printed."""
    return SandboxedEnvironment(
        autoescape=False, finalize=finalize, keep_trailing_newline=True, **_SHARED
    )

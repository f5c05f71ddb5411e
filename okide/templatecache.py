"""Compiled templates kept between builds, so a build does not compile them again.

Compiling okide's templates takes about 60 ms of every build (measured at 1,000 parties: a
tenth of what okide adds to MkDocs); loading them compiled takes a few. The cache lives in the
user's cache folder, never in the repository, and only speeds things up: Jinja checks each
template's source checksum and its own and Python's version before it uses a compiled one, the
folder name holds the options that change compiled code, and a folder that cannot be created
or written means no cache, not a failed build. The output is the same with or without it.

`OKIDE_CACHE_DIR` chooses the folder; set to an empty string it turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

import jinja2
from jinja2 import Environment
from jinja2.bccache import Bucket, FileSystemBytecodeCache


class _QuietCache(FileSystemBytecodeCache):
    """A cache that never fails a build: a read or write it cannot do is skipped."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged or foreign file: compile again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def cache_folder(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where compiled templates are kept, or None when the cache is turned off."""
    env = os.environ if environ is None else environ
    chosen = env.get("OKIDE_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "okide" / "templates"


def _compile_signature(env: Environment) -> str:
    """What, besides a template's source, decides its compiled code."""
    syntax = (env.block_start_string, env.block_end_string, env.variable_start_string,
              env.variable_end_string, env.comment_start_string, env.comment_end_string,
              env.line_statement_prefix, env.line_comment_prefix)  # fmt: skip
    flags = (env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline, env.newline_sequence,
             env.optimized, env.finalize is not None, callable(env.autoescape) or env.autoescape,
             sorted(env.extensions))  # fmt: skip
    return repr((jinja2.__version__, syntax, flags))


def use_template_cache(env: Environment, environ: Mapping[str, str] | None = None) -> Environment:
    """Give the environment a bytecode cache, if one can be made; returns the environment."""
    base = cache_folder(environ)
    if base is None:
        return env
    key = hashlib.sha256(_compile_signature(env).encode()).hexdigest()[:16]
    folder = base / key
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env
    if os.access(folder, os.W_OK | os.X_OK):
        env.bytecode_cache = _QuietCache(str(folder))
    return env

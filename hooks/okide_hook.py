"""MkDocs glue: load and validate the data, add the generated pages and exports as virtual files.

All logic lives in the okide package; nothing is kept between builds, so `mkdocs serve` reloads
the data on every rebuild. (This file is not named okide.py: MkDocs puts this folder first on
sys.path while it runs a hook, and a hooks/okide.py would then shadow the okide package.)
"""

from __future__ import annotations

import logging
import os
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel

from okide.clock import InvalidBuildDate, build_moment
from okide.palette import palette_problems
from okide.problems import failure_summary
from okide.settings import data_folders, data_root, okide_problems, site_settings
from okide.site import Generated, generate, hand_written_pages
from okide.swedish import stamp_sv
from okide.theme import trim_template_whitespace

if TYPE_CHECKING:  # not imported by a build: the live-reload server alone costs 15 ms
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.okide")
# The attribute of one build's config that carries the generated site from on_pre_build to
# on_files: a new config, and so a new attribute, for every build and `mkdocs serve` rebuild.
_GENERATED = "_okide_generated"
# The key of config.extra that tells the theme when this build ran (the footer of every page).
BUILT = "okide_built"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Settings okide cannot use and a build date that is not one stop the build here, before
    MkDocs reads SOURCE_DATE_EPOCH itself; colours that fail WCAG AA are warnings, so
    `mkdocs build --strict` refuses them."""
    problems = [f"okide: mkdocs.yml: {problem}" for problem in okide_problems(config.extra)]
    if problems:
        raise Abort("\n".join(problems))
    _today()
    for problem in palette_problems(config.extra):
        log.warning(problem)
    return config


def _today() -> date:
    return _moment().date()


def _moment() -> datetime:
    try:
        return build_moment()
    except InvalidBuildDate as error:
        raise Abort(f"okide: {error}") from None


def on_pre_build(config: MkDocsConfig) -> None:
    """Load, validate and generate before MkDocs empties site_dir (it does so right after this
    event): when the data is invalid the build stops here and the last good site stays as it
    was. The result is kept on this build's config, for on_files, and on nothing else; the
    build's instant goes to config.extra, for the footer: one instant for the whole build."""
    moment = _moment()
    config.extra[BUILT] = stamp_sv(moment)
    root = data_root(config.config_file_path, config.extra)
    docs_dir = Path(config.docs_dir)
    settings = site_settings(config.site_url, config.repo_url, config.edit_uri, root, docs_dir)
    result = generate(root, moment.date(), settings, hand_written_pages(docs_dir))
    if isinstance(result, list):
        lines = [problem.text() for problem in result]
        raise Abort("\n".join([*lines, f"okide: {failure_summary(result)}; inget publiceras"]))
    setattr(config, _GENERATED, result)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add what on_pre_build generated for this build as virtual files."""
    result: Generated = vars(config).pop(_GENERATED)  # a KeyError here is a bug: see on_pre_build
    root = data_root(config.config_file_path, config.extra)
    data_from_docs = Path(os.path.relpath(root, config.docs_dir))  # once, not per page
    for page in result.pages:
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.path, content=page.markdown, inclusion=inclusion)
        file.edit_uri = (data_from_docs / page.source).as_posix() if page.source else None
        files.append(file)
    for path, content in result.exports.items():
        files.append(File.generated(config, path, content=content))
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Less whitespace in every page the theme writes, the same text."""
    return trim_template_whitespace(env)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    """`mkdocs serve` rebuilds when a data file changes, wherever extra.okide.data_dir points."""
    for folder in data_folders(data_root(config.config_file_path, config.extra)):
        server.watch(str(folder))
    return server

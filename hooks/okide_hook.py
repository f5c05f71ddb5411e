"""MkDocs glue: load and validate the data, add the generated pages and exports as virtual files.

All logic lives in the okide package; nothing is kept between builds, so `mkdocs serve` reloads
the data on every rebuild. (This file is not named okide.py: MkDocs puts this folder first on
sys.path while it runs a hook, and a hooks/okide.py would then shadow the okide package.)
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel

from okide.clock import InvalidBuildDate, build_date
from okide.handwritten import facts, fill_pages
from okide.identity import read_agreement, site_description, site_name
from okide.palette import palette_problems
from okide.problems import Problem, failure_summary
from okide.settings import data_folders, data_root, okide_problems, site_settings
from okide.site import Generated, generate, hand_written_pages
from okide.theme import trim_template_whitespace

if TYPE_CHECKING:  # not imported by a build: the live-reload server alone costs 15 ms
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.okide")
# The attribute of one build's config that carries the generated site from on_pre_build to
# on_files: a new config, and so a new attribute, for every build and `mkdocs serve` rebuild.
_GENERATED = "_okide_generated"
# The hand-written pages with their placeholders filled in, by path in docs_dir, for this build.
_HAND_WRITTEN = "_okide_hand_written"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Settings okide cannot use and a build date that is not one stop the build here, before
    MkDocs reads SOURCE_DATE_EPOCH itself; colours that fail WCAG AA are warnings, so
    `mkdocs build --strict` refuses them."""
    problems = [f"okide: mkdocs.yml: {problem}" for problem in okide_problems(config.extra)]
    if problems:
        raise Abort("\n".join(problems))
    today = _today()
    for problem in palette_problems(config.extra):
        log.warning(problem)
    if "public_body" in (config.extra.get("okide") or {}):
        log.info("okide: extra.okide.public_body läses inte – namnet tas från agreement.yml")
    _name_the_site(config, today)
    return config


def _name_the_site(config: MkDocsConfig, today: date) -> None:
    """The site's name and description from agreement/agreement.yml (mkdocs.yml's are
    placeholders); when that file is invalid they stay, and on_pre_build reports it."""
    agreement = read_agreement(data_root(config.config_file_path, config.extra), today)
    if agreement is not None:
        config.site_name = site_name(agreement)
        config.site_description = site_description(agreement)


def _today() -> date:
    try:
        return build_date()
    except InvalidBuildDate as error:
        raise Abort(f"okide: {error}") from None


def on_pre_build(config: MkDocsConfig) -> None:
    """Load, validate and generate before MkDocs empties site_dir (it does so right after this
    event): when the data is invalid the build stops here and the last good site stays as it
    was. The result is kept on this build's config, for on_files, and on nothing else."""
    root = data_root(config.config_file_path, config.extra)
    docs_dir = Path(config.docs_dir)
    settings = site_settings(config.site_url, config.repo_url, config.edit_uri, root, docs_dir)
    result = generate(root, _today(), settings, hand_written_pages(docs_dir))
    if isinstance(result, list):
        _abort(result)
    shown = os.path.relpath(docs_dir, Path(config.config_file_path).parent)
    page_facts = facts(result.register.agreement, settings)
    pages = fill_pages(docs_dir, page_facts, Path(shown).as_posix())
    if isinstance(pages, list):
        _abort(pages)
    setattr(config, _GENERATED, result)
    setattr(config, _HAND_WRITTEN, pages)


def _abort(problems: list[Problem]) -> NoReturn:
    lines = [problem.text() for problem in problems]
    raise Abort("\n".join([*lines, f"okide: {failure_summary(problems)}; inget publiceras"]))


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


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """A hand-written page as on_pre_build filled it in (the same text `okide render` writes);
    generated pages are read as they are."""
    if page.file.generated_by:
        return None
    return vars(config).get(_HAND_WRITTEN, {}).get(page.file.src_uri)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Less whitespace in every page the theme writes, the same text."""
    return trim_template_whitespace(env)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    """`mkdocs serve` rebuilds when a data file changes, wherever extra.okide.data_dir points."""
    for folder in data_folders(data_root(config.config_file_path, config.extra)):
        server.watch(str(folder))
    return server

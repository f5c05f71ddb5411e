"""MkDocs glue: okide's theme overrides and assets, then the data loaded and validated and the
generated pages and exports added as virtual files.

A site's hooks/okide_hook.py imports these events from the installed package, so the theme and
the glue come with the version of okide the site pins. With okide.mkdocs_config, the only
modules that import MkDocs.
Nothing is kept between builds, so `mkdocs serve` reloads the data on every rebuild.
"""

from __future__ import annotations

import gc
import logging
import os
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel

from okide.clock import InvalidBuildDate, build_moment
from okide.handwritten import facts, fill_pages
from okide.identity import read_agreement, site_description, site_name
from okide.mkdocs_config import addresses, data_folders, data_root, nav_with, okide_problems
from okide.palette import palette_problems
from okide.problems import Problem, failure_summary
from okide.search import SearchIndexError
from okide.search import index as search_index
from okide.site import Generated, examples_notice, generate, hand_written_pages
from okide.swedish import stamp_sv
from okide.theme import BUILT, OVERRIDES, SCRIPTS, STYLESHEETS, trim_template_whitespace

if TYPE_CHECKING:  # not imported by a build: the live-reload server alone costs 15 ms
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

# The events a site's hooks/okide_hook.py takes with `import *`: a new okide may add one.
__all__ = [
    "on_build_error", "on_config", "on_env", "on_files", "on_page_read_source",
    "on_post_build", "on_pre_build", "on_serve",
]  # fmt: skip
log = logging.getLogger("mkdocs.plugins.okide")
# The attribute of one build's config that carries the generated site from on_pre_build to
# on_files: a new config, and so a new attribute, for every build and `mkdocs serve` rebuild.
_GENERATED = "_okide_generated"
# `OKIDE_EXAMPLES=1` (set by `make serve`) shows the entries marked `example: true`.
EXAMPLES_VARIABLE = "OKIDE_EXAMPLES"
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
    _examples_shown()
    for problem in palette_problems(config.extra):
        log.warning(problem)
    if "public_body" in (config.extra.get("okide") or {}):
        log.info("okide: extra.okide.public_body läses inte – namnet tas från agreement.yml")
    _name_the_site(config, today)
    use_okide_theme(config)
    return config


def _name_the_site(config: MkDocsConfig, today: date) -> None:
    """The site's name and description from agreement/agreement.yml (mkdocs.yml's are
    placeholders); when that file is invalid they stay, and on_pre_build reports it."""
    agreement = read_agreement(data_root(config.config_file_path, config.extra), today)
    if agreement is not None:
        config.site_name = site_name(agreement)
        config.site_description = site_description(agreement)


def use_okide_theme(config: MkDocsConfig) -> None:
    """okide's overrides of the theme, with its scripts and stylesheet (okide/overrides/): after
    the site's own custom_dir, if it has one, so that a site can still override a template; the
    theme copies the scripts and the stylesheet into the site like any theme file."""
    dirs = config.theme.dirs
    if OVERRIDES not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, OVERRIDES)
    for stylesheet in STYLESHEETS:
        if stylesheet not in config.extra_css:
            config.extra_css.append(stylesheet)
    scripts = [str(script) for script in config.extra_javascript]
    for script in SCRIPTS:
        if script not in scripts:
            config.extra_javascript.append(script)


def _today() -> date:
    return _moment().date()


def _moment() -> datetime:
    try:
        return build_moment()
    except InvalidBuildDate as error:
        raise Abort(f"okide: {error}") from None


def _examples_shown() -> bool:
    """Whether this build is a preview that shows the examples; a value that is neither on
    nor off stops the build rather than guess."""
    value = os.environ.get(EXAMPLES_VARIABLE, "")
    if value not in ("", "0", "1"):
        raise Abort(
            f"okide: {EXAMPLES_VARIABLE}={value!r} går inte att läsa – skriv"
            f" {EXAMPLES_VARIABLE}=1 för att visa exemplen, annars ta bort variabeln"
        )
    return value == "1"


def _log_examples(result: Generated) -> None:
    """A preview that shows examples is a warning, so that `mkdocs build --strict` never
    publishes one; left-out examples are only news."""
    notice = examples_notice(result.examples, result.examples_shown)
    if notice is None:
        return
    if result.examples_shown:
        log.warning(f"okide: {EXAMPLES_VARIABLE}=1: {notice}")
    else:
        log.info(f"okide: {notice}")


def on_pre_build(config: MkDocsConfig) -> None:
    """Load, validate and generate before MkDocs empties site_dir (it does so right after this
    event): when the data is invalid the build stops here and the last good site stays as it
    was. The result is kept on this build's config, for on_files, and on nothing else; the
    build's instant goes to config.extra, for the footer: one instant for the whole build."""
    # What is alive before okide starts (the modules MkDocs, the theme and okide brought, the
    # config) lives to the end of the build, and so does what on_files adds: moved out of the
    # collector's reach (gc.freeze), it is not walked again by every full collection while
    # okide validates and MkDocs makes the pages. At 1,000 parties the collector's time falls
    # from about 0.55 s to 0.35 s. The build's end gives it back (on_post_build,
    # on_build_error, which MkDocs also calls when this event stops the build), so `mkdocs
    # serve` keeps nothing from one build to the next.
    gc.freeze()
    moment = _moment()
    config.extra[BUILT] = stamp_sv(moment)
    root = data_root(config.config_file_path, config.extra)
    docs_dir = Path(config.docs_dir)
    settings = addresses(config, root)
    result = generate(
        root,
        moment.date(),
        settings,
        hand_written_pages(docs_dir),
        examples=_examples_shown(),
        built=moment,
    )
    if isinstance(result, list):
        _abort(result)
    _log_examples(result)
    shown = os.path.relpath(docs_dir, Path(config.config_file_path).parent)
    page_facts = facts(result.register.agreement, settings)
    pages = fill_pages(docs_dir, page_facts, Path(shown).as_posix())
    if isinstance(pages, list):
        _abort(pages)
    config.nav = nav_with(config.nav, result.pages)
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
        # The same link as the page's front matter (edit_url), which okide's actions partial
        # reads first: MkDocs' own page.edit_url stays right for any other template.
        file.edit_uri = (data_from_docs / page.source).as_posix() if page.source else None
        files.append(file)
    for path, content in result.exports.items():
        files.append(File.generated(config, path, content=content))
    # Everything alive now (the theme, the nav, the pages' Markdown) lives to the end of the
    # build: out of the collector's reach while MkDocs makes the pages (see on_pre_build).
    gc.freeze()
    return files


def on_post_build(config: MkDocsConfig) -> None:
    """What on_files froze may be collected again once it is garbage; then the search:
    pagefind's index and okide's word list, from the pages just written (okide.search), on
    every build and every `mkdocs serve` rebuild."""
    gc.unfreeze()
    try:
        indexed = search_index(Path(config.site_dir))
    except SearchIndexError as error:
        raise Abort(str(error)) from None
    log.info(f"okide: sökindex för {indexed.pages} sidor, ordlista med {indexed.words} ord")


def on_build_error(error: Exception) -> None:
    """A build that stops after on_files gives back what it froze as well."""
    gc.unfreeze()


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

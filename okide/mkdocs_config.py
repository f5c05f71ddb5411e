"""mkdocs.yml as MkDocs itself reads it (its loader, its defaults, its checks), for the commands
that run without a build: `validate` and `render` find the same data folder and addresses as the
hook does in a build, and refuse what the build would refuse, with the key named in Swedish.

MkDocs is imported only when a mkdocs.yml is read, so that `okide new` stays quick.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okide.addresses import SiteSettings, site_settings
from okide.sections import PAGES, data_tops

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from okide.pages import Page

OKIDE_KEYS = ("data_dir", "public_body", "colors")


class ConfigError(ValueError):
    """mkdocs.yml cannot be used as it is; the message (Swedish) names the file or the key."""


def _kind(value: Any) -> str:
    if value is None:
        return "tomt"
    if isinstance(value, bool):
        return "ja/nej"
    if isinstance(value, int | float):
        return "ett tal"
    if isinstance(value, str):
        return "text"
    return "en lista" if isinstance(value, list) else "något annat"


def _is_text(value: Any) -> bool:
    """Non-blank text without control characters (a NUL byte in a path stops the OS calls)."""
    return isinstance(value, str) and bool(value.strip()) and value.isprintable()


def okide_problems(extra: Any) -> list[str]:
    """What okide cannot use in `extra.okide` of mkdocs.yml, one Swedish line per key; checked
    before anything reads it, so that a wrong value names its key instead of a traceback."""
    if not isinstance(extra, Mapping):
        return [f"extra: ska vara nycklar med värden, inte {_kind(extra)}"]
    okide = extra.get("okide")
    if okide is None:
        return []
    if not isinstance(okide, Mapping):
        return [
            f"extra.okide: ska vara nycklar med värden ({', '.join(OKIDE_KEYS)}), inte "
            f"{_kind(okide)} – skriv dem indragna på raderna under 'okide:'"
        ]
    problems = [
        f"extra.okide.{key}: okänd nyckel – okide läser {', '.join(OKIDE_KEYS)}"
        for key in okide
        if key not in OKIDE_KEYS
    ]
    wanted = {
        "data_dir": "en mapp, räknad från mkdocs.yml, t.ex. data eller .",
        # Read by nothing since data format 1.1 (the name is public_party in agreement.yml);
        # still accepted, so that an older mkdocs.yml builds as before.
        "public_body": "den offentliga partens namn, t.ex. Uddevalla kommun",
    }
    for key, what in wanted.items():
        if key in okide and not _is_text(okide[key]):
            problems.append(f"extra.okide.{key}: ska vara text på en rad: {what}")
    colors = okide.get("colors")
    if colors is not None and not isinstance(colors, Mapping):
        problems.append(
            f"extra.okide.colors: ska vara nycklar med färger (primary, primary_dark, accent), "
            f"inte {_kind(colors)} – t.ex. 'primary: \"#00507a\"' på raden under"
        )
    return problems


def data_root(config_file: str | os.PathLike[str], extra: Mapping[str, Any]) -> Path:
    """The folder holding agreement/, signatories/ and dialogues/: beside mkdocs.yml unless
    `extra.okide.data_dir` says otherwise (relative to mkdocs.yml). `extra` has passed
    okide_problems."""
    base = Path(config_file).resolve().parent
    okide_extra = extra.get("okide") or {}
    return (base / str(okide_extra.get("data_dir", "."))).resolve()


def data_folders(root: Path) -> list[Path]:
    """The folders the data is read from that exist under root, for `mkdocs serve` to watch."""
    return [root / top for top in data_tops() if (root / top).is_dir()]


def addresses(config: MkDocsConfig, root: Path) -> SiteSettings:
    """The addresses of a site from its validated configuration: the hook's in a build and
    `render`'s, so that both write the same links (MkDocs has filled in edit_uri's default
    and the slash that ends site_url)."""
    docs_dir = Path(config.docs_dir)
    return site_settings(config.site_url, config.repo_url, config.edit_uri, root, docs_dir)


@dataclass(frozen=True)
class Project:
    """What generation needs from the engine's configuration: the data, the settings and the
    hand-written pages (None: there are none)."""

    root: Path
    site: SiteSettings
    docs_dir: Path | None = None


def _nav_paths(nav: Any) -> Iterator[str]:
    """Every page a part of mkdocs.yml's nav lists (`- Titel: sida.md`, `- sida.md`, sections)."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_paths(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_paths(value)


def nav_with(nav: list[Any] | None, pages: Iterable[Page]) -> list[Any] | None:
    """mkdocs.yml's nav with the generated pages it does not list that ask to be listed (a
    nav_title: the plan, the follow-up, on the sites that have them), after the dialogues.
    Without a nav MkDocs lists every page itself."""
    if nav is None:
        return None
    listed = set(_nav_paths(nav))
    added = [{page.nav_title: page.path} for page in pages
             if page.nav_title and page.path not in listed]  # fmt: skip
    after = [index for index, item in enumerate(nav) if PAGES["dialogues"] in _nav_paths(item)]
    at = after[0] + 1 if after else len(nav)
    return [*nav[:at], *added, *nav[at:]]


def _yaml_line(error: BaseException) -> str:
    """`:line` of the YAML error MkDocs wrapped (it keeps the original as the context)."""
    where = getattr(error.__context__, "problem_mark", None)
    return f":{where.line + 1}" if where is not None else ""


def read_mkdocs_yml(config_file: Path) -> MkDocsConfig:
    """mkdocs.yml loaded and checked by MkDocs, then okide's own keys checked; ConfigError
    (Swedish, MkDocs' own words quoted) when the build would refuse it."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    name = config_file.name
    config = MkDocsConfig(config_file_path=str(config_file))
    try:
        with config_file.open("rb") as stream:
            data: Any = yaml_load(stream, get_yaml_loader(config=config))
    except OSError as error:
        raise ConfigError(f"{name}: filen kan inte läsas ({error.__class__.__name__})") from None
    except (ConfigurationError, RecursionError) as error:
        raise ConfigError(
            f"{name}{_yaml_line(error)}: filen är inte giltig YAML för MkDocs – mkdocs build"
            " visar felet"
        ) from None
    except TypeError:  # MkDocs looks for INHERIT in whatever the file holds: a number, say
        data = None
    if not isinstance(data, dict):
        what = "ett enda värde" if data is None else _kind(data)
        raise ConfigError(f"{name}: ska bestå av nycklar med värden, inte {what}")
    config.load_dict(data)
    try:
        errors, _warnings = config.validate()
    except (ConfigurationError, RecursionError, ValueError, TypeError) as error:
        raise ConfigError(f"{name}: MkDocs kan inte läsa inställningarna ({error})") from None
    problems = [
        f"{key}: MkDocs godtar inte värdet: {error} – mkdocs build visar samma fel"
        for key, error in errors
    ]
    if not errors:
        problems += okide_problems(config.extra)
    if problems:
        raise ConfigError("\n".join(f"{name}: {problem}" for problem in problems))
    return config


def project_from_mkdocs_yml(config_file: Path) -> Project:
    """The same data root and addresses the MkDocs hook uses, without a build (for `render`)."""
    config = read_mkdocs_yml(config_file)
    root = data_root(config_file, config.extra)
    return Project(root, addresses(config, root), Path(config.docs_dir))

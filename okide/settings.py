"""Where the data is and where the site is published, from the engine's configuration."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from okide.sections import data_tops, url_path


@dataclass(frozen=True)
class SiteSettings:
    """What pages need to know about where they are published."""

    site_url: str = ""
    # URL prefix that a data file's path (e.g. `signatories/x.yml`) is appended to, to edit it.
    edit_base: str | None = None
    # The repository the site is built from (mkdocs.yml repo_url), for hand-written pages.
    repo_url: str = ""

    def page_url(self, path: str) -> str:
        """Absolute URL of a generated page (`parter/x.md` → `…/parter/x/`)."""
        return self.site_url.rstrip("/") + "/" + url_path(path)

    def feed_url(self, path: str, scheme: str = "") -> str:
        """Absolute URL of a file in the site; with scheme `webcal`, the subscription link."""
        url = self.site_url.rstrip("/") + "/" + path
        if scheme and "://" in url:
            return scheme + "://" + url.split("://", 1)[1]
        return url

    def edit_url(self, source: str) -> str | None:
        return self.edit_base + source if self.edit_base else None


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


def site_settings(
    site_url: str | None,
    repo_url: str | None,
    edit_uri: str | None,
    root: Path,
    docs_dir: Path,
) -> SiteSettings:
    """The edit base points at the data folder in the repository, found from edit_uri (which
    points at docs_dir) by the relative path from docs_dir to the data root."""
    edit_base = None
    if repo_url and edit_uri:
        to_root = os.path.relpath(root, docs_dir).replace(os.sep, "/")
        prefix = edit_uri if edit_uri.endswith("/") else edit_uri + "/"
        edit_base = urljoin(repo_url.rstrip("/") + "/", prefix + to_root + "/")
    return SiteSettings(site_url=site_url or "", edit_base=edit_base, repo_url=repo_url or "")


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as plain YAML: `!ENV` is resolved as MkDocs does, other tags are ignored."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise yaml.constructor.ConstructorError(
            None, None, "!ENV needs a name or a list of names", node.start_mark
        )
    *names, default = loader.construct_sequence(node)
    found = (os.environ[name] for name in names if isinstance(name, str) and name in os.environ)
    return next(found, default)


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    """What generation needs from the engine's configuration: the data, the settings and the
    hand-written pages (None: there are none)."""

    root: Path
    site: SiteSettings
    docs_dir: Path | None = None


def read_mkdocs_yml(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data; ConfigError (Swedish) when it cannot be read or used."""
    name = config_file.name
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{name}: filen kan inte läsas ({error.__class__.__name__})") from None
    except (yaml.YAMLError, RecursionError) as error:
        where = getattr(error, "problem_mark", None)
        line = f":{where.line + 1}" if where is not None else ""
        raise ConfigError(
            f"{name}{line}: filen är inte giltig YAML för MkDocs – mkdocs build visar felet"
        ) from None
    config = {} if config is None else config
    if not isinstance(config, dict):
        raise ConfigError(f"{name}: ska bestå av nycklar med värden, inte {_kind(config)}")
    problems = [
        f"{key}: ska vara text, inte {_kind(config[key])}"
        for key in ("site_url", "repo_url", "edit_uri", "docs_dir")
        if config.get(key) is not None and not _is_text(config[key])
    ]
    problems += okide_problems(config.get("extra") or {})
    if problems:
        raise ConfigError("\n".join(f"{name}: {problem}" for problem in problems))
    return config


def project_from_mkdocs_yml(config_file: Path) -> Project:
    """The same data root and settings the MkDocs hook uses, without MkDocs (for `render`)."""
    config = read_mkdocs_yml(config_file)
    root = data_root(config_file, config.get("extra") or {})
    docs_dir = (config_file.resolve().parent / str(config.get("docs_dir") or "docs")).resolve()
    site = site_settings(
        config.get("site_url"), config.get("repo_url"), config.get("edit_uri"), root, docs_dir
    )
    return Project(root, site, docs_dir)

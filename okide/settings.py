"""Where the data is and where the site is published, from the engine's configuration."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from okide.load import AGREEMENT_FILE, FOLDERS
from okide.paths import url_path


@dataclass(frozen=True)
class SiteSettings:
    """What pages need to know about where they are published."""

    site_url: str = ""
    # URL prefix that a data file's path (e.g. `signatories/x.yml`) is appended to, to edit it.
    edit_base: str | None = None

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


def data_root(config_file: str | os.PathLike[str], extra: Mapping[str, Any]) -> Path:
    """The folder holding agreement/, signatories/ and dialogues/: beside mkdocs.yml unless
    `extra.okide.data_dir` says otherwise (relative to mkdocs.yml)."""
    base = Path(config_file).resolve().parent
    okide_extra = extra.get("okide") or {}
    return (base / str(okide_extra.get("data_dir", "."))).resolve()


def data_folders(root: Path) -> list[Path]:
    """The folders the data is read from that exist under root, for `mkdocs serve` to watch."""
    tops = sorted({Path(AGREEMENT_FILE).parts[0], *(Path(f).parts[0] for f in FOLDERS.values())})
    return [root / top for top in tops if (root / top).is_dir()]


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
    return SiteSettings(site_url=site_url or "", edit_base=edit_base)


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as plain YAML: `!ENV` is resolved as MkDocs does, other tags are ignored."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    assert isinstance(node, yaml.SequenceNode)
    *names, default = loader.construct_sequence(node)
    return next((os.environ[name] for name in names if name in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    """What generation needs from the engine's configuration: the data and the settings."""

    root: Path
    site: SiteSettings


def project_from_mkdocs_yml(config_file: Path) -> Project:
    """The same data root and settings the MkDocs hook uses, without MkDocs (for `render`)."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    root = data_root(config_file, config.get("extra") or {})
    docs_dir = (config_file.resolve().parent / str(config.get("docs_dir") or "docs")).resolve()
    site = site_settings(
        config.get("site_url"), config.get("repo_url"), config.get("edit_uri"), root, docs_dir
    )
    return Project(root, site)

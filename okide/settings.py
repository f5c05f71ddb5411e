"""Where the data is and where the site is published, from the engine's configuration."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from okide.pages import SiteSettings


def data_root(config_file: str | os.PathLike[str], extra: Mapping[str, Any]) -> Path:
    """The folder holding agreement/, signatories/ and dialogues/: beside mkdocs.yml unless
    `extra.okide.data_dir` says otherwise (relative to mkdocs.yml)."""
    base = Path(config_file).resolve().parent
    okide_extra = extra.get("okide") or {}
    return (base / str(okide_extra.get("data_dir", "."))).resolve()


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

"""Where the site is published: the addresses of its pages and files and of the links that
edit its data files."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from okide.sections import url_path


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

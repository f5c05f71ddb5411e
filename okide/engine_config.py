"""The configuration of an engine that reads mkdocs.yml but does not run okide's hook (Zensical):
what the hook adds to the configuration in a build, written into a copy of the site's
mkdocs.yml, so that the pages `okide render` wrote are built with the same names, navigation,
theme overrides, scripts and footer.

The copy points at the folder render wrote (docs_dir); the engine writes the site into `site/`
beside the copy. Everything else is the site's own mkdocs.yml, read with MkDocs' loader (so
`!ENV` and INHERIT mean what they mean in a MkDocs build).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import yaml

from okide.identity import site_description, site_name
from okide.mkdocs_config import nav_with
from okide.site import Generated
from okide.swedish import Stamp
from okide.theme import BUILT, OVERRIDES, SCRIPTS, STYLESHEETS

# Material's successor draws its new look by default; okide's stylesheet is made for the
# classic one (with the new one the header's text is white on white).
VARIANT = "classic"
# Keys that only the hook or MkDocs' own server use: the copy leaves them out.
DROPPED = ("hooks", "watch", "site_dir")


def _settings(config_file: Path) -> dict[str, Any]:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    loader = get_yaml_loader(config=MkDocsConfig(config_file_path=str(config_file)))
    with config_file.open("rb") as stream:
        data = yaml_load(stream, loader)
    return dict(data) if isinstance(data, dict) else {}


def engine_config(
    config_file: Path | None, docs_dir: Path, target: Path, generated: Generated, built: Stamp
) -> str:
    """The YAML text of the copy to be written at target, for the pages render wrote into
    docs_dir (config_file: the site's mkdocs.yml, None when it has none)."""
    settings = _settings(config_file) if config_file is not None else {}
    for key in DROPPED:
        settings.pop(key, None)
    agreement = generated.register.agreement
    # As text: the engine escapes it (the hook hands MkDocs the escaped Markup).
    settings["site_name"] = site_name(agreement).unescape()
    settings["site_description"] = site_description(agreement).unescape()
    relative = os.path.relpath(docs_dir.resolve(), target.parent.resolve())
    settings["docs_dir"] = Path(relative).as_posix()
    theme = settings.get("theme")
    theme = {"name": theme} if isinstance(theme, str) else dict(theme or {"name": "material"})
    theme["custom_dir"] = _overrides(config_file, theme.get("custom_dir"), target)
    theme.setdefault("variant", VARIANT)
    settings["theme"] = theme
    settings["extra_css"] = _with(settings.get("extra_css"), STYLESHEETS)
    settings["extra_javascript"] = _with(settings.get("extra_javascript"), SCRIPTS)
    nav = nav_with(settings.get("nav"), generated.pages)
    if nav is not None:
        settings["nav"] = nav
    extra = dict(settings.get("extra") or {})
    extra[BUILT] = {"datetime": built.datetime, "text": built.text}
    settings["extra"] = extra
    return yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=100)


def _with(listed: Any, added: tuple[str, ...]) -> list[Any]:
    items = list(listed or [])
    return items + [item for item in added if item not in items]


# Where the copy's theme folder is written when the site has its own custom_dir.
MERGED_OVERRIDES = "okide-overrides"


def _overrides(config_file: Path | None, own: Any, target: Path) -> str:
    """The one theme folder the engine reads (Zensical takes a single custom_dir): okide's
    overrides, or, when the site has its own custom_dir, a folder beside the copy with okide's
    overrides and the site's own files over them, as the hook orders them for MkDocs (the
    site's first). Symbolic links in the site's folder are not followed."""
    if not isinstance(own, str) or not own or config_file is None:
        return OVERRIDES
    source = (config_file.parent / own).resolve()
    if not source.is_dir():
        return OVERRIDES
    merged = target.parent / MERGED_OVERRIDES
    shutil.rmtree(merged, ignore_errors=True)
    shutil.copytree(OVERRIDES, merged)
    for folder, _, names in os.walk(source):
        for name in names:
            file = Path(folder) / name
            if file.is_symlink() or not file.is_file():
                continue
            copy = merged / file.relative_to(source)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, copy)
    return Path(os.path.relpath(merged.resolve(), target.parent.resolve())).as_posix()

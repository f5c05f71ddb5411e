"""`python -m okide upgrade-check`: what in a site is still in a form that an older okide
wanted, each with what to do. It writes nothing; the note for each change says why.

Data format 1.1 adds only optional keys, so every v1 data file stays valid; what changed is
where a site's theme and glue live (in the package since okide 0.2) and where its name comes
from (agreement/agreement.yml).
"""

from __future__ import annotations

from pathlib import Path

from okide.problems import Problem

# Files an older okide had each site copy; the package brings them now.
_COPIED_THEME = ("overrides/main.html", "overrides/404.html", "overrides/sitemap.xml",
                 "docs/javascripts/okide-filter.js", "docs/javascripts/okide-accessibility.js",
                 "docs/stylesheets/okide.css",
                 "docs/assets/javascripts/workers/okide-search.js")  # fmt: skip
_HOOK = "hooks/okide_hook.py"
_CONFIG = "mkdocs.yml"
# Material's search (lunr): okide writes the search itself since pagefind (okide/search.py).
_SEARCH_PLUGINS = ("search", "material/search")
_HOOK_IMPORT = "from okide.mkdocs_hook import"


def upgrade_problems(root: Path) -> list[Problem]:
    """Every file of the site at root that is still in an older form."""
    found = []
    for relative in _COPIED_THEME:
        if (root / relative).is_file():
            found.append(
                Problem(relative, 1, 1, "", "okide levererar den här filen själv sedan 0.2",
                        "ta bort kopian (och raden i mkdocs.yml som pekar på den) om du inte "
                        "har ändrat den med flit; egna ändringar läggs i en egen custom_dir")
            )  # fmt: skip
    hook = root / _HOOK
    if hook.is_file() and _HOOK_IMPORT not in hook.read_text("utf-8", errors="replace"):
        found.append(
            Problem(_HOOK, 1, 1, "", "kroken är en kopia av okides gamla kod",
                    "ersätt filen med den från python -m okide init: en rad som importerar "
                    "okide.mkdocs_hook, så följer kroken med när okide uppgraderas")
        )  # fmt: skip
    search = _material_search(root / _CONFIG)
    if search is not None:
        found.append(search)
    return sorted(found)


def _material_search(config_file: Path) -> Problem | None:
    """Material's search plugin still on in mkdocs.yml: named, or added by MkDocs because the
    file has no `plugins`. A file MkDocs cannot read is left to validate and the build."""
    if not config_file.is_file():
        return None
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    loader = get_yaml_loader(config=MkDocsConfig(config_file_path=str(config_file)))
    try:
        with config_file.open("rb") as stream:
            data = yaml_load(stream, loader)
    except (OSError, ConfigurationError, RecursionError, TypeError):
        return None
    if not isinstance(data, dict):
        return None
    plugins = data.get("plugins", ["search"])  # MkDocs' default
    named = plugins if isinstance(plugins, dict) else plugins if isinstance(plugins, list) else []
    names = [next(iter(item)) if isinstance(item, dict) and item else item for item in named]
    if not any(name in _SEARCH_PLUGINS for name in names):
        return None
    lines = config_file.read_text("utf-8", errors="replace").splitlines()
    line = next((n for n, text in enumerate(lines, 1) if text.startswith("plugins:")), 1)
    return Problem(_CONFIG, line, 1, "plugins", "Materials sökning (lunr) är på: okide skriver "
                   "sökningen själv (pagefind och en ordlista), och lunr-indexet hämtas av "
                   "varje besökare på varje sida",
                   "skriv plugins: [] i mkdocs.yml (utan nyckeln lägger MkDocs till sökningen) "
                   "och ta bort search.highlight under theme.features")  # fmt: skip

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
    return sorted(found)

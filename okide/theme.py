"""Settings for the theme's own Jinja environment (Material's templates, not okide's).

Material's templates put every `{% … %}` tag on a line of its own, indented, and Jinja keeps
that line: about 2 KB of blank lines and spaces on every page, 9 % of a party page. With
trim_blocks and lstrip_blocks, Jinja drops the newline after a block tag and the spaces before
one; the text a reader sees stays the same (tests/test_theme.py builds the site both ways and
compares every page).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment

# okide's overrides of Material's templates, with the stylesheet and the scripts every page of
# the site loads: the MkDocs hook adds them to the theme, `okide render --config` writes them
# into the configuration of an engine that does not run the hook.
OVERRIDES = str(Path(__file__).parent / "overrides")
STYLESHEETS = ("stylesheets/okide.css",)
SCRIPTS = (
    "javascripts/okide-filter.js",
    "javascripts/okide-accessibility.js",
    "javascripts/okide-stale.js",
    "javascripts/okide-sok.js",
)
# The key of config.extra that tells the theme when the site was built (the footer of every page).
BUILT = "okide_built"


def trim_template_whitespace(env: Environment) -> Environment:
    """Switch on Jinja's whitespace control in a theme's environment before it loads anything."""
    env.trim_blocks = True
    env.lstrip_blocks = True
    if env.cache is not None:
        env.cache.clear()  # a template compiled before now would keep the old whitespace
    return env

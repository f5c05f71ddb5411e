"""`python -m okide init DIR`: a complete new site repository for another public body.

What a site keeps of its own is written here from okide/skeleton/: mkdocs.yml (addresses and
colours), the one-line hook, the hand-written pages, the workflows, the pull-request template,
the editors' guide, a README and a Makefile, the lock with okide pinned, the JSON Schemas, and
one example of each kind of data file (`example: true`, never published). okide itself, its
theme and its templates stay in the installed package, so upgrading is changing the pin.
Files ending in `.j2` are Jinja templates; every value is written as a YAML string or as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment

from okide import DATA_FORMAT, __version__
from okide.palette import palette_problems
from okide.scaffold import yaml_quoted
from okide.schema import write_schemas
from okide.templating import environment

SKELETON = Path(__file__).parent / "skeleton"
# okide's own lock: `make lock` copies the repository's requirements.lock here (a test keeps them
# equal), and a new site's lock is its pins.
LOCK = Path(__file__).parent / "runtime.lock"
# Names a package cannot carry as they are (dot files), and what they are called in a site.
_RENAMED = {"github": ".github", "gitignore": ".gitignore"}
DEFAULT_SOURCE = f"okide @ git+https://github.com/uddevalla/ok-ide@v{__version__}"
DEFAULT_COLORS = {"primary": "#00507a", "primary_dark": "#003b5a", "accent": "#8a1c52"}


class InitError(ValueError):
    """The site cannot be written as asked; the message (Swedish) says why."""


@dataclass(frozen=True)
class SiteOptions:
    public_party: str
    site_url: str
    repo_url: str
    short_name: str = "ÖK Idé"
    title: str = ""
    adopted: date | None = None
    email: str = "kontakt@example.org"
    primary: str = DEFAULT_COLORS["primary"]
    primary_dark: str = DEFAULT_COLORS["primary_dark"]
    accent: str = DEFAULT_COLORS["accent"]
    okide_requirement: str = DEFAULT_SOURCE


def _environment() -> Environment:
    env = environment(folder=SKELETON)
    env.filters["yaml"] = yaml_quoted
    return env


def _check(options: SiteOptions) -> None:
    for label, url in (("--site-url", options.site_url), ("--repo-url", options.repo_url)):
        parts = urlsplit(url)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise InitError(
                f"{label} '{url}' är ingen webbadress – skriv hela adressen med https://"
            )
    if not options.public_party.strip():
        raise InitError("--public-party är tomt – skriv den offentliga partens namn")
    colors = {"primary": options.primary, "primary_dark": options.primary_dark,
              "accent": options.accent}  # fmt: skip
    problems = palette_problems({"okide": {"colors": colors}})
    if problems:
        raise InitError(problems[0])


def _context(options: SiteOptions, today: date) -> dict[str, object]:
    repo = urlsplit(options.repo_url)
    return {
        "public_party": options.public_party.strip(),
        "short_name": options.short_name.strip(),
        "title": options.title.strip()
        or f"Överenskommelse mellan {options.public_party.strip()} och den idéburna sektorn",
        "site_name": f"{options.short_name.strip()} – {options.public_party.strip()}",
        "site_url": options.site_url if options.site_url.endswith("/") else options.site_url + "/",
        "repo_url": options.repo_url.rstrip("/"),
        "repo_name": repo.path.strip("/"),
        "adopted": (options.adopted or today).isoformat(),
        "email": options.email,
        "primary": options.primary,
        "primary_dark": options.primary_dark,
        "accent": options.accent,
        "okide_requirement": options.okide_requirement,
        "okide_lock": "\n".join(_locked_requirements()),
        "okide_version": __version__,
        "data_format": DATA_FORMAT,
    }


def _locked_requirements() -> list[str]:
    """The pins of okide's lock, one a line, without their hashes. A site's lock adds okide itself
    from a git tag, which has no hash to check, and pip checks the hashes of every requirement
    in a file or of none."""
    text = LOCK.read_text("utf-8").replace("\\\n", " ")
    pins = (line.split(" --hash=")[0].strip() for line in text.splitlines())
    return [pin for pin in pins if pin and not pin.startswith("#")]


def _target(relative: Path) -> Path:
    parts = [_RENAMED.get(part, part) for part in relative.parts]
    name = parts[-1].removesuffix(".j2")
    return Path(*parts[:-1], name)


def skeleton_files() -> list[Path]:
    """Every file of the skeleton, relative to it, in a stable order."""
    return sorted(p.relative_to(SKELETON) for p in SKELETON.rglob("*") if p.is_file())


def write_site(target: Path, options: SiteOptions, today: date) -> list[Path]:
    """Write a new site into target (missing or empty); returns the files written."""
    _check(options)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(
            f"{target} finns redan och är inte en tom mapp – välj en ny mapp; ingenting skrivs över"
        )
    env = _environment()
    context = _context(options, today)
    written = []
    for relative in skeleton_files():
        source = SKELETON / relative
        path = target / _target(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".j2":
            text = env.get_template(relative.as_posix()).render(**context)
            path.write_text(text, encoding="utf-8", newline="\n")
        else:
            path.write_bytes(source.read_bytes())
        written.append(path)
    return written + write_schemas(target)

"""`python -m okide init`: a new public body's site in one command, with okide as a pinned
package; and `upgrade-check`, which names what a site still has in an older form."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rdfns

from okide import __version__
from okide.cli import main
from okide.init import LOCK, SKELETON
from okide.load import load_register
from okide.models import Register
from okide.sections import data_tops
from tests.conftest import FIXTURES, ROOT, TODAY, TODAY_EPOCH
from tests.test_lock import read_lock

REGION = FIXTURES / "region"

ARGS = ["--public-party", "Region Exempelland", "--site-url", "https://exempel.github.io/ok/",
        "--repo-url", "https://github.com/exempel/ok"]  # fmt: skip
# The skeleton's copies of the repository's own files: a site gets what Uddevalla's has.
COPIES = {
    "hooks/okide_hook.py": "hooks/okide_hook.py",
    "github/workflows/publish.yml": ".github/workflows/publish.yml",
    "github/workflows/pull-request.yml": ".github/workflows/pull-request.yml",
    "github/workflows/uppfoljningar.yml": ".github/workflows/uppfoljningar.yml",
    "github/pull_request_template.md": ".github/pull_request_template.md",
    "docs/anslut.md": "docs/anslut.md",
    "docs/om-data.md": "docs/om-data.md",
    "docs/tillganglighet.md": "docs/tillganglighet.md",
    "BIDRA.md": "BIDRA.md",
}


def _init(target: Path, *extra: str) -> tuple[int, str, str]:
    from io import StringIO

    out = StringIO()
    code = main(["init", str(target), *ARGS, *extra], out=out)
    return code, out.getvalue(), ""


def test_init_writes_a_whole_site_for_the_public_body_into_an_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "ny"
    code, out, _ = _init(target, "--short-name", "Avsiktsförklaringen")
    assert code == 0, out
    assert "Region Exempelland" in out
    for relative in ("mkdocs.yml", "hooks/okide_hook.py", "docs/anslut.md", "docs/om-data.md",
                     "docs/tillganglighet.md", ".github/workflows/publish.yml",
                     ".github/workflows/pull-request.yml", ".github/pull_request_template.md",
                     "BIDRA.md", "README.md", "Makefile", "requirements.lock", ".gitignore",
                     "schemas/signatory.schema.json", "agreement/agreement.yml",
                     "agreement/values/exempel-princip.yml", "agreement/clauses/exempel-punkt.yml",
                     "signatories/exempel-forening.yml", "dialogues/exempel-stordialog.yml",
                     "plans/exempel-plan.yml", "actions/exempel-insats.yml",
                     "followups/exempel-uppfoljning.yml"):  # fmt: skip
        assert (target / relative).is_file(), relative
    config = yaml.safe_load((target / "mkdocs.yml").read_text("utf-8").replace("!ENV", ""))
    assert config["site_url"] == "https://exempel.github.io/ok/"
    assert (config["repo_url"], config["repo_name"]) == (
        "https://github.com/exempel/ok",
        "exempel/ok",
    )
    agreement = yaml.safe_load((target / "agreement/agreement.yml").read_text("utf-8"))
    assert agreement["public_party"] == "Region Exempelland"
    assert agreement["short_name"] == "Avsiktsförklaringen"
    assert agreement["example"] is True  # not published until a person fills it in


def test_a_new_site_validates_with_an_example_of_each_kind_and_the_yearly_follow_up_uncommented(
    tmp_path: Path,
) -> None:
    target = tmp_path / "ny"
    assert _init(target, "--adopted", "2025-04-01")[0] == 0
    register = load_register(target, TODAY)
    assert isinstance(register, Register), register
    assert register.agreement.follow_up is None  # off until the body says otherwise
    assert {e.source for e in register.examples()} >= {
        "plans/exempel-plan.yml", "actions/exempel-insats.yml", "followups/exempel-uppfoljning.yml"
    }  # fmt: skip
    path = target / "agreement/agreement.yml"
    text = path.read_text(encoding="utf-8")
    for line in ("# follow_up:", "#   due: 03-31", "#   first_year: 2025"):
        assert line + "\n" in text, line
        text = text.replace(line + "\n", line.removeprefix("# ") + "\n")
    path.write_text(text, encoding="utf-8")
    register = load_register(target, TODAY)
    assert isinstance(register, Register), register
    assert register.agreement.follow_up_due(2025) == date(2026, 3, 31)


def test_init_pins_this_version_of_okide_and_its_locked_packages(tmp_path: Path) -> None:
    _init(tmp_path / "ny")
    lines = (tmp_path / "ny/requirements.lock").read_text("utf-8").splitlines()
    pins = [line for line in lines if line and not line.startswith("#")]
    assert pins[0] == f"okide @ git+https://github.com/uddevalla/ok-ide@v{__version__}"
    # The same pins, without hashes: pip cannot check okide's own line, from a git tag, and
    # checks the hashes of every line of a file or of none.
    assert "--hash" not in "\n".join(lines)
    assert [_pin(Requirement(pin)) for pin in pins[1:]] == [
        _pin(pin.requirement) for pin in read_lock(LOCK)
    ]


def _pin(requirement: Requirement) -> tuple[str, str, str]:
    return requirement.name, str(requirement.specifier), str(requirement.marker or "")


def test_init_refuses_a_folder_that_is_not_empty_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "finns"
    target.mkdir()
    (target / "egen.txt").write_text("min fil", encoding="utf-8")
    code, _, _ = _init(target)
    assert code == 2
    assert sorted(p.name for p in target.iterdir()) == ["egen.txt"]


@pytest.mark.parametrize(
    ("option", "value"),
    [("--site-url", "exempel.github.io/ok"), ("--repo-url", "ftp://x.se/ok"),
     ("--primary", "#dddddd"), ("--adopted", "3 maj 2020")],
)  # fmt: skip
def test_init_refuses_what_would_not_make_a_working_site(
    tmp_path: Path, option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    options = dict(zip(ARGS[::2], ARGS[1::2], strict=True)) | {option: value}
    code = main(
        ["init", str(tmp_path / "ny"), *[part for pair in options.items() for part in pair]]
    )
    assert code == 2
    assert capsys.readouterr().err.startswith("okide: ")
    assert not (tmp_path / "ny").exists()


@pytest.mark.parametrize(("copy", "original"), sorted(COPIES.items()))
def test_the_skeleton_holds_the_repositorys_own_version_of_each_site_file(
    copy: str, original: str
) -> None:
    """A site starts with what Uddevalla's has; update both together (cp ORIGINAL COPY)."""
    assert (SKELETON / copy).read_bytes() == (ROOT / original).read_bytes(), (
        f"okide/skeleton/{copy} differs from {original}: cp {original} okide/skeleton/{copy}"
    )


def test_the_packaged_lock_is_the_repositorys_lock() -> None:
    assert LOCK.read_bytes() == (ROOT / "requirements.lock").read_bytes(), (
        "make lock (it copies requirements.lock to okide/runtime.lock)"
    )


def test_every_skeleton_file_is_written_by_init(tmp_path: Path) -> None:
    from okide.init import skeleton_files

    _init(tmp_path / "ny")
    written = {p.relative_to(tmp_path / "ny").as_posix() for p in (tmp_path / "ny").rglob("*")}
    for relative in skeleton_files():
        name = relative.as_posix().removesuffix(".j2")
        name = name.replace("github/", ".github/", 1) if name.startswith("github/") else name
        assert (name if name != "gitignore" else ".gitignore") in written, name


# ---- upgrade-check ------------------------------------------------------------------------


def test_upgrade_check_names_theme_copies_and_an_old_hook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _init(tmp_path / "ny")
    site = tmp_path / "ny"
    (site / "overrides").mkdir()
    (site / "overrides/main.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    (site / "hooks/okide_hook.py").write_text("def on_files(files, config):\n    return files\n")
    assert main(["upgrade-check", str(site)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("hooks/okide_hook.py:1:1: kroken är en kopia av okides gamla kod")
    assert lines[1].startswith("overrides/main.html:1:1: okide levererar den här filen själv")


@pytest.mark.parametrize(
    "plugins",
    ["plugins:\n  - search:\n      lang: sv\n", "plugins:\n  - material/search\n", ""],
)
def test_upgrade_check_names_materials_search_still_on(
    tmp_path: Path, plugins: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Named in mkdocs.yml, or added by MkDocs when the file has no plugins at all."""
    _init(tmp_path / "ny")
    config = tmp_path / "ny" / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("plugins: []\n", plugins), encoding="utf-8")
    assert main(["upgrade-check", str(tmp_path / "ny")]) == 1
    (line,) = capsys.readouterr().out.splitlines()[:1]
    assert line.startswith("mkdocs.yml:")
    assert "Materials sökning (lunr) är på" in line and "plugins: []" in line


@pytest.mark.parametrize("site", ["new", "repository"])
def test_upgrade_check_finds_nothing_in_a_new_site_or_in_this_repository(
    tmp_path: Path, site: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = ROOT
    if site == "new":
        _init(tmp_path / "ny")
        root = tmp_path / "ny"
    assert main(["upgrade-check", str(root)]) == 0
    assert capsys.readouterr().out == "Inget i webbplatsen har en äldre form.\n"


# ---- The whole path: okide as a package, a site that pins it ---------------------------------


@pytest.mark.slow
def test_a_new_site_installs_okide_as_a_wheel_and_publishes_another_bodys_data(
    tmp_path: Path,
) -> None:
    """okide built as a wheel (as a release would be), a site made by init pinning it, another
    public body's data copied in: validation and a strict build pass in the site's own
    environment, and the published site names no other public body."""
    wheels = tmp_path / "dist"
    run = {"capture_output": True, "text": True, "check": False, "timeout": 900}
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "-w", str(wheels), str(ROOT)], **run,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    wheel = next(wheels.glob("okide-*.whl"))
    site = tmp_path / "site-repo"
    code, out, _ = _init(site, "--okide", f"okide @ {wheel.as_uri()}", "--adopted", "2020-05-04")
    assert code == 0, out
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    installed = subprocess.run(
        [str(venv / "bin/python"), "-m", "pip", "install", "--quiet",
         "--disable-pip-version-check", "-r", str(site / "requirements.lock")], **run,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr[-3000:]
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "SOURCE_DATE_EPOCH": TODAY_EPOCH,
           "NO_MKDOCS_2_WARNING": "1", "HOME": str(tmp_path)}  # fmt: skip

    def okide(*argv: str, examples: bool = False) -> subprocess.CompletedProcess[str]:
        shown = {"OKIDE_EXAMPLES": "1"} if examples else {}
        return subprocess.run([str(venv / "bin" / argv[0]), *argv[1:]], cwd=site,
                              env=env | shown, **run)  # fmt: skip

    # At once: the data (all examples) is valid and the preview builds, with the examples.
    assert okide("python", "-m", "okide", "validate", ".").returncode == 0
    preview = okide("mkdocs", "build", "-d", "site-preview", examples=True)
    assert preview.returncode == 0, preview.stderr
    assert (site / "site-preview/parter/exempel-forening/index.html").is_file()
    # Publishing refuses while the agreement is the example, and says where.
    refused = okide("mkdocs", "build", "--strict")
    assert refused.returncode != 0
    assert "agreement/agreement.yml:4:1: example: överenskommelsen är ett exempel" in (
        refused.stdout + refused.stderr
    )
    # Another public body's data in the site's folders: a whole site, naming no other body.
    for folder in data_tops():
        shutil.rmtree(site / folder)
        shutil.copytree(REGION / folder, site / folder)
    validated = okide("python", "-m", "okide", "validate", ".")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    published = okide("mkdocs", "build", "--strict")
    assert published.returncode == 0, published.stdout + published.stderr
    files = [p for p in (site / "site").rglob("*") if p.is_file()]
    assert len([p for p in files if p.name == "index.html"]) > 10
    assert (site / "site/javascripts/okide-filter.js").is_file()  # the theme came with okide
    assert "Region Exempelland" in (site / "site/index.html").read_text("utf-8")
    assert [p for p in files if b"Uddevalla" in p.read_bytes()] == []
    # The catalogue for Sveriges dataportal: read back, at the new site's address, the region's.
    catalogue = Graph().parse(data=(site / "site/data/katalog.rdf").read_bytes(), format="xml")
    publisher = URIRef("https://exempel.github.io/ok/data/katalog.rdf#utgivare")
    assert (publisher, rdfns.FOAF.name, Literal("Region Exempelland", lang="sv")) in catalogue

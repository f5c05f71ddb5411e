"""End-to-end: `mkdocs build --strict` of the shipped content and of the small fixture, and what
the built pages carry besides their text: descriptions and Open Graph, the sitemap, the search
index, edit links to the YAML file each page came from."""

from __future__ import annotations

import filecmp
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from okide.models import Register
from tests.conftest import FIXTURES, ROOT, SMALL, TODAY_EPOCH
from tests.corpus import scan
from tests.sitebuild import build_env, build_site, make_project, mkdocs_build

pytestmark = pytest.mark.slow

PAGES = (
    "index.html",
    "overenskommelsen/index.html",
    "vardegrund/index.html",
    "parter/index.html",
    "tidigare-parter/index.html",
    "stordialoger/index.html",
    "anslut/index.html",
    "tillganglighet/index.html",
    "om-data/index.html",
)
EXPORTS = ("stordialoger.ics", "data/parter.json", "data/parter.csv", "data/stordialoger.json")


def test_shipped_content_builds_strict_with_every_page_and_export(shipped_site: Path) -> None:
    for path in PAGES + EXPORTS:
        assert (shipped_site / path).is_file(), path
    assert len(list((shipped_site / "parter").glob("*/index.html"))) == 10


def test_fixture_builds_strict_with_party_and_dialogue_pages(fixture_site: Path) -> None:
    for path in PAGES + EXPORTS:
        assert (fixture_site / path).is_file(), path
    assert (fixture_site / "parter/gamma-natverket/index.html").is_file()
    assert (fixture_site / "stordialoger/2027-fritid/index.html").is_file()
    assert (fixture_site / "stordialoger/2027-fritid.ics").is_file()


def test_party_pages_and_the_former_parties_page_are_not_in_the_navigation(
    fixture_site: Path,
) -> None:
    start = (fixture_site / "index.html").read_text(encoding="utf-8")
    before, rest = start.split("<article", 1)
    menus = before + rest.split("</article>", 1)[1]  # the page's own text may link to them
    assert 'href="parter/"' in menus  # the register itself is in the menus
    assert "parter/alfa-idrottsforening/" not in menus
    assert "parter/beta-stiftelsen/" not in menus
    assert "tidigare-parter/" not in menus


def test_search_is_pagefinds_in_swedish_beside_okides_word_list(fixture_site: Path) -> None:

    entry = json.loads((fixture_site / "pagefind/pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["sv"]  # Swedish stemming
    assert json.loads((fixture_site / "sok/ord/index.json").read_text("utf-8"))["langd"]
    assert not (fixture_site / "search").exists()  # Material's lunr index is gone


def test_site_loads_nothing_from_other_hosts(fixture_site: Path) -> None:
    import re

    loaded = re.compile(r'<(?:script|img|link|iframe|source)\b[^>]*\b(?:src|href)="(https?:)?//')
    for page in fixture_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<link\b[^>]*>", html):
            if "stylesheet" in tag or "preload" in tag or "preconnect" in tag:
                assert "//" not in tag.split("href=", 1)[-1][:3], (page, tag)
        assert not loaded.search(
            re.sub(r'<link\b[^>]*rel="(?:canonical|alternate)"[^>]*>', "", html)
        ), page


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_bad_data_file_aborts_the_build_and_leaves_the_earlier_site_as_it_was(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    project = make_project(data, tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0 and (site / "index.html").is_file()
    before = _snapshot(site)
    (project / "signatories" / "alfa-idrottsforening.yml").write_text(
        "name: Alfa\nform: ideell förening\nsigned: 2020-03-01\norg_number: 802400-0004\n",
        encoding="utf-8",
    )
    (project / "dialogues" / "2027-fritid.yml").write_text("title: X\n", encoding="utf-8")
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    validate = subprocess.run(
        [sys.executable, "-m", "okide", "validate", str(project)],
        capture_output=True, text=True, env=build_env(), check=False,
    )  # fmt: skip
    problems = validate.stdout.splitlines()[:-1]
    assert validate.returncode == 1 and len(problems) > 3
    assert (
        "signatories/alfa-idrottsforening.yml:4:13: org_number: kontrollsiffran stämmer inte "
        "(väntade 5)" in problems[-1]
    )
    for line in problems:
        assert line in output
    assert "inget publiceras" in output
    # MkDocs never got to empty site_dir: the last good site is still published, unchanged.
    assert _snapshot(site) == before


def test_two_builds_with_the_same_epoch_are_byte_identical(tmp_path: Path) -> None:
    first = build_site(SMALL, tmp_path / "a")
    second = build_site(SMALL, tmp_path / "b")
    mismatched: list[str] = []

    def compare(cmp: filecmp.dircmp[str], prefix: str = "") -> None:
        assert not cmp.left_only and not cmp.right_only, (cmp.left_only, cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        mismatched.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            compare(sub, f"{prefix}{name}/")

    compare(filecmp.dircmp(first, second))
    assert mismatched == []


def test_serve_watches_the_data_folders_wherever_data_dir_points(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    project = make_project(tmp_path / "none", tmp_path / "project")
    shutil.copytree(SMALL, project / "data")
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8").replace("data_dir: .", "data_dir: data")
    config_file.write_text(text, encoding="utf-8")
    config = load_config(str(config_file))

    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    config.plugins.on_serve(Server(), config=config, builder=lambda: None)  # type: ignore[arg-type]
    assert sorted(watched) == [
        str(project / "data" / name) for name in ("agreement", "dialogues", "signatories")
    ]


def test_a_hook_named_like_the_package_would_shadow_it(tmp_path: Path) -> None:
    """Why the hook is hooks/okide_hook.py: under the package's own name it cannot import okide."""
    project = make_project(SMALL, tmp_path / "project")
    (project / "hooks" / "okide_hook.py").rename(project / "hooks" / "okide.py")
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8").replace("hooks/okide_hook.py", "hooks/okide.py")
    config_file.write_text(text, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "'okide' is not a package" in result.stderr


def test_a_palette_that_fails_aa_contrast_fails_the_strict_build(tmp_path: Path) -> None:
    project = make_project(SMALL, tmp_path / "project")
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(text.replace('primary: "#00507a"', 'primary: "#6fa8dc"'), "utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "extra.okide.colors.primary: #6fa8dc ger kontrasten" in result.stdout + result.stderr


def test_a_source_date_epoch_that_is_not_a_time_aborts_the_build_with_a_swedish_message(
    tmp_path: Path,
) -> None:
    project = make_project(SMALL, tmp_path / "project")
    result = mkdocs_build(project, tmp_path / "site", epoch="i går")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "okide: SOURCE_DATE_EPOCH=i går är inte en tidpunkt" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize(
    ("extra", "epoch", "message"),
    [("  okide: x", TODAY_EPOCH, "okide: mkdocs.yml: extra.okide: ska vara nycklar med värden"),
     ("  okide: {data_dir: [1]}", TODAY_EPOCH, "okide: mkdocs.yml: extra.okide.data_dir: ska"),
     (None, "", "okide: SOURCE_DATE_EPOCH är satt men tom"),
     (None, "253402214400", "okide: SOURCE_DATE_EPOCH=253402214400 är dagen 9999-12-31")],
)  # fmt: skip
def test_settings_or_a_build_date_okide_cannot_use_abort_the_build_before_mkdocs_reads_them(
    tmp_path: Path, extra: str | None, epoch: str, message: str
) -> None:
    project = make_project(SMALL, tmp_path / "project")
    config_file = project / "mkdocs.yml"
    if extra is not None:
        text = config_file.read_text(encoding="utf-8")
        block = text[text.index("  okide:\n") : text.index("\nnav:")]
        config_file.write_text(text.replace(block, extra), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site", epoch=epoch)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and message in output
    assert "Traceback" not in output


def test_the_end_to_end_build_is_really_strict(tmp_path: Path) -> None:
    project = make_project(SMALL, tmp_path / "project")
    with (project / "docs" / "anslut.md").open("a", encoding="utf-8") as page:
        page.write("\n[Trasig länk](finns-inte.md)\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "finns-inte.md" in output and "strict mode" in output


def _render(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "okide", "render", str(out), "--root", str(project)],
        capture_output=True, text=True, env=build_env(), check=False,
    )  # fmt: skip


def _hook_output(project: Path) -> dict[str, bytes]:
    """What the MkDocs hook adds to the build, and the hand-written pages as it fills them in
    (on_page_read_source hands them to MkDocs), by path."""
    import os

    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = build_env()["SOURCE_DATE_EPOCH"]
    try:
        config = load_config(str(project / "mkdocs.yml"))
        config.plugins.on_pre_build(config=config)
        hand_written = vars(config)["_okide_hand_written"]
        files = config.plugins.on_files(Files([]), config=config)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    filled = {path: text.encode("utf-8") for path, text in hand_written.items()}
    return filled | {file.src_uri: file.content_bytes for file in files}


# mkdocs.yml edited as a site might have it; render must read it as the build does.
_CONFIG_VARIANTS = {
    "as shipped": [],
    # MkDocs' defaults fill in what is left out: its edit_uri for GitHub, the slash of site_url.
    "edit_uri left out, site_url without its slash": [
        ("edit_uri: edit/main/docs/\n", ""),
        ("site_url: https://uddevalla.github.io/ok-ide/", "site_url: https://example.org/ok"),
    ],
    "the addresses from the environment": [
        ("site_url: https://uddevalla.github.io/ok-ide/", "site_url: !ENV [OKIDE_TEST_URL, x]"),
    ],
}


@pytest.mark.parametrize("variant", list(_CONFIG_VARIANTS))
def test_render_writes_what_the_mkdocs_hook_generates_from_a_data_dir_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variant: str
) -> None:
    monkeypatch.setenv("OKIDE_TEST_URL", "https://env.example.org/sida")
    project = make_project(tmp_path / "none", tmp_path / "project")
    shutil.copytree(SMALL, project / "data")
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8").replace("data_dir: .", "data_dir: data")
    for old, new in _CONFIG_VARIANTS[variant]:
        assert old in text
        text = text.replace(old, new)
    config_file.write_text(text, encoding="utf-8")

    result = _render(project, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    rendered = {
        str(path.relative_to(tmp_path / "out")): path.read_bytes()
        for path in (tmp_path / "out").rglob("*")
        if path.is_file() and path.name != ".okide-render"
    }
    from_hook = _hook_output(project)
    assert "parter/gamma-natverket.md" in rendered and "data/parter.csv" in rendered
    assert b"Exempelby kommun" in rendered["tillganglighet.md"]
    assert sorted(rendered) == sorted(from_hook)
    for path, content in rendered.items():
        assert content == from_hook[path], path
    branch = b"master" if "edit_uri left out" in variant else b"main"
    edit_link = b"/edit/" + branch + b"/data/agreement/clauses/syfte.yml"
    assert edit_link in rendered["overenskommelsen.md"]


def test_render_again_removes_what_it_no_longer_generates_and_keeps_other_files(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    project = make_project(data, tmp_path / "project")
    out = tmp_path / "out"
    assert _render(project, out).returncode == 0
    (out / "egen-sida.md").write_text("# Min sida\n", encoding="utf-8")
    dialogues = project / "dialogues"
    (dialogues / "2027-fritid.yml").rename(dialogues / "2027-fritid-och-idrott.yml")
    result = _render(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "stordialoger/2027-fritid-och-idrott.md").is_file()
    assert not (out / "stordialoger/2027-fritid.md").exists()
    assert not (out / "stordialoger/2027-fritid.ics").exists()
    assert (out / "egen-sida.md").read_text(encoding="utf-8") == "# Min sida\n"


def test_render_of_invalid_data_writes_nothing_and_exits_1(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    (data / "signatories" / "no.yml").write_text("name: NO\n", encoding="utf-8")
    project = make_project(data, tmp_path / "project")
    result = _render(project, tmp_path / "out")
    assert result.returncode == 1
    assert "signatories/no.yml:1:1: form: obligatorisk nyckel saknas" in result.stdout
    assert not (tmp_path / "out").exists()


def test_every_page_links_the_accessibility_statement_and_open_data_in_its_footer(
    fixture_site: Path,
) -> None:
    import re

    pages = list(fixture_site.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        html = page.read_text(encoding="utf-8")
        footer = html[html.index('<footer class="md-footer">') :]
        links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer)
        # 404.html links from the site's root path, every other page relatively.
        base = page.parent if page.name != "404.html" else fixture_site
        targets = {text: (base / href.removeprefix("/ok-ide/")).resolve() for href, text in links}
        assert targets["Tillgänglighetsredogörelse"] == fixture_site / "tillganglighet", page
        assert targets["Öppna data"] == fixture_site / "om-data", page


def test_every_page_title_names_the_site_once(shipped_site: Path) -> None:
    import re

    from okide.identity import read_agreement, site_name
    from tests.conftest import ROOT, TODAY

    agreement = read_agreement(ROOT, TODAY)
    assert agreement is not None
    name = site_name(agreement)
    for page in shipped_site.rglob("*.html"):
        match = re.search(r"<title>([^<]*)</title>", page.read_text(encoding="utf-8"))
        assert match, page
        assert match.group(1).count(name) == 1, (page, match.group(1))


def test_every_page_has_its_own_description_and_open_graph(fixture_site: Path) -> None:
    descriptions: dict[str, str] = {}
    for page in sorted(fixture_site.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        where = page.parent.relative_to(fixture_site).as_posix()
        meta = dict(re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', html))
        assert meta.get("description"), where
        assert meta["og:description"] == meta["description"], where
        assert meta["og:locale"] == "sv_SE" and meta["og:type"] == "website"
        assert meta["og:site_name"] and meta["og:title"], where
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
        assert canonical and meta["og:url"] == canonical.group(1), where
        assert re.search(
            r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="(\.\./)*flode\.xml">',
            html,
        ), where
        descriptions[where] = meta["description"]
    detail = {k: v for k, v in descriptions.items() if k.count("/") == 1}
    assert len(set(detail.values())) == len(detail), "party and dialogue pages share a description"
    assert descriptions["parter/gamma-natverket"].startswith(
        "Gamma-nätverket &lt;för alla&gt; (nätverk) var part i ÖK Exempel från 1 mars 2020"
    )
    assert "Fokusområden: Trygghet, Fritid och kultur." in descriptions["parter/beta-stiftelsen"]
    assert descriptions["stordialoger/2026-installt"].startswith("Inställd stordialog")
    home = (fixture_site / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="ÖK Exempel – Exempelby kommun">' in home


def test_sitemap_lists_every_page_with_stable_urls_and_no_build_date(fixture_site: Path) -> None:
    sitemap = ET.fromstring((fixture_site / "sitemap.xml").read_bytes())
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    listed = [loc.text for loc in sitemap.iter(f"{namespace}loc")]
    folders = [page.parent.relative_to(fixture_site) for page in fixture_site.rglob("index.html")]
    expected = {
        "https://uddevalla.github.io/ok-ide/" + "".join(f"{part}/" for part in folder.parts)
        for folder in folders
    }
    assert len(listed) == len(set(listed)) and set(listed) == expected
    assert "https://uddevalla.github.io/ok-ide/parter/alfa-idrottsforening/" in listed
    # The build date would make every page look changed after every daily rebuild.
    assert not list(sitemap.iter(f"{namespace}lastmod"))


def test_register_has_the_filter_placeholder_and_script(fixture_site: Path) -> None:
    html = (fixture_site / "parter/index.html").read_text(encoding="utf-8")
    assert 'id="okide-filter"' in html and "okide-filter.js" in html


def test_dialogue_list_offers_webcal_and_https_subscription(fixture_site: Path) -> None:
    html = (fixture_site / "stordialoger/index.html").read_text(encoding="utf-8")
    assert 'href="webcal://uddevalla.github.io/ok-ide/stordialoger.ics"' in html
    assert "<code>https://uddevalla.github.io/ok-ide/stordialoger.ics</code>" in html
    for app in ("Google Kalender", "Outlook", "Apple Kalender"):
        assert f"<dt>{app}" in html


def test_search_index_holds_each_party_by_name_form_and_areas_without_boilerplate(
    fixture_site: Path, register: Register
) -> None:
    from okide.search import fragments

    docs = {doc["url"]: doc for doc in fragments(fixture_site / "pagefind")}
    for party in register.signatories.values():
        doc = docs[f"/parter/{party.id}/"]
        assert doc["meta"]["title"] == party.name
        assert party.form in doc["content"]
        for area in party.areas:
            assert register.agreement.area_titles([area])[0] in doc["content"]
        if party.org_number:
            assert party.org_number not in doc["content"]
    # The register's tables are left out: the names are on the party pages.
    for listing in ("/parter/", "/tidigare-parter/"):
        for party in register.signatories.values():
            assert party.name not in docs[listing]["content"], (listing, party.name)
    assert "/404.html" not in docs and "/sok/" not in docs
    everything = " ".join(doc["content"] for doc in docs.values())
    for boilerplate in (
        "Lägg till i kalendern", "Alla parter", "Alla tidigare parter", "Alla stordialoger",
        "Så gör du i de vanligaste",
        "Antal vid årets slut", "Liggande staplar", "Trappstegslinje",
        "Tillgänglighetsredogörelse", "Uppdaterad",  # the footer
    ):  # fmt: skip
        assert boilerplate not in everything, boilerplate


def test_each_plan_action_and_follow_up_links_to_edit_its_own_file(
    region_fixture_site: Path,
) -> None:
    base = "https://github.com/uddevalla/ok-ide/edit/main/"
    pages = {
        folder: (region_fixture_site / page / "index.html").read_text("utf-8")
        for folder, page in (("plans", "samverkansplan"), ("actions", "samverkansplan"),
                             ("followups", "uppfoljning"))
    }  # fmt: skip
    for folder, html in pages.items():
        files = sorted((FIXTURES / "region" / folder).glob("*.yml"))
        assert files
        for path in files:
            assert f'href="{base}{folder}/{path.name}"' in html, path


def test_search_finds_each_follow_up_once_not_in_the_years_gathered_lists(
    region_fixture_site: Path,
) -> None:
    """The proposals gathered and the names not yet in repeat what each follow-up's own
    section says; at 1,000 parties they would make one search result of tens of kilobytes."""
    from okide.search import fragments

    (doc,) = [
        doc for doc in fragments(region_fixture_site / "pagefind") if doc["url"] == "/uppfoljning/"
    ]
    anchors = [anchor["id"] for anchor in doc["anchors"]]
    assert "2024-patientforeningen" in anchors
    assert not [anchor for anchor in anchors if anchor.endswith(("-forslag", "-saknas"))]
    assert "Har inte lämnat in" not in doc["content"]
    assert "Förslag som har kommit in" not in doc["content"]


def test_edit_links_open_the_yaml_file_each_page_came_from(fixture_site: Path) -> None:
    base = "https://github.com/uddevalla/ok-ide/edit/main/"
    buttons = {}
    for page in sorted(fixture_site.rglob("index.html")):
        url = page.parent.relative_to(fixture_site).as_posix()
        found = re.search(r'<a href="([^"]+)" title="Redigera sidan"', page.read_text("utf-8"))
        buttons["" if url == "." else url + "/"] = found[1] if found else None
    expected = {
        "": "agreement/agreement.yml",
        "overenskommelsen/": "agreement/agreement.yml",
        **{f"parter/{p.stem}/": f"signatories/{p.name}" for p in (SMALL / "signatories").glob("*.yml")},
        **{f"stordialoger/{p.stem}/": f"dialogues/{p.name}" for p in (SMALL / "dialogues").glob("*.yml")},
        **{f"{p.stem}/": f"docs/{p.name}" for p in (ROOT / "docs").glob("*.md") if p.stem != "index"},
        # Pages made of many files: no single file to open (the values page and the agreement
        # page link each entry's own file instead).
        "parter/": None, "tidigare-parter/": None, "stordialoger/": None, "statistik/": None,
        "vardegrund/": None, "uppfoljning/": None, "samverkansplan/": None, "sok/": None,
    }  # fmt: skip
    assert buttons == {url: base + path if path else None for url, path in expected.items()}
    values = (fixture_site / "vardegrund/index.html").read_text(encoding="utf-8")
    for path in (SMALL / "agreement/values").glob("*.yml"):
        assert f'href="{base}agreement/values/{path.name}"' in values
    agreement = (fixture_site / "overenskommelsen/index.html").read_text(encoding="utf-8")
    for path in (SMALL / "agreement/clauses").glob("*.yml"):
        assert f'href="{base}agreement/clauses/{path.name}"' in agreement


@pytest.mark.slow
def test_a_hand_written_pages_own_edit_url_is_taken_only_as_a_web_address(tmp_path: Path) -> None:
    project = make_project(SMALL, tmp_path / "project")
    page = project / "docs" / "anslut.md"
    text = page.read_text("utf-8")
    assert text.startswith("---\n")
    page.write_text(text.replace("---\n", '---\nedit_url: "javascript:alert(1)"\n', 1), "utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    html = (site / "anslut" / "index.html").read_text("utf-8")
    assert "javascript:" not in html
    assert scan(site / "anslut" / "index.html").findings == []
    found = re.search(r'<a href="([^"]+)" title="Redigera sidan"', html)
    assert found and found[1] == "https://github.com/uddevalla/ok-ide/edit/main/docs/anslut.md"

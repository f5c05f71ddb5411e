"""The theme's Jinja environment trims the whitespace Material's templates leave (okide.theme,
the hook's on_env): smaller pages, the same text. Every page is built with and without it and
compared as a reader meets it: its visible text, its elements and their attributes, and the
verbatim content of <pre>, <textarea>, <script> and <style>."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from okide.theme import trim_template_whitespace
from tests.conftest import ROOT, SMALL
from tests.sitebuild import build_env, make_project

# Elements that flow inside a line of text: the whitespace between them and the words around
# them is what separates words. Every other element starts a new box, so whitespace at its
# edges shows as nothing.
INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "button", "cite", "code", "data", "dfn", "em", "i", "img",
    "input", "kbd", "label", "mark", "q", "s", "samp", "select", "small", "span", "strong",
    "sub", "sup", "time", "u", "var", "wbr",
}  # fmt: skip
VERBATIM = {"pre", "textarea", "script", "style"}
BOX = "\x00"  # where a box starts or ends: whitespace around it is not seen


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class PageView(HTMLParser):
    """What a reader gets from a page, with whitespace counted as a browser counts it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.elements: list[str] = []
        self.verbatim: list[str] = []
        self._inside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        shown = " ".join(f'{name}="{_squeeze(value or "")}"' for name, value in attrs)
        self.elements.append(f"<{tag} {shown}>")
        if tag not in INLINE:
            self.text.append(BOX)
        if tag in VERBATIM:
            self._inside.append(tag)
            self.verbatim.append("")

    def handle_endtag(self, tag: str) -> None:
        self.elements.append(f"</{tag}>")
        if tag not in INLINE:
            self.text.append(BOX)
        if self._inside and self._inside[-1] == tag:
            self._inside.pop()

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.verbatim[-1] += data
        else:
            self.text.append(data)

    def visible_text(self) -> list[str]:
        """Box by box; within a box, each run of whitespace is one space."""
        return [squeezed for box in "".join(self.text).split(BOX) if (squeezed := _squeeze(box))]


def view(html: str) -> PageView:
    page = PageView()
    page.feed(html)
    page.close()
    return page


def test_the_page_view_sees_words_glued_together_but_not_whitespace_between_boxes() -> None:
    assert view("<p><a>Alla</a> <a>parter</a></p>").visible_text() == ["Alla parter"]
    assert view("<p><a>Alla</a><a>parter</a></p>").visible_text() == ["Allaparter"]
    assert view("<p>Alla\n  parter</p>").visible_text() == ["Alla parter"]
    assert (
        view("<div>\n  <p>Alla</p>\n  </div>").visible_text()
        == view("<div><p>Alla</p></div>").visible_text()
    )
    assert view("<pre>a\n  b</pre>").verbatim != view("<pre>a\nb</pre>").verbatim
    assert view('<a title="a  b">x</a>').elements == view('<a title="a b">x</a>').elements


def test_trimming_drops_the_lines_and_indentation_of_block_tags_only() -> None:
    source = "<ul>\n  {% for x in xs %}\n  <li>{{ x }} {% if x %}ja{% endif %}</li>\n  {% endfor %}\n</ul>\n"
    plain = Environment(loader=DictLoader({"t": source}))
    trimmed = trim_template_whitespace(Environment(loader=DictLoader({"t": source})))
    assert plain.get_template("t").render(xs=[1]) == "<ul>\n  \n  <li>1 ja</li>\n  \n</ul>"
    assert trimmed.get_template("t").render(xs=[1]) == "<ul>\n  <li>1 ja</li>\n</ul>"


def test_a_template_loaded_before_the_change_is_not_kept_with_its_old_whitespace() -> None:
    env = Environment(loader=DictLoader({"t": "  {% if 1 %}\nja\n  {% endif %}\n"}))
    assert env.get_template("t").render() == "  \nja\n  "
    assert trim_template_whitespace(env).get_template("t").render() == "ja\n"


def _build_without_trimming(data: Path, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The same site built as CI builds it, but with the theme's environment as Material makes
    it: okide's on_env hands it back untouched."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from okide import mkdocs_hook

    project = make_project(data, workdir / "project")
    monkeypatch.setattr(mkdocs_hook, "on_env", lambda env, config, files: env)
    for name, value in build_env().items():
        monkeypatch.setenv(name, value)
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(workdir / "site"), strict=True))
    return workdir / "site"


def _pages(site: Path) -> dict[str, Path]:
    return {
        path.relative_to(site).as_posix(): path
        for path in sorted(site.rglob("*"))
        if path.suffix in (".html", ".xml")
    }


@pytest.mark.slow
@pytest.mark.parametrize("which", ["fixture", "shipped"])
def test_trimmed_theme_whitespace_changes_no_visible_text_and_makes_every_page_smaller(
    which: str, request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trimmed_site: Path = request.getfixturevalue(f"{which}_site")
    data = SMALL if which == "fixture" else ROOT
    plain_site = _build_without_trimming(data, tmp_path, monkeypatch)
    trimmed, plain = _pages(trimmed_site), _pages(plain_site)
    assert sorted(trimmed) == sorted(plain)
    differences = []
    for path in trimmed:
        before, after = view(plain[path].read_text("utf-8")), view(trimmed[path].read_text("utf-8"))
        for part in ("visible_text", "elements", "verbatim"):
            old, new = getattr(before, part), getattr(after, part)
            old, new = (old(), new()) if callable(old) else (old, new)
            if old != new:
                changed = next(i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b)
                differences.append(f"{path} {part}: {old[changed]!r} → {new[changed]!r}")
    assert differences == []
    html = [path for path in trimmed if path.endswith(".html")]
    saved = {p: plain[p].stat().st_size - trimmed[p].stat().st_size for p in html}
    assert min(saved.values()) >= 1000, sorted(saved.items(), key=lambda item: item[1])[:5]

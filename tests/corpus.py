"""The adversarial corpus (tests/adversarial/*.yml), read for the tests: hostile inputs an editor
could send in a pull request, each asserted on the outcome that matters.

- `refused`: validation reports each expected problem at its file and line (and column where the
  case gives one); nothing is built.
- `built`: the site builds, and every page made from the case's files holds, inside the blocks of
  editor text, only the allow-list (elements, attributes, URL schemes), and nowhere an event
  handler, a script other than the theme's and JSON-LD, or a resource from another host. Checked
  with an HTML parser on the built site. All built cases are built together in one site.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from okide.markdown import TEXT_CLASS
from okide.sections import PAGES, SECTIONS, url_path
from tests.conftest import SMALL

CORPUS = Path(__file__).parent / "adversarial"
ALLOWED_IN_TEXT = {
    "p": set(), "br": set(), "hr": set(), "em": set(), "strong": set(), "code": set(),
    "pre": set(), "blockquote": set(), "ul": set(), "ol": set(), "li": set(),
    "a": {"href", "title", "rel"}, "h3": set(), "h4": set(), "h5": set(), "h6": set(),
}  # fmt: skip
LINK_SCHEMES = ("https:", "http:", "mailto:")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href")
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
# Elements that fetch something when the page loads, and the attribute that says from where.
RESOURCES = {"img": "src", "iframe": "src", "script": "src", "link": "href", "source": "src",
             "video": "src", "audio": "src", "embed": "src", "object": "data", "image": "href",
             "use": "href", "form": "action", "input": "src", "track": "src"}  # fmt: skip


@dataclass(frozen=True)
class Case:
    name: str
    why: str
    files: dict[str, str]
    expect: str
    problems: list[dict[str, str]] = field(default_factory=list)


def _generated(expressions: dict[str, str]) -> dict[str, str]:
    """Files too large to write out in a case: a string expression of literals, `+` and `*`."""
    return {path: str(eval(code, {"__builtins__": {}}, {})) for path, code in expressions.items()}


def load_corpus() -> list[Case]:
    cases = []
    for path in sorted(CORPUS.glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            files = {**(item.get("files") or {}), **_generated(item.get("generate") or {})}
            cases.append(
                Case(item["name"], item["why"], files, item["expect"], item.get("problems") or [])
            )
    return cases


CASES = load_corpus()
REFUSED = [case for case in CASES if case.expect == "refused"]
BUILT = [case for case in CASES if case.expect == "built"]


def overlay(root: Path, files: dict[str, str]) -> Path:
    shutil.copytree(SMALL, root, dirs_exist_ok=True)
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    return root


def pages_of(site: Path, relative: str) -> list[Path]:
    """The built pages that show what a data file holds."""
    stem = Path(relative).stem
    if relative.startswith("signatories/"):
        return [site / "parter" / stem / "index.html", site / "parter" / "index.html"]
    if relative.startswith("dialogues/"):
        return [site / "stordialoger" / stem / "index.html", site / "stordialoger" / "index.html"]
    if relative.startswith("agreement/values/"):
        return [site / "vardegrund" / "index.html"]
    if relative.startswith("agreement/clauses/"):
        return [site / "overenskommelsen" / "index.html"]
    # The living agreement: a follow-up is shown on the follow-up page, a plan and its
    # actions on the plan page (the addresses the sections table gives them).
    if relative.startswith(SECTIONS["followups"].folder + "/"):
        return [site / url_path(PAGES["followups"]) / "index.html"]
    if relative.startswith((SECTIONS["plans"].folder + "/", SECTIONS["actions"].folder + "/")):
        return [site / url_path(PAGES["plan"]) / "index.html"]
    return [site / "index.html", site / "overenskommelsen" / "index.html"]


class PageScan(HTMLParser):
    """What an attacker would need: elements and attributes inside editor text, handlers,
    scripts and resources anywhere."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth_in_text = 0
        self.open_in_text: list[str] = []
        self.findings: list[str] = []
        self.text_blocks = 0
        # The theme's own inline scripts: the same number on every page of a site.
        self.inline_scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"event handler {name} on <{tag}>")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith(BAD_SCHEMES):
                self.findings.append(f"{name}={value!r} on <{tag}>")
        if tag == "script" and attributes.get("type") != "application/ld+json":
            source = attributes.get("src") or ""
            if not source:
                self.inline_scripts += 1
            elif urlsplit(source).netloc:
                self.findings.append(f"script {source}")
        if tag == "link" and not {
            "stylesheet",
            "icon",
            "preload",
            "modulepreload",
            "manifest",
        } & set((attributes.get("rel") or "").split()):
            return  # canonical, alternate: addresses, not loads
        if tag in RESOURCES and urlsplit(attributes.get(RESOURCES[tag]) or "").netloc:
            self.findings.append(f"<{tag}> loads {attributes.get(RESOURCES[tag])}")
        if self.open_in_text:
            self._inside_text(tag, attributes)
        elif tag == "div" and TEXT_CLASS in (attributes.get("class") or "").split():
            self.text_blocks += 1
            self.open_in_text.append(tag)

    def _inside_text(self, tag: str, attributes: dict[str, str | None]) -> None:
        if tag not in ALLOWED_IN_TEXT:
            self.findings.append(f"<{tag}> in editor text")
        elif set(attributes) - ALLOWED_IN_TEXT[tag]:
            self.findings.append(f"<{tag} {sorted(attributes)}> in editor text")
        href = attributes.get("href")
        if href is not None and not href.lower().startswith(LINK_SCHEMES):
            self.findings.append(f"link to {href!r} in editor text")
        if tag not in VOID:
            self.open_in_text.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open_in_text:  # an end tag closes what is open inside it, as in HTML
            while self.open_in_text.pop() != tag:
                pass


def scan(page: Path) -> PageScan:
    scanner = PageScan()
    scanner.feed(page.read_text(encoding="utf-8"))
    scanner.close()
    return scanner


def corpus_pages(site: Path) -> list[str]:
    """The site-relative URL paths of the pages built from the corpus, for the browser test."""
    pages = {page for case in BUILT for rel in case.files for page in pages_of(site, rel)}
    return sorted(page.relative_to(site).as_posix().removesuffix("index.html") for page in pages)

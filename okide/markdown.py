"""Editors' text on the page: Markdown through a real parser, its HTML through a real sanitizer.

Markdown fields are parsed once by markdown-it-py in CommonMark mode with raw HTML switched off
(CommonMark is what GitHub's preview follows, so an editor sees there what the site will show).
The parser's HTML then passes nh3, the binding to the ammonia sanitizer, with an allow-list of
what editor text needs. The result goes into the generated page as one raw HTML block, which the
engine's Markdown passes through as it is and never reads a second time. The plain text for meta
descriptions, JSON-LD, the calendar and the CSV comes from the same parse, and so do the links
and images that the validator reports.

Plain values (names, titles) are written into the page's Markdown as text in which no character
can start Markdown or HTML: everything but letters, digits and spaces becomes a character
reference.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import unquote

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

LINK_SCHEMES = ("https:", "http:", "mailto:")
_BLOCK_TAGS = {"p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a"}
_HEADING_LEVELS = range(1, 7)
# The raw HTML block that holds an editor's text in a page. Its class lets the theme style it.
TEXT_CLASS = "okide-text"


@cache
def _parser() -> MarkdownIt:
    """CommonMark, raw HTML off. Every link reaches the tokens, whatever its scheme, so that the
    validator can name a `javascript:` link instead of the parser quietly leaving it as text;
    the sanitizer removes any such link that reaches a page all the same."""
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


@cache
def _cleaner() -> nh3.Cleaner:
    """Paragraphs, emphasis, lists, links, code, quotes, line breaks and headings; `href` (web
    and e-mail only) and `title` on links, nothing else, no images."""
    return nh3.Cleaner(
        tags=_BLOCK_TAGS | {f"h{level}" for level in _HEADING_LEVELS},
        clean_content_tags={"script", "style"},
        attributes={"a": {"href", "title"}},
        url_schemes={scheme.rstrip(":") for scheme in LINK_SCHEMES},
        attribute_filter=_absolute_links_only,
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


def _absolute_links_only(tag: str, attribute: str, value: str) -> str | None:
    """A relative link would point into the site (or its parent folders): never from editors."""
    if attribute == "href" and not value.lower().startswith(LINK_SCHEMES):
        return None
    return value


@dataclass(frozen=True)
class Digest:
    """All that is made of one text, from one parse: its sanitized HTML (headings as written),
    its plain text, and its links and images. The tokens themselves are not kept: a digest is
    a few strings, however many texts a register holds."""

    html: str
    plain: str
    targets: tuple[Target, ...]


@lru_cache(maxsize=16_384)
def digest(text: str) -> Digest:
    """The digest of one text: validation makes it, the pages and exports find it here."""
    env: dict[str, dict[str, dict[str, object]]] = {}
    parser = _parser()
    tokens = parser.parse(str(text), env)
    html = _cleaner().clean(parser.renderer.render(tokens, parser.options, {})).strip()
    found = _targets(str(text), tokens, env.get("references", {}))
    return Digest(html, _plain(tokens), found)


def clear_caches() -> None:
    """Forget every digest (for measurements that must not time the cache)."""
    digest.cache_clear()


def markdown_html(text: str, top_level: int = 3) -> str:
    """An editor's Markdown field as sanitized HTML; its `#` headings start at `top_level`.

    The sanitizer's output is canonical (`<h2>`, no attributes on headings, every `<` in text
    escaped), so each heading tag is found by its exact text; deepest first, so that no heading
    is moved twice."""
    html = digest(text).html
    for level in reversed(_HEADING_LEVELS):
        demoted = min(6, level + top_level - 1)
        if demoted != level:
            html = html.replace(f"<h{level}>", f"<h{demoted}>").replace(
                f"</h{level}>", f"</h{demoted}>"
            )
    return html


def markdown_block(text: str, top_level: int = 3) -> str:
    """The field as one raw HTML block for a page's Markdown: a `<div>` at the start of a line,
    which Python-Markdown (and any CommonMark engine) copies to the page unread. The sanitized
    HTML holds no `<div>` and no `markdown` attribute, so nothing inside can end the block early
    or ask for Markdown inside it."""
    return f'<div class="{TEXT_CLASS}">\n{markdown_html(text, top_level)}\n</div>'


def plain_text(text: str) -> str:
    """An editor's Markdown as one line of plain text: `**Fet** [länk](…)` → `Fet länk`."""
    return digest(text).plain


def plain_paragraphs(text: str) -> list[str]:
    """An editor's Markdown as plain text, one string per block (paragraph, heading, list item,
    code): the line breaks inside a block, the YAML's hard line breaks among them, become
    spaces. For the calendar, where a description may run over several paragraphs."""
    return _blocks(_parser().parse(str(text)))


def _plain(tokens: list[Token]) -> str:
    return " ".join(_blocks(tokens))


def _blocks(tokens: list[Token]) -> list[str]:
    blocks: list[str] = []
    for token in tokens:
        if token.type == "inline":
            blocks.append("".join(_inline_words(token.children or [])))
        elif token.type in ("code_block", "fence"):
            blocks.append(token.content)
    return [words for words in (" ".join(block.split()) for block in blocks) if words]


def _inline_words(children: list[Token]) -> Iterator[str]:
    for child in children:
        if child.type in ("text", "code_inline"):
            yield child.content
        elif child.type in ("softbreak", "hardbreak"):
            yield " "
        elif child.type == "image":
            yield from _inline_words(child.children or [])


@dataclass(frozen=True)
class Target:
    """A link or image in an editor's text: its address and where it is, 0-based, in the text."""

    kind: str  # "link" or "image"
    url: str
    line: int
    column: int


def targets(text: str) -> list[Target]:
    """Every link and image the parser finds, autolinks included, and every reference
    definition, even one that no link uses (the editor meant it for something)."""
    return list(digest(text).targets)


def _targets(
    text: str, tokens: list[Token], references: dict[str, dict[str, object]]
) -> tuple[Target, ...]:
    # Lines as the parser counts them: a lone carriage return ends a line too.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found: list[Target] = []
    for definition in references.values():
        block = definition.get("map") or [0, len(lines)]
        found.append(_locate("link", str(definition.get("href", "")), lines, list(block)))
    for token in tokens:
        if token.type != "inline" or not token.children or token.map is None:
            continue
        for child in token.children:
            if child.type == "link_open":
                url = str(child.attrs.get("href", ""))
                found.append(_locate("link", url, lines, token.map))
            elif child.type == "image":
                url = str(child.attrs.get("src", ""))
                found.append(_locate("image", url, lines, token.map))
    return tuple(dict.fromkeys(found))  # a reference's use is found at its definition


def _locate(kind: str, url: str, lines: list[str], block: list[int]) -> Target:
    """Where the address is written: in the block that shows the link, else anywhere in the
    text (a reference's definition may sit elsewhere, hidden in a list or a quote), as written
    or percent-decoded; failing that, the start of the block."""
    start, end = block
    searched = [*range(start, min(end, len(lines))), *range(len(lines))]
    for written in dict.fromkeys((url, unquote(url))):
        for number in searched if written else ():
            column = lines[number].find(written)
            if column >= 0:
                return Target(kind, url, number, column)
    first = lines[start] if start < len(lines) else ""
    return Target(kind, url, start, len(first) - len(first.lstrip()))


def allowed_link(url: str) -> bool:
    """Links in editor text go to the web or to an e-mail address, never nowhere."""
    lowered = url.lower()
    return lowered.startswith(LINK_SCHEMES) and lowered not in LINK_SCHEMES


# Every ASCII character but letters, digits and the space, as a numeric character reference:
# Markdown's syntax (CommonMark, Python-Markdown and its extensions) is made of these alone.
_INERT = {code: f"&#{code};" for code in range(0x21, 0x7F) if not chr(code).isalnum()}


def escape_inline(text: str) -> str:
    """A plain value as literal text in a page's Markdown: no formatting, no HTML, no links.

    Every ASCII character other than a letter, a digit or a space becomes a numeric character
    reference (`*` → `&#42;`), which Markdown engines pass through and browsers show as the
    character. No rule about which of them a given parser treats as special is needed."""
    return " ".join(str(text).split()).translate(_INERT)


_URL_KEEP = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#@!$&*+,;=%"
)


def escape_url(url: str) -> str:
    """A URL for `<…>` or `[…](…)` in Markdown: every character outside RFC 3986's unreserved
    and delimiter characters (minus those that could end the destination: `()[]'`) and
    letters beyond ASCII (`sök`) is percent-encoded, so the value can never become HTML or
    Markdown; the address stays the same."""
    return "".join(
        char if char in _URL_KEEP or (char.isalnum() and not char.isascii()) else _percent(char)
        for char in url
    )


def _percent(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode())

"""Putting editors' text into Markdown pages safely.

Plain values (names, titles) are escaped so they render as the text written. Markdown fields
keep their formatting, but raw HTML and attribute lists are shown as text, never rendered, and
their headings are pushed below the heading they are placed under.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]|~#])")
_LEADING_SPECIAL = re.compile(r"^([#+\-=>]|\d+[.)])")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})(?=\s|$)")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
# Characters that could end a link destination or an autolink early, or start raw HTML.
_URL_UNSAFE = re.compile(r"[\x00-\x20<>\"'()\[\]{}|\\^`\x7f]")
_UNSAFE_ANGLE = re.compile(r"<(?!(?:https?:|mailto:)[^\s<>]*>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>)")


def escape_inline(text: str) -> str:
    """A plain value as literal Markdown text: no formatting, no HTML, no links."""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    return _LEADING_SPECIAL.sub(r"\\\1", text)


def escape_url(url: str) -> str:
    """A URL for `<…>` or `[…](…)` in Markdown: what could end it early is percent-encoded,
    so the rest of the value can never become HTML or Markdown (the address stays the same)."""
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url)


def _neutralise(segment: str) -> str:
    """Outside code: `<tag>` and `{: attr}` become text; autolinks stay links."""
    segment = _UNSAFE_ANGLE.sub("&lt;", segment)
    return segment.replace("{", "&#123;").replace("}", "&#125;")


def _safe_line(line: str) -> str:
    parts: list[str] = []
    position = 0
    for match in _CODE_SPAN.finditer(line):
        parts.append(_neutralise(line[position : match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(_neutralise(line[position:]))
    return "".join(parts)


def _demote(line: str, top_level: int) -> str:
    match = _HEADING.match(line)
    if not match:
        return line
    level = min(6, len(match.group(1)) + top_level - 1)
    return "#" * level + line[match.end() :]


def safe_markdown(text: str, top_level: int = 3) -> str:
    """An editor's Markdown field, made safe; its `#` headings start at `top_level`."""
    lines: list[str] = []
    in_fence = False
    for line in str(text).strip("\n").splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            lines.append(line)
        elif in_fence:
            lines.append(line)
        else:
            lines.append(_safe_line(_demote(line, top_level)))
    return "\n".join(lines)


# Plain text of an editor's Markdown, for meta descriptions and JSON-LD. Regular expressions
# instead of a Markdown parser: building and running Python-Markdown for every description
# took 40 % of okide's share of a build. Agrees with Python-Markdown's rendering, tags dropped,
# on what editors write (tests/test_markdown.py compares the two).
_PLAIN_SKIP_LINE = re.compile(r"^ {0,3}(?:(?:[-*_] *){3,}|=+ *|`{3,}.*|~{3,}.*|\[[^\]\n]+\]:.*)$")
_PLAIN_QUOTE = re.compile(r"^ *(?:> ?)*")
_PLAIN_HEADING = re.compile(r"^#{1,6}(.*?)#* *$")
_PLAIN_LIST_ITEM = re.compile(r"^ *(?:[*+-]|[0-9]{1,9}[.)]) ")
_PLAIN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")
_PLAIN_CODE = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
_PLAIN_SLOT = re.compile("\x00([0-9]+)\x00")
# Each pattern with the character it needs: most descriptions lack most of them.
_PLAIN_PATTERNS = (
    ("[", re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")),
    ("[", re.compile(r"\[([^\]\n]*)\] ?\[[^\]\n]*\]")),
    ("<", re.compile(r"<((?:https?|mailto):[^\s<>]+|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)>")),
    ("*", re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")),
    ("_", re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)")),
    ("*", re.compile(r"\*(?=\S)(.+?)(?<=\S)\*")),
    ("_", re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")),
)


@lru_cache(maxsize=4096)
def plain_text(text: str) -> str:
    """An editor's Markdown as one line of plain text: `**Fet** [länk](…)` → `Fet länk`.
    Raw HTML in it stays text (`<b>` reads `<b>`), as on the page. Cached: a description is
    needed twice, for the page's meta description and for its JSON-LD."""
    kept: list[str] = []

    def keep(literal: str) -> str:
        kept.append(literal)
        return f"\x00{len(kept) - 1}\x00"

    lines = []
    for line in str(text).splitlines():
        if _PLAIN_SKIP_LINE.match(line):
            continue
        line = _PLAIN_QUOTE.sub("", line, count=1)
        line = _PLAIN_HEADING.sub(r"\1", line, count=1)
        lines.append(_PLAIN_LIST_ITEM.sub("", line, count=1))
    joined = " ".join(lines)
    if "\\" in joined:
        joined = _PLAIN_ESCAPE.sub(lambda m: keep(m.group(1)), joined)
    if "`" in joined:
        joined = _PLAIN_CODE.sub(lambda m: keep(m.group(2).strip()), joined)
    for needed, pattern in _PLAIN_PATTERNS:
        if needed in joined:
            joined = pattern.sub(_first_group, joined)
    if kept:
        joined = _PLAIN_SLOT.sub(lambda m: kept[int(m.group(1))], joined)
    if "&" in joined:
        joined = html.unescape(joined)
    return " ".join(joined.split())


def _first_group(match: re.Match[str]) -> str:
    return match.group(1)

"""Putting editors' text into Markdown pages safely.

Plain values (names, titles) are escaped so they render as the text written. Markdown fields
keep their formatting, but raw HTML and attribute lists are shown as text, never rendered, and
their headings are pushed below the heading they are placed under.
"""

from __future__ import annotations

import re

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

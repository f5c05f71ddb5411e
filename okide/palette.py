"""The colours a municipality sets in mkdocs.yml (extra.okide.colors), checked against WCAG 2.1
AA before they reach the theme: a public body's site must stay readable whatever its brand.

The theme puts white text on `primary` and `primary_dark` (header, tabs) and uses `primary`
and `accent` for links and buttons on white, so each of those pairs needs 4.5:1.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

AA_NORMAL_TEXT = 4.5
WHITE = "#ffffff"
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
# (colour key, the other colour of the pair, where a reader meets it)
_PAIRS = (
    ("primary", WHITE, "vit text på primärfärgen (sidhuvud, flikar) och länkar på vitt"),
    ("primary_dark", WHITE, "vit text på den mörka primärfärgen"),
    ("accent", WHITE, "länkar under muspekaren, i accentfärgen på vitt"),
)


def _channels(color: str) -> tuple[float, float, float]:
    digits = color[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    red, green, blue = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


def _luminance(color: str) -> float:
    """Relative luminance as WCAG 2.1 defines it."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in _channels(color))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two `#rrggbb` (or `#rgb`) colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def palette_problems(extra: Mapping[str, Any]) -> list[str]:
    """One Swedish message per configured colour that is not a colour or is too faint."""
    okide = extra.get("okide")
    colors = okide.get("colors") if isinstance(okide, Mapping) else None
    if not isinstance(colors, Mapping):
        return []  # no colours, or not a mapping: settings.okide_problems names that
    problems: list[str] = []
    reported: set[str] = set()
    for key, value in colors.items():
        if not isinstance(value, str) or not _HEX.match(value):
            problems.append(
                f"extra.okide.colors.{key}: {value!r} är ingen färg – skriv den som #rrggbb"
            )
            reported.add(key)
    for key, other, where in _PAIRS:
        value = colors.get(key)
        if value is None or key in reported:
            continue
        ratio = contrast_ratio(value, other)
        if ratio < AA_NORMAL_TEXT:
            problems.append(
                f"extra.okide.colors.{key}: {value} ger kontrasten {ratio:.2f}:1 för {where}; "
                f"WCAG 2.1 AA kräver minst {AA_NORMAL_TEXT}:1 – välj en mörkare färg"
            )
            reported.add(key)
    return problems

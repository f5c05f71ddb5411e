"""The public body's identity for the engine: the site's name and description, from the
agreement alone, so that no page of another body's site keeps a name typed into mkdocs.yml."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from markupsafe import Markup, escape

from okide.load import read_entry
from okide.models import Agreement
from okide.sections import AGREEMENT


def read_agreement(root: Path, today: date | None) -> Agreement | None:
    """agreement/agreement.yml if it is valid, else None: the full check, with every problem
    reported, is the build's (on_pre_build, `okide validate`), not this early read's."""
    read = read_entry(root, AGREEMENT.file, AGREEMENT.model, today)
    if isinstance(read, list) or not isinstance(read.entry, Agreement):
        return None
    return read.entry


# The theme prints the site's name and description in HTML, in some places without escaping
# them: they are handed over escaped, as Markup, which an escaping template leaves as it is.


def site_name(agreement: Agreement) -> Markup:
    """`ÖK Idé – Uddevalla kommun`."""
    return escape(f"{agreement.short_name} – {agreement.public_party}")


def site_description(agreement: Agreement) -> Markup:
    return escape(
        f"Överenskommelsen mellan {agreement.public_party} och den idéburna sektorn, "
        "dess värdegrund, parterna och stordialogerna."
    )

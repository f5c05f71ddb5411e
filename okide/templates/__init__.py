"""The Jinja2 templates, found by path (not by package name, which a folder named okide/ in the
current directory could shadow)."""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent

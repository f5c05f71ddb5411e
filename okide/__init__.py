"""okide: publish a local agreement with the idea-based sector (ÖK Idé) as a static site."""

__version__ = "0.1.0"

"""okide: publish a local agreement with the idea-based sector (ÖK Idé) as a static site."""

__version__ = "0.2.0"
# The version of the YAML data format this okide reads (see README: 1.1 adds optional keys only).
DATA_FORMAT = "1.1"

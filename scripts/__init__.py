"""Maintenance and benchmark scripts that use okide, run from the repository's root as modules
(`python -m scripts.bench`), so that each is imported under one name only."""

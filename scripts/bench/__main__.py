"""`make bench`, or `python -m scripts.bench` from the repository's root: build time, memory and
output size of the okide site at 100, 1,000 and 10,000 parties, against a plain MkDocs baseline
(see __init__.py). Options: `--sizes 100,1000`, `--repeat N`, `--help` for the rest."""

import sys

from scripts.bench.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""`make bench`: build time, memory and output size of the okide site at 100, 1,000 and 10,000
parties, against a plain MkDocs baseline. The benchmark itself is the package scripts/bench/;
see its __init__.py. Options: `--sizes 100,1000`, `--repeat N`, `--help` for the rest."""

import sys

from bench.cli import main

if __name__ == "__main__":
    sys.exit(main())

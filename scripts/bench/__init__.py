"""`make bench`: how the okide site scales with the register, at 100, 1,000 and 10,000 parties.

For each size: synthetic data (data.py) → validation time per file → `mkdocs build` of the okide
site and of a plain MkDocs + Material baseline with the same pages as hand-written Markdown, each
in a fresh process (runs.py, projects.py) → output sizes and the search payload of Material's
lunr index beside pagefind's (output.py). Then a cProfile of the okide build (profiling.py) and
the time `mkdocs serve` takes to rebuild after one edited YAML file (serve.py).

cli.py prints the tables and PASS/FAIL per target (report.py; never asserted anywhere: the
numbers belong to the machine) and writes everything to bench/results.json.
"""

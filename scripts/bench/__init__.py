"""`make bench`: how the okide site scales with the register, at 100, 1,000 and 10,000 parties.

For each size: synthetic data (data.py) → validation time per file, in process and as the
`python -m okide validate` command → `mkdocs build` of the okide site and of a plain MkDocs +
Material baseline with the same pages as hand-written Markdown, in pairs of fresh processes whose
order alternates (runs.py, projects.py); the okide build writes okide's search (pagefind and the
word list), the baseline keeps today's, Material's lunr → output sizes (output.py) → what okide's
search index holds, checked against the data (search.py) → what the search step costs in the
build and what a search downloads, and both designs searched in Chromium over a slow phone
network (output.py, browser.py). At 1,000 and 10,000 a
cProfile of the okide build (profiling.py), and at 1,000 the time `mkdocs serve` takes from
saving one YAML file to serving the rebuilt page (serve.py). Last, the validation time of one
64 KiB file written to hurt (hostile.py): nesting at the depth limit, a 64,000-digit number,
Markdown full of backslashes and brackets.

cli.py prints the tables and PASS/FAIL per target (report.py; never asserted anywhere: the
numbers belong to the machine) and writes everything to bench/results.json.
"""

"""The site's link to okide: MkDocs loads this file (mkdocs.yml, `hooks:`), okide does the work.

Everything lives in the installed okide package (okide.mkdocs_hook), at the version the site
pins, so a new okide arrives by changing the pin, not by editing this file. (Not named okide.py:
MkDocs puts this folder first on sys.path while it loads a hook, and a file okide.py here would
hide the okide package.)
"""

from okide.mkdocs_hook import *  # noqa: F403 (every event okide handles, whatever the version)

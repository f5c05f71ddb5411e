import sys

from okide.cli import main

sys.exit(main())

"""``python -m presslens.cli``: run the command line and exit with its status."""

import sys

from presslens.cli import main

if __name__ == "__main__":
    sys.exit(main())

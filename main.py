"""Start LobbyCRM from a checkout: `python main.py` does what `lobbycrm` does."""

import sys

from lobbycrm.__main__ import main

if __name__ == "__main__":
    sys.exit(main())

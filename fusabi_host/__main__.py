"""``python -m fusabi_host``: the fusabi-host command."""

import sys

from fusabi_host.cli import main

sys.exit(main())

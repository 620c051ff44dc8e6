"""The fusabi-host demo: discover the bundled example plugins and validate their manifests."""

from __future__ import annotations

import sys
from pathlib import Path

from fusabi_host.cli import main

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    sys.exit(main(["check", str(HERE / "plugins")]))

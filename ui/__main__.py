"""`python -m ui [--demo] [LỆNH …]`: the same as `commune-desk` (ui.main)."""

import sys

from ui.main import main

sys.exit(main())

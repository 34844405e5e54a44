"""`python -m secaudit` runs the command line."""

from secaudit.cli import main

raise SystemExit(main())

"""Command line of the knowledge package: ``python -m knowledge <command>``."""

from knowledge.cli import main

raise SystemExit(main())

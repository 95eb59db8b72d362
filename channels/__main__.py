from channels.cli import main

raise SystemExit(main())

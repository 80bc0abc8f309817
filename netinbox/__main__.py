from netinbox.cli import main

raise SystemExit(main())

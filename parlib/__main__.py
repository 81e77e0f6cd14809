import sys

from parlib.cli.main import main

sys.exit(main())

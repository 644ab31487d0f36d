"""Lets ``python -m bot`` run the command line, as the ``summit`` script does."""

from bot.cli import main

if __name__ == "__main__":  # spawned worker processes import this module and must not rerun the command
    raise SystemExit(main())

"""`python -m decisiontool`: the same entry point as the `decisiontool` command."""

from decisiontool.cli import main

main()

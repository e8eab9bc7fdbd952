"""`python -m sanderling ...` runs the command-line interface."""

from .cli import main

main()

"""``python -m congvan.cli``: the same as the ``congvan`` command."""

from congvan.cli import main

main()

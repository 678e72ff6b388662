"""Evaluation commands (``warta eval <name>``). Each module here exposes ``register(subparsers)``
and prints precision/recall/F1 on a public data set from ``../shared/data`` or a committed set."""

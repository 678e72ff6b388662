"""Trainers (``warta train <name>``): each module exposes ``register(subparsers)``."""

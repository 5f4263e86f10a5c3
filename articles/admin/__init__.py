"""The editors' desk: one module per part of the newsroom."""

from . import articles, imports, jobs, photos  # noqa: F401  (registers the model admins)

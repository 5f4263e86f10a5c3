"""The editors' desk: one module per part of the newsroom."""

from . import articles, corrections, imports, jobs, photos, previews, workflow  # noqa: F401  (registers the model admins)

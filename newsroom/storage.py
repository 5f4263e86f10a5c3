"""Static files in production: compressed, under hashed names, never a 500 for a missing one."""

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Whitenoise's compressed manifest storage, forgiving while serving pages.

    A name that is neither in the manifest nor among the collected files (a template naming a file
    that was never collected) gets its plain address, which answers 404 for that one file, and an
    error in the log, instead of an exception that turns the whole page into a 500.
    `collectstatic` stays strict: a stylesheet naming a missing file still fails the build.
    """

    manifest_strict = False

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:
            logger.error(
                "Static file %r is not among the collected files; run collectstatic.", name
            )
            return name

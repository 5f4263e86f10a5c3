from pathlib import Path

import pytest
from django.conf import settings

CORPUS = Path(settings.BASE_DIR).parent / "shared" / "corpus"


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    """Every test writes media into its own temporary folder, never the project's."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def corpus():
    """The shared folder of real article material, read in place (never copied into the project)."""
    if not CORPUS.is_dir():
        pytest.fail(f"The shared corpus is missing at {CORPUS}")
    return CORPUS

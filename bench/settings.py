"""Production settings (from the environment, as in production) with the floor view mounted."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "floor_urls"

"""Local development and demos: the embedded SQLite database, the console e-mail backend."""

from alongside.config.settings.base import *  # noqa: F403
from alongside.config.settings.base import env_bool

DEBUG = env_bool("DEBUG", False)

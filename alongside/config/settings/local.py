"""Local development and demos: the embedded SQLite database, the console e-mail backend."""

import os

from alongside.config.settings.base import *  # noqa: F403
from alongside.config.settings.base import env_bool

DEBUG = env_bool("DEBUG", False)

# ALONGSIDE_MAIL_DIR writes each e-mail to a file there instead of the console (the browser tests
# read invitation links this way).
if os.environ.get("ALONGSIDE_MAIL_DIR"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": os.environ["ALONGSIDE_MAIL_DIR"]},
        }
    }

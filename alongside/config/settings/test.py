"""The test suite: TEST_DATABASE_URL selects the database (SQLite in memory by default)."""

import os

from alongside.config.database import database_from_url
from alongside.config.settings.base import *  # noqa: F403

DATABASES = {"default": database_from_url(os.environ.get("TEST_DATABASE_URL", "sqlite://:memory:"))}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; Argon2 tested apart
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

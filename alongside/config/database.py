"""DATABASE_URL → Django database settings, with the SQLite settings that make it safe to share."""

import dj_database_url

# WAL lets readers carry on while one writer writes; synchronous=FULL keeps every committed
# transaction through a power cut; IMMEDIATE takes the write lock at BEGIN, so two short
# writers queue on busy_timeout instead of failing with "database is locked" mid-transaction.
SQLITE_INIT_COMMAND = "PRAGMA journal_mode=WAL;PRAGMA synchronous=FULL;PRAGMA busy_timeout=20000"


def database_from_url(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0 if config["NAME"] == ":memory:" else 60
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": SQLITE_INIT_COMMAND,
        }
    return config

"""The embedded SQLite database, set up as DATABASE_URL sets it up, under concurrent writes."""

import threading
import time

import pytest
from django.db import connections, transaction

from alongside.config.database import database_from_url

WRITERS = 8
TRANSACTIONS_EACH = 15


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    """A database of its own (a file, as in `make run`), beside the test database."""
    alias = "concurrency"
    config = database_from_url(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    configured = connections.configure_settings({"default": config})
    connections.settings[alias] = configured["default"]
    with django_db_blocker.unblock():
        with connections[alias].cursor() as cursor:
            cursor.execute(
                "CREATE TABLE note (id INTEGER PRIMARY KEY, writer INTEGER, seen INTEGER)"
            )
        connections[alias].close()
        yield alias
        connections[alias].close()
    del connections[alias]
    del connections.settings[alias]


def test_sqlite_uses_wal_and_full_synchronous_writes(sqlite_file):
    with connections[sqlite_file].cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    connections[sqlite_file].close()


def test_short_concurrent_writes_queue_instead_of_failing(sqlite_file):
    """Read-then-write transactions from many threads: DEFERRED ones fail with "database is
    locked"; IMMEDIATE ones wait their turn."""
    errors: list[Exception] = []

    def writer(number: int):
        try:
            for _ in range(TRANSACTIONS_EACH):
                with transaction.atomic(using=sqlite_file):
                    cursor = connections[sqlite_file].cursor()
                    seen = cursor.execute("SELECT COUNT(*) FROM note").fetchone()[0]
                    time.sleep(0.001)  # widen the window in which another writer could interleave
                    cursor.execute(
                        "INSERT INTO note (writer, seen) VALUES (%s, %s)", [number, seen]
                    )
        except Exception as error:  # collected and reported below
            errors.append(error)
        finally:
            connections[sqlite_file].close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with connections[sqlite_file].cursor() as cursor:
        rows = cursor.execute("SELECT seen FROM note ORDER BY id").fetchall()
    connections[sqlite_file].close()
    # Serialised: every transaction saw exactly the rows committed before it.
    assert [seen for (seen,) in rows] == list(range(WRITERS * TRANSACTIONS_EACH))

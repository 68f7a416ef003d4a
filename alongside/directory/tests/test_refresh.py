"""Keeping the directory fresh: `alongside directory refresh` queues the re-imports in the
database (Django's tasks framework, django-tasks-db), and the worker runs them."""

import json

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from alongside.directory.importer import import_source
from alongside.directory.models import Service, Source

pytestmark = pytest.mark.django_db


def _feed(path, names):
    items = [
        {
            "id": f"00000000-0000-4000-8000-00000000000{n}",
            "name": name,
            "description": f"<p>{name}: a weekly group.</p>",
            "url": "https://example.org/",
            "email": "hello@example.org",
            "status": "active",
            "organization": {"id": "10000000-0000-4000-8000-000000000001", "name": "Example"},
        }
        for n, name in enumerate(names, start=1)
    ]
    path.write_text(json.dumps(items))


def test_refresh_queues_the_reimport_and_the_worker_runs_it(tmp_path, capsys, run_queue):
    feed = tmp_path / "feed.json"
    _feed(feed, ["Singing group", "Walking group"])
    import_source(str(feed), progress=False)
    assert Service.objects.filter(status="active").count() == 2
    _feed(feed, ["Singing group"])  # the walking group has gone from the source

    call_command("directory", "refresh")
    assert "Queued" in capsys.readouterr().out
    assert DBTaskResult.objects.count() == 1  # queued in the database, not run yet
    assert Service.objects.filter(status="active").count() == 2

    run_queue()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert DBTaskResult.objects.count() == 2  # the directory task, then one per source
    assert list(Service.objects.filter(status="active").values_list("name", flat=True)) == [
        "Singing group"
    ]
    assert Source.objects.get().last_imported_at is not None

"""Keeping the directory fresh with Django's tasks framework (ADR 23).

`alongside directory refresh` queues `refresh_directory`, which queues one `refresh_source` per
source marked for refreshing, so one broken feed does not hold up the others. Schedule the
command (cron, a systemd timer) nightly; a database-backed worker runs the queue. Each re-import
is an ordinary import: idempotent, one transaction, and only changed services re-embedded."""

from django.tasks import task

from alongside.directory.models import ImportRun, Source


@task
def refresh_source(source_id: int) -> dict:
    from alongside.directory.importer import import_source

    source = Source.objects.filter(pk=source_id, refresh=True).first()
    if source is None:
        return {"source": source_id, "outcome": "not refreshed: gone or no longer marked"}
    run = import_source(source.location, progress=False)
    outcome = {"source": source_id, "outcome": run.outcome, "error": run.error}
    if run.outcome == ImportRun.Outcome.DONE:
        outcome |= {
            key: getattr(run, key)
            for key in ("imported", "updated", "unchanged", "skipped", "made_inactive")
        }
    return outcome


@task
def refresh_directory() -> list[int]:
    """Queue the re-import of every source marked for refreshing; returns their ids."""
    ids = list(Source.objects.filter(refresh=True).order_by("pk").values_list("pk", flat=True))
    for source_id in ids:
        refresh_source.enqueue(source_id)
    return ids

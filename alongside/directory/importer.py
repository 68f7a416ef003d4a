"""Importing an Open Referral UK directory: `import_source(location)` reads a file or an http(s)
feed (ORUK v1 service lists, HSDS 3.0 / UK profile 3.0 records and paged lists), checks each
record against the UK profile, and brings the directory in step with it in one transaction: a
run that fails for any reason changes nothing. ADR 23."""

import logging
import sys
from pathlib import Path

import httpx
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from alongside.directory import feeds, oruk
from alongside.directory.feeds import ImportFailed
from alongside.directory.hsds import kind_of
from alongside.directory.models import (
    ImportRun,
    Service,
    ServiceChange,
    ServiceStatus,
    Source,
    SourceFormat,
)
from alongside.directory.signals import services_changed
from alongside.directory.writing import Writer

log = logging.getLogger(__name__)

KIND_WORDS = {
    "service": "services",
    "organization": "organisations",
    "service_at_location": "services at locations",
    "taxonomy": "taxonomies",
    "taxonomy_term": "taxonomy terms",
}


def import_source(
    location: str,
    *,
    name: str = "",
    strict: bool = False,
    progress: bool = True,
    stdout=None,
    client: httpx.Client | None = None,
    max_bytes: int | None = None,
    retries: int = 3,
    backoff: float = 1.0,
    timeout: float = 30.0,
) -> ImportRun:
    """Import a directory feed. Returns the run; run.outcome is FAILED (and nothing changed)
    when the feed could not be read, a page was broken, or --strict found an invalid record."""
    url = feeds.is_url(location)
    location = location if url else str(Path(location).expanduser().resolve())
    source, created = Source.objects.get_or_create(
        location=location, defaults={"name": name or _default_name(location)}
    )
    if name and source.name != name:
        source.name = name
        source.save(update_fields=["name"])
    run = ImportRun.objects.create(source=source, strict=strict)
    max_bytes = max_bytes or getattr(
        settings, "DIRECTORY_IMPORT_MAX_BYTES", feeds.DEFAULT_MAX_BYTES
    )
    own_client = client is None and url
    if own_client:
        client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=True,
            headers={"User-Agent": "Alongside directory import"},
        )
    bar = tqdm(
        unit=" records",
        desc=source.name[:40],
        disable=not progress,
        file=stdout or sys.stderr,
        leave=False,
    )
    try:
        with transaction.atomic():
            Source.objects.select_for_update().filter(pk=source.pk).first()
            reader = _Reader(
                location,
                url=url,
                max_bytes=max_bytes,
                bar=bar,
                fetcher=feeds.Fetcher(client, max_bytes, retries, backoff) if url else None,
            )
            writer = Writer(source=source, run=run)
            for kind, record, v1 in reader.records():
                writer.take(kind, record, v1=v1)
            writer.flush()
            run.warnings = reader.warnings + writer.warnings
            run.problems, run.skipped = writer.problems, writer.skipped
            if strict and writer.skipped:
                raise ImportFailed(
                    f"--strict: {writer.skipped} invalid record(s), so nothing was imported."
                )
            inactive_ids = []
            if writer.read_services and reader.complete:
                inactive_ids = _mark_inactive(source, run, writer.seen_ids)
            changed_ids = writer.new_ids + writer.changed_ids
            _finish(run, writer, inactive_ids, source=source, reader=reader)
            if changed_ids or inactive_ids:
                transaction.on_commit(
                    lambda: services_changed.send(
                        sender=ImportRun,
                        service_ids=changed_ids,
                        inactive_ids=inactive_ids,
                        source=source,
                        run=run,
                        progress=progress,
                    )
                )
    except Exception as error:  # anything at all: the transaction is gone, say why
        if not isinstance(error, ImportFailed):
            log.exception("Directory import failed unexpectedly", extra={"source": source.pk})
        _failed(run, error, created=created)
    finally:
        bar.close()
        if own_client:
            client.close()
    return run


def _default_name(location: str) -> str:
    if feeds.is_url(location):
        return httpx.URL(location).host
    return Path(location).stem.replace("-", " ").replace("_", " ").capitalize()


def _finish(run, writer, inactive_ids, *, source, reader) -> None:
    run.outcome = ImportRun.Outcome.DONE
    run.imported, run.updated = writer.counts["imported"], writer.counts["updated"]
    run.unchanged = writer.counts["unchanged"]
    run.made_inactive = len(inactive_ids)
    run.finished_at = timezone.now()
    run.save()
    source.format = SourceFormat.ORUK_V1 if reader.v1 else SourceFormat.HSDS_3
    source.last_imported_at = run.finished_at
    source.save(update_fields=["format", "last_imported_at"])


def _failed(run: ImportRun, error: Exception, *, created: bool) -> None:
    run.outcome = ImportRun.Outcome.FAILED
    run.error = (
        str(error)
        if isinstance(error, ImportFailed)
        else (f"Something went wrong that we did not expect ({error.__class__.__name__}: {error}).")
    )
    run.imported = run.updated = run.unchanged = run.made_inactive = 0
    run.finished_at = timezone.now()
    if created:
        # A source tried for the first time that failed leaves nothing behind.
        run.source.delete()
    else:
        run.save()


def _mark_inactive(source: Source, run: ImportRun, seen_ids: set[str]) -> list:
    """Services this source listed before and no longer lists are marked inactive (not deleted:
    introductions and history point at them). Their checksum is cleared, so a service that comes
    back is updated, not taken as unchanged."""
    gone = [
        (pk, status)
        for pk, feed_id, status in Service.objects.filter(source=source, is_local=False)
        .exclude(status__in=[ServiceStatus.INACTIVE, ServiceStatus.DEFUNCT])
        .values_list("pk", "feed_id", "status")
        if feed_id not in seen_ids
    ]
    now = timezone.now()
    ids = [pk for pk, _ in gone]
    for start in range(0, len(ids), 500):
        Service.objects.filter(pk__in=ids[start : start + 500]).update(
            status=ServiceStatus.INACTIVE, checksum="", updated_at=now
        )
    ServiceChange.objects.bulk_create(
        ServiceChange(
            service_id=pk, run=run, changes={"status": [status, "inactive"]}, changed_at=now
        )
        for pk, status in gone
    )
    return ids


class _Reader:
    """Every record of a feed, page after page, with what the pages said about themselves."""

    def __init__(self, location, *, url, max_bytes, bar, fetcher):
        self.location, self.url, self.max_bytes = location, url, max_bytes
        self.bar, self.fetcher = bar, fetcher
        self.warnings: list[dict] = []
        self.complete = True  # False when the feed said it had pages we did not read
        self.v1 = False

    def records(self):
        address = self.location
        number = feeds.page_number(address) if self.url else 1
        seen_first: dict = {}
        for _ in range(feeds.MAX_PAGES):
            page = (
                self.fetcher.page(address)
                if self.url
                else feeds.open_file(address, max_bytes=self.max_bytes)
            )
            kind, first_id = None, None
            for record in page:
                if kind is None:
                    kind = self._kind(record, page)
                    first_id = record.get("id") if isinstance(record, dict) else None
                self.bar.update()
                yield kind, record, self.v1
            if page.shape == "object":
                yield from self._single(page)
                return
            if page.count and first_id is not None and first_id in seen_first:
                raise ImportFailed(
                    f"{address} repeats page {seen_first[first_id]}: the feed's paging does not "
                    "work (it may not understand ?page=)."
                )
            seen_first[first_id] = number
            total = page.meta.get("total_items", page.meta.get("totalElements"))
            if isinstance(total, int) and self.bar.total is None:
                self.bar.total = total
            pages = feeds.more_pages(page.meta, number) if page.count else None
            if pages is None:
                return
            if not self.url:
                self.complete = False
                said = (
                    f"this file is page {number} of {pages}, so only its {page.count} record(s) "
                    "were read and no services were marked as no longer listed"
                )
                self.warnings.append({"record": "", "name": "", "problem": said, "value": ""})
                return
            number += 1
            address = feeds.with_page(address, number)
        raise ImportFailed(f"The feed has more than {feeds.MAX_PAGES} pages; stopped.")

    def _kind(self, record, page) -> str:
        if oruk.looks_v1(record):
            self.v1 = True
            return "service"
        kind = kind_of(record)
        if kind is None:
            raise ImportFailed(self._not_a_directory(record, page.where, "list"))
        return kind

    def _single(self, page):
        record = page.meta
        if "openapi_url" in record and "version" in record:
            if self.url:  # the feed's root: its services are under /services
                self.location = page.where.split("?")[0].rstrip("/") + "/services"
                yield from self.records()
                return
            raise ImportFailed(
                f"{page.where} describes a feed ({record.get('version')}), it holds no services: "
                "import the feed's /services address."
            )
        if oruk.looks_v1(record):
            self.v1 = True
            kind = "service"
        else:
            kind = kind_of(record)
        if kind is None:
            raise ImportFailed(self._not_a_directory(record, page.where, "object"))
        self.bar.update()
        yield kind, record, self.v1

    @staticmethod
    def _not_a_directory(record, where: str, shape: str) -> str:
        if isinstance(record, dict):
            fields = ", ".join(sorted(record)[:8]) or "no fields"
            found = f"an {shape} with {fields}" if shape == "object" else f"records with {fields}"
        else:
            found = f"a list of {type(record).__name__} values"
        return (
            f"{where} is not an Open Referral directory: it holds {found}. Expected services, "
            "organisations, services at locations, taxonomies or taxonomy terms."
        )

"""Reading a directory feed from a file or an http(s) address, a page at a time, streaming each
page's records with ijson so that no page is held in memory whole. ADR 23."""

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import SpooledTemporaryFile
from typing import IO
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
import ijson

# A feed page bigger than this is refused. The two real council feeds are about 2 MB each; a
# whole county's directory in one response stays well under it. Settings may change it.
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
MAX_PAGES = 10_000
RETRY_STATUSES = {408, 425, 429, 500, 502, 503, 504}


class ImportFailed(Exception):
    """The import cannot go on; nothing is changed. The message says why in plain words."""


def is_url(location: str) -> bool:
    return urlsplit(location).scheme.lower() in {"http", "https"}


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


@dataclass
class Page:
    """One page of a feed: its records, streamed, and afterwards what else the page said."""

    stream: IO[bytes]
    where: str
    # After iterating: "array" (a JSON list), "page" (an object with contents/content) or
    # "object" (a single record, then in `meta`).
    shape: str = ""
    list_key: str = ""
    meta: dict = field(default_factory=dict)
    count: int = 0

    def __iter__(self) -> Iterator[object]:
        try:
            yield from self._records()
        except ijson.JSONError as error:
            after = f" after record {self.count}" if self.count else ""
            said = str(error).strip().splitlines()[0] if str(error).strip() else "it stops short"
            raise ImportFailed(f"{self.where} is not valid JSON{after} ({said}).") from error
        finally:
            self.stream.close()

    def _records(self) -> Iterator[object]:
        while chunk := self.stream.read(65536):
            if chunk.strip():
                break
        else:
            raise ImportFailed(f"{self.where} is empty.")
        self.stream.seek(0)
        events = ijson.parse(self.stream, use_float=True)
        first = next(events, None)
        if first is None:
            raise ImportFailed(f"{self.where} is empty.")
        _, event, _ = first
        if event == "start_array":
            self.shape = "array"
            for record in _items(events):
                self.count += 1
                yield record
        elif event == "start_map":
            self.shape = "object"
            for _, event, key in events:
                if event == "end_map":
                    break
                _, event, value = next(events)
                if key in {"contents", "content"} and event == "start_array":
                    self.shape, self.list_key = "page", key
                    for record in _items(events):
                        self.count += 1
                        yield record
                else:
                    self.meta[key] = _build(event, value, events)
        else:
            raise ImportFailed(
                f"{self.where} holds a single value, not an Open Referral list or record."
            )
        for _ in events:  # anything after the top-level value is an error ijson reports
            pass


def _build(event: str, value: object, events) -> object:
    if event not in {"start_map", "start_array"}:
        return value
    builder = ijson.ObjectBuilder()
    builder.event(event, value)
    depth = 1
    for _, event, value in events:
        builder.event(event, value)
        if event in {"start_map", "start_array"}:
            depth += 1
        elif event in {"end_map", "end_array"}:
            depth -= 1
            if depth == 0:
                break
    return builder.value


def _items(events) -> Iterator[object]:
    for _, event, value in events:
        if event == "end_array":
            return
        yield _build(event, value, events)


def open_file(path: str, *, max_bytes: int) -> Page:
    file = Path(path)
    if not file.is_file():
        raise ImportFailed(f"There is no file at {path}.")
    size = file.stat().st_size
    if size > max_bytes:
        raise ImportFailed(
            f"{path} is {_megabytes(size)}: files over {_megabytes(max_bytes)} are refused. "
            "Split it into pages, or raise DIRECTORY_IMPORT_MAX_BYTES."
        )
    return Page(stream=file.open("rb"), where=str(path))


@dataclass
class Fetcher:
    """Gets pages over http(s): timeouts, retries with growing waits, a size limit per page.
    Each page is read whole into a temporary file (spilling to disk) before parsing, so that a
    retry never repeats records."""

    client: httpx.Client
    max_bytes: int
    retries: int = 3
    backoff: float = 1.0

    def page(self, url: str) -> Page:
        reason = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                return Page(stream=self._download(url), where=url)
            except _TryAgain as error:
                reason = str(error)
            except httpx.TimeoutException:
                reason = "it did not answer in time"
            except httpx.TransportError as error:
                reason = f"it could not be reached ({error.__class__.__name__}: {error})"
        tries = self.retries + 1
        raise ImportFailed(f"Could not fetch {url} ({tries} tries): {reason}.")

    def _download(self, url: str) -> IO[bytes]:
        with self.client.stream("GET", url, headers={"Accept": "application/json"}) as response:
            if response.status_code in RETRY_STATUSES:
                raise _TryAgain(f"it answered {response.status_code} {response.reason_phrase}")
            if response.status_code >= 400:
                raise ImportFailed(
                    f"{url} answered {response.status_code} {response.reason_phrase}."
                )
            length = response.headers.get("content-length", "")
            if length.isdigit() and int(length) > self.max_bytes:
                raise ImportFailed(self._too_big(url, int(length)))
            body = SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - Page closes it
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    body.close()
                    raise ImportFailed(self._too_big(url, size, more=True))
                body.write(chunk)
            body.seek(0)
            return body

    def _too_big(self, url: str, size: int, *, more: bool = False) -> str:
        over = "more than " if more else ""
        limit = _megabytes(self.max_bytes)
        return f"{url} is {over}{_megabytes(size)}: pages over {limit} are refused."


class _TryAgain(Exception):
    pass


def with_page(url: str, number: int) -> str:
    """The address of another page of an HSDS list: ?page=N, other query values kept."""
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query) if key != "page"]
    query.append(("page", str(number)))
    return urlunsplit(parts._replace(query=urlencode(query)))


def page_number(url: str) -> int:
    for key, value in parse_qsl(urlsplit(url).query):
        if key == "page" and value.isdigit():
            return int(value)
    return 1


def more_pages(meta: dict, number: int) -> int | None:
    """How many pages the list says it has, when it says there are more after this one."""
    last = meta.get("last_page", meta.get("last"))
    total = meta.get("total_pages", meta.get("totalPages"))
    total = int(total) if isinstance(total, int | float) and not isinstance(total, bool) else None
    if last is True:
        return None
    if last is False:
        return total or number + 1
    if total is not None and number < total:
        return total
    return None

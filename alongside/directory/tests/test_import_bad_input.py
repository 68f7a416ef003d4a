"""Bad input: broken JSON, the wrong schema, a huge file, unreachable and slow addresses, hostile
HTML. Each gives a clear error naming the problem, and the directory stays as it was."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from django.core.management import call_command

from alongside.directory import feeds
from alongside.directory.cleaning import clean_line, clean_text
from alongside.directory.importer import import_source
from alongside.directory.models import ImportRun, Service, ServiceStatus, Source

DATA = Path(__file__).resolve().parents[3] / "data" / "oruk"
NORTH_LINCS = DATA / "feeds" / "north-lincolnshire-services-2024-12.json"
FIXTURES = DATA / "validator-fixtures"

pytestmark = pytest.mark.django_db


def items(size=10) -> list[dict]:
    return json.loads(NORTH_LINCS.read_text())[:size]


def run_import(location, **options) -> ImportRun:
    return import_source(str(location), progress=False, **options)


def snapshot() -> list:
    return list(Service.objects.order_by("feed_id").values_list("feed_id", "name", "status"))


@pytest.fixture
def imported(tmp_path):
    """A feed of ten services already imported; the tests then break it."""
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(items()))
    assert run_import(path).imported == 10
    return path


def test_a_file_broken_halfway_changes_nothing(imported):
    before = snapshot()
    text = json.dumps(items(10)[1:])  # one service fewer: it would be marked inactive
    imported.write_text(text[: len(text) // 2])

    run = run_import(imported)

    assert run.outcome == ImportRun.Outcome.FAILED
    assert "is not valid JSON after record" in run.error
    assert str(imported) in run.error
    assert snapshot() == before
    assert not Service.objects.filter(status=ServiceStatus.INACTIVE).exists()
    # The failed run is kept with the source's history.
    assert run.pk and run.source.runs.count() == 2


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ('{"hello": "world"}', "is not an Open Referral directory: it holds an object with hello"),
        ('[{"colour": "blue"}]', "is not an Open Referral directory: it holds records with colour"),
        ("[1, 2, 3]", "it holds a list of int values"),
        ('"just words"', "holds a single value"),
        ("", "is empty"),
        ("{\"id\": 'single quotes'}", "is not valid JSON"),
    ],
)
def test_the_wrong_schema_is_refused_clearly(tmp_path, content, said):
    path = tmp_path / "wrong.json"
    path.write_text(content)

    run = run_import(path)

    assert run.outcome == ImportRun.Outcome.FAILED
    assert said in run.error
    assert not Source.objects.exists()


def test_a_feeds_api_details_file_points_to_its_services():
    run = run_import(FIXTURES / "V3.0-UK-Default" / "api_details.json")

    assert run.outcome == ImportRun.Outcome.FAILED
    assert "holds no services: import the feed's /services address" in run.error


def test_a_missing_file_is_named(tmp_path):
    run = run_import(tmp_path / "nowhere.json")

    assert run.outcome == ImportRun.Outcome.FAILED
    assert run.error == f"There is no file at {tmp_path / 'nowhere.json'}."


def test_a_file_over_the_limit_is_refused_before_reading(settings):
    settings.DIRECTORY_IMPORT_MAX_BYTES = 1024 * 1024

    run = run_import(NORTH_LINCS)

    assert run.outcome == ImportRun.Outcome.FAILED
    assert "is 2 MB: files over 1 MB are refused" in run.error
    assert not Service.objects.exists()


def test_hostile_html_is_stored_as_harmless_plain_text(tmp_path):
    item = items(1)[0]
    item["name"] = "<b>Choir</b>\x00 <script>alert('name')</script>for&nbsp;all"
    item["description"] = (
        '<p onclick="steal()">Sing with us<img src=x onerror="alert(1)"></p>'
        "<iframe src='https://evil.example'></iframe><style>body{display:none}</style>"
        "<p>&lt;script&gt;alert(2)&lt;/script&gt;Every <a href='javascript:alert(3)'>Monday</a></p>"
    )
    item["fees"] = "<em>Free</em>"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps([item]))

    run_import(path)

    service = Service.objects.get()
    assert service.name == "Choir for all"
    assert service.description == "Sing with us\n\nEvery Monday"
    assert (service.fees, service.is_free) == ("Free", True)


def test_cleaning_keeps_paragraphs_and_words():
    assert clean_text("<p>One&nbsp;&amp; two</p>\r\n<p>Three<br/>four</p>") == (
        "One & two\n\nThree\nfour"
    )
    assert clean_text("<ul><li>Tea</li><li>Cake</li></ul>") == "Tea\nCake"
    assert clean_text("Ages 5 < 11 and I <3 singing") == "Ages 5 < 11 and I <3 singing"
    assert clean_line("  A\u200b  name\n\nhere ") == "A name here"
    assert clean_text(None) == ""


# --- over http(s) ----------------------------------------------------------------------------


def hsds_page(number: int, total: int, services: list[dict]) -> dict:
    return {
        "total_items": total * len(services),
        "total_pages": total,
        "page_number": number,
        "size": len(services),
        "first_page": number == 1,
        "last_page": number == total,
        "empty": not services,
        "contents": services,
    }


def hsds_service(n: int) -> dict:
    return {"id": f"service-{n}", "name": f"Choir {n}", "status": "active", "description": "Sing"}


def client_for(handler) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


def test_a_paged_feed_is_followed_to_its_last_page():
    asked = []

    def handler(request):
        asked.append(str(request.url))
        number = int(request.url.params.get("page", 1))
        services = [hsds_service(number * 10 + n) for n in range(2)]
        return httpx.Response(200, json=hsds_page(number, 3, services))

    run = run_import("https://feed.example/services?per_page=2", client=client_for(handler))

    assert run.outcome == ImportRun.Outcome.DONE, run.error
    assert run.imported == 6
    assert asked == [
        "https://feed.example/services?per_page=2",
        "https://feed.example/services?per_page=2&page=2",
        "https://feed.example/services?per_page=2&page=3",
    ]
    assert run.source.location == "https://feed.example/services?per_page=2"


def test_a_feeds_root_address_leads_to_its_services():
    def handler(request):
        if request.url.path == "/":
            return httpx.Response(200, json={"version": "3.0", "openapi_url": "x", "profile": "y"})
        return httpx.Response(200, json=hsds_page(1, 1, [hsds_service(1)]))

    run = run_import("https://feed.example/", client=client_for(handler))

    assert run.imported == 1


def test_a_page_broken_after_the_first_changes_nothing():
    def good(request):
        number = int(request.url.params.get("page", 1))
        return httpx.Response(200, json=hsds_page(number, 2, [hsds_service(number)]))

    assert run_import("https://feed.example/services", client=client_for(good)).imported == 2
    before = snapshot()

    def broken(request):
        if request.url.params.get("page") == "2":
            return httpx.Response(200, text='{"contents": [{"id": "service-2", "na')
        return httpx.Response(200, json=hsds_page(1, 2, [hsds_service(1) | {"name": "New"}]))

    run = run_import("https://feed.example/services", client=client_for(broken))

    assert run.outcome == ImportRun.Outcome.FAILED
    assert "https://feed.example/services?page=2 is not valid JSON" in run.error
    assert snapshot() == before


def test_an_unreachable_address_is_tried_again_then_refused(monkeypatch):
    waits, calls = [], []
    monkeypatch.setattr(feeds.time, "sleep", waits.append)

    def handler(request):
        calls.append(request)
        raise httpx.ConnectError("Name or service not known", request=request)

    run = run_import("https://nowhere.example/services", client=client_for(handler))

    assert run.outcome == ImportRun.Outcome.FAILED
    assert len(calls) == 4 and waits == [1.0, 2.0, 4.0]
    assert run.error.startswith("Could not fetch https://nowhere.example/services (4 tries)")
    assert "could not be reached" in run.error
    assert not Source.objects.exists()


def test_a_server_error_is_tried_again_and_a_missing_page_is_not(monkeypatch):
    monkeypatch.setattr(feeds.time, "sleep", lambda seconds: None)
    answers = [httpx.Response(503), httpx.Response(200, json=[items(1)[0]])]
    run = run_import("https://feed.example/a", client=client_for(lambda request: answers.pop(0)))
    assert run.imported == 1

    calls = []

    def missing(request):
        calls.append(request)
        return httpx.Response(404)

    run = run_import("https://feed.example/b", client=client_for(missing))
    assert run.error == "https://feed.example/b answered 404 Not Found."
    assert len(calls) == 1


def test_a_page_too_big_is_refused():
    body = json.dumps(items(10)).encode()

    def handler(request):
        return httpx.Response(200, content=body)

    run = run_import("https://feed.example/big", client=client_for(handler), max_bytes=1000)

    assert run.outcome == ImportRun.Outcome.FAILED
    assert "pages over 0 MB are refused" in run.error
    assert not Service.objects.exists()


def test_a_feed_that_ignores_the_page_number_is_refused():
    def handler(request):
        return httpx.Response(200, json=hsds_page(1, 5, [hsds_service(1)]))

    run = run_import("https://feed.example/services", client=client_for(handler))

    assert run.outcome == ImportRun.Outcome.FAILED
    assert "repeats page 1" in run.error


class SlowHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(1)
        try:
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"[]")
        except OSError:
            pass  # the importer gave up waiting and closed the connection

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/services"
    server.shutdown()
    server.server_close()


def test_a_slow_address_times_out_after_retries(slow_server, imported):
    before = snapshot()

    run = import_source(slow_server, progress=False, timeout=0.2, retries=1, backoff=0)

    assert run.outcome == ImportRun.Outcome.FAILED
    assert run.error == f"Could not fetch {slow_server} (2 tries): it did not answer in time."
    assert snapshot() == before


# --- keeping it fresh ------------------------------------------------------------------------


def test_refresh_re_imports_the_sources_marked_for_it(imported, tmp_path, capsys, run_queue):
    other = tmp_path / "other.json"
    other.write_text(json.dumps(items(12)[10:]))
    run_import(other)
    Source.objects.filter(location=str(other)).update(refresh=False)
    imported.write_text(json.dumps(items(9)))

    call_command("directory", "refresh")
    assert "Queued the re-import" in capsys.readouterr().out
    run_queue()  # the database worker runs what was queued

    fresh = Source.objects.get(location=str(imported)).runs.first()
    assert (fresh.outcome, fresh.unchanged, fresh.made_inactive) == ("done", 9, 1)
    assert Source.objects.get(location=str(other)).runs.count() == 1

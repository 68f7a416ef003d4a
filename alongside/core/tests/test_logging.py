import json
import logging

import pytest
from django.urls import reverse

from alongside.core.logging import JsonFormatter, RequestIdFilter


@pytest.fixture
def json_lines():
    """Captures every log record as the production JSON formatter writes it."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    handler = Collect()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lines
    root.removeHandler(handler)
    root.setLevel(old_level)


def test_each_request_is_one_json_line_with_its_request_id(client, db, json_lines):
    response = client.get(reverse("core:accessibility"))
    entries = [json.loads(line) for line in json_lines]
    request_lines = [e for e in entries if e["logger"] == "alongside.request"]
    assert len(request_lines) == 1
    entry = request_lines[0]
    assert entry["request_id"] == response["X-Request-ID"]
    assert (entry["route"], entry["status"], entry["method"]) == ("core:accessibility", 200, "GET")


def test_a_sane_request_id_from_the_load_balancer_is_kept(client, db):
    response = client.get(reverse("core:healthz"), headers={"X-Request-ID": "lb-1234abcd"})
    assert response["X-Request-ID"] == "lb-1234abcd"
    response = client.get(reverse("core:healthz"), headers={"X-Request-ID": "<script>"})
    assert response["X-Request-ID"] != "<script>"


def test_logs_never_hold_email_addresses_names_or_record_paths(
    council, client, client_as, json_lines
):
    client.post(reverse("accounts:sign-in"), {"email": "maggie@example.test", "password": "wrong"})
    client_as("practitioner").get(reverse("people:detail", kwargs={"person_id": council.person.pk}))
    everything = "\n".join(json_lines)
    assert "sign_in.failed" in everything
    for personal in ("maggie@example.test", council.person.family_name, str(council.person.pk)):
        assert personal not in everything


def test_exception_messages_are_left_out_because_they_can_quote_data(json_lines):
    try:
        raise ValueError("Dennis Ward, 14 Shirebrook Road")
    except ValueError:
        logging.getLogger("alongside.test").exception("failed")
    entry = json.loads(json_lines[-1])
    assert entry["exception"] == "ValueError"
    assert "Shirebrook" not in json_lines[-1]

"""Security headers, error pages, production settings and the deploy check."""

import os
import subprocess
import sys

import pytest
from django.urls import reverse

from alongside.config.settings import base


def test_content_security_policy_uses_a_nonce_and_never_unsafe_inline(client, db):
    response = client.get(reverse("accounts:sign-in"))
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    assert "script-src 'self' 'nonce-" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    html = response.content.decode()
    assert html.count(f'nonce="{nonce}"') == 3  # brand style, body class script, module init
    assert "frame-ancestors 'none'" in policy


def test_security_headers_on_every_page(client, db):
    response = client.get(reverse("core:accessibility"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert len(response["X-Request-ID"]) == 32


def test_signed_in_pages_are_never_stored(client_as):
    response = client_as("practitioner").get("/")
    assert response["Cache-Control"] == "no-store"


def test_cookies_are_http_only():
    assert base.SESSION_COOKIE_HTTPONLY and base.CSRF_COOKIE_HTTPONLY


def test_the_not_found_page_is_friendly_and_reveals_nothing(client, client_as):
    response = client_as("practitioner").get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_a_server_error_is_friendly_and_reveals_nothing(client, db, settings):
    settings.ROOT_URLCONF = "alongside.core.tests.failing_urls"
    client.raise_request_exception = False
    response = client.get("/fails")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "secret detail" not in html and "Traceback" not in html


def test_healthz_checks_the_database(client, db):
    response = client.get(reverse("core:healthz"))
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def _alongside(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "alongside", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def production_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TEST_DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="alongside.config.settings.production",
        SECRET_KEY="x" * 20 + "-production-secret-key-for-the-deploy-check-only-0123456789",
        ALLOWED_HOSTS="alongside.example.gov.uk",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        ALONGSIDE_VAR_DIR=str(tmp_path),
    )
    return env


def test_the_deploy_check_reports_nothing_with_nothing_silenced(production_env):
    result = _alongside("check", "--deploy", "--fail-level", "DEBUG", env=production_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_secrets(production_env, missing):
    del production_env[missing]
    result = _alongside("check", env=production_env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_a_stale_form_gets_a_friendly_page(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        reverse("accounts:sign-in"), {"email": "a@b.c"}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Sorry, that form could not be sent" in html
    assert "CSRF" not in html

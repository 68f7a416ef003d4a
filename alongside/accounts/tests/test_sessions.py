import time

import pytest
from django.conf import settings

from alongside.accounts.middleware import LAST_SEEN, SIGNED_IN_AT


def _age_session(client, *, idle: float, since_sign_in: float):
    session = client.session
    session[LAST_SEEN] = time.time() - idle
    session[SIGNED_IN_AT] = time.time() - since_sign_in
    session.save()


@pytest.mark.parametrize(
    ("idle", "since_sign_in", "still_signed_in"),
    [
        (60, 60, True),
        (settings.SESSION_IDLE_SECONDS - 120, 3600, True),
        (settings.SESSION_IDLE_SECONDS + 1, 3600, False),  # 30 minutes idle
        (60, settings.SESSION_COOKIE_AGE + 1, False),  # 10 hours in all
    ],
)
def test_sessions_end_after_30_minutes_idle_or_10_hours(
    client_as, idle, since_sign_in, still_signed_in
):
    client = client_as("person_user")
    _age_session(client, idle=idle, since_sign_in=since_sign_in)
    response = client.get("/")
    assert (response.status_code == 200) is still_signed_in
    if not still_signed_in:
        assert response["Location"] == "/sign-in"
        assert "_auth_user_id" not in client.session  # ended on the server


def test_activity_keeps_a_session_alive(client_as):
    client = client_as("person_user")
    _age_session(client, idle=settings.SESSION_IDLE_SECONDS - 120, since_sign_in=3600)
    client.get("/")
    assert time.time() - client.session[LAST_SEEN] < 5


def test_the_session_cookie_lasts_no_longer_than_the_absolute_limit():
    assert settings.SESSION_COOKIE_AGE == 10 * 60 * 60
    assert settings.SESSION_IDLE_SECONDS == 30 * 60

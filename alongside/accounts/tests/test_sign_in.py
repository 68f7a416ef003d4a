from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import Role, SignInFailure
from alongside.accounts.tests.factories import PASSWORD, user_create
from alongside.config.settings import base

SIGN_IN = reverse("accounts:sign-in")


def _sign_in(client, email, password=PASSWORD, **extra):
    return client.post(SIGN_IN, {"email": email, "password": password, **extra})


@pytest.fixture
def person(db):
    return user_create(role=Role.PERSON, email="ruth@example.test")


def test_a_person_signs_in_with_a_new_session_id(client, person):
    client.get(SIGN_IN)
    before = client.session.session_key
    response = _sign_in(client, "Ruth@Example.test")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.session.session_key != before
    assert client.get("/").status_code == 200


def test_staff_go_to_two_factor_after_their_password(client, db):
    staff = user_create(role=Role.PRACTITIONER)
    response = _sign_in(client, staff.email, next="/people/")
    assert response.status_code == 302
    assert response["Location"] == "/two-factor?next=%2Fpeople%2F"


@pytest.mark.parametrize("email", ["ruth@example.test", "nobody@example.test"])
def test_a_wrong_password_or_unknown_address_gets_the_same_words(client, person, email):
    response = _sign_in(client, email, password="not the password")
    assert response.status_code == 400
    assert "The email address or password is not right" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_empty_fields_say_what_to_enter(client, db):
    html = _sign_in(client, "", password="").content.decode()
    assert "Enter your email address" in html and "Enter your password" in html
    assert 'href="#id_email"' in html  # error summary links to the field
    assert 'aria-describedby="id_email_error"' in html


def test_sign_in_never_redirects_off_site(client, person):
    response = _sign_in(client, person.email, next="https://evil.example/")
    assert response["Location"] == "/"


def test_repeated_failures_throttle_the_account_for_a_while(client, person):
    for _ in range(base.SIGN_IN_MAX_FAILURES_PER_ACCOUNT):
        assert _sign_in(client, person.email, password="wrong").status_code == 400
    response = _sign_in(client, person.email)  # even the right password waits
    assert response.status_code == 429
    assert "too many attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Other accounts from elsewhere are not affected.
    other = user_create(role=Role.PERSON)
    assert _sign_in(client, other.email).status_code == 302


def test_the_throttle_lifts_when_the_window_has_passed(client, person):
    for _ in range(base.SIGN_IN_MAX_FAILURES_PER_ACCOUNT):
        _sign_in(client, person.email, password="wrong")
    SignInFailure.objects.update(
        at=timezone.now() - timedelta(seconds=base.SIGN_IN_WINDOW_SECONDS + 1)
    )
    assert _sign_in(client, person.email).status_code == 302


def test_many_failures_from_one_address_throttle_that_address(client, db, settings):
    settings.SIGN_IN_MAX_FAILURES_PER_ADDRESS = 3
    for number in range(3):
        _sign_in(client, f"guess{number}@example.test", password="wrong")
    victim = user_create(role=Role.PERSON)
    assert _sign_in(client, victim.email).status_code == 429


def test_failures_store_hashes_never_addresses(client, person):
    _sign_in(client, person.email, password="wrong")
    keys = list(SignInFailure.objects.values_list("key", flat=True))
    assert len(keys) == 2
    assert all(person.email not in key and "127.0.0.1" not in key for key in keys)


def test_passwords_are_hashed_with_argon2(db, settings):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    user = user_create(role=Role.PERSON)
    assert user.password.startswith("argon2")


def test_common_and_short_passwords_are_refused_but_long_passphrases_welcome():
    with pytest.raises(ValidationError):
        validate_password("qwerty123456")
    with pytest.raises(ValidationError):
        validate_password("short")
    validate_password("my grandchildren visit on sundays and we bake " * 5)


def test_sign_out_is_a_post_and_ends_the_session_on_the_server(client, person):
    from django.contrib.sessions.models import Session

    _sign_in(client, person.email)
    key = client.session.session_key
    assert client.get(reverse("accounts:sign-out")).status_code == 405
    response = client.post(reverse("accounts:sign-out"))
    assert response["Location"] == reverse("accounts:signed-out")
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/").status_code == 302

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from alongside.accounts.models import Role
from alongside.accounts.tests.factories import user_create
from conftest import sign_in

TWO_FACTOR = reverse("accounts:two-factor")


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def _record_url(council):
    return reverse("people:detail", kwargs={"person_id": council.person.pk})


@pytest.mark.parametrize("member", ["practitioner", "manager", "lead", "administrator"])
def test_staff_cannot_reach_people_before_two_factor(council, client, member):
    sign_in(client, getattr(council, member), two_factor=False)
    for url in (_record_url(council), reverse("people:list")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(TWO_FACTOR + "?next=")


def test_staff_with_an_app_confirm_a_code_and_carry_on(council, client):
    sign_in(client, council.practitioner, two_factor=False)
    device = TOTPDevice.objects.get(user=council.practitioner)
    page = client.get(TWO_FACTOR, {"next": _record_url(council)})
    assert "Enter the code from your authenticator app" in page.content.decode()
    response = client.post(TWO_FACTOR, {"code": _code(device), "next": _record_url(council)})
    assert response["Location"] == _record_url(council)
    assert client.get(_record_url(council)).status_code == 200


def test_a_wrong_code_is_refused_with_a_clear_message(council, client):
    sign_in(client, council.practitioner, two_factor=False)
    response = client.post(TWO_FACTOR, {"code": "000000"})
    assert response.status_code == 400
    assert "The code is not right" in response.content.decode()
    assert client.get(_record_url(council)).status_code == 302


def test_the_same_code_cannot_be_used_twice(council, client):
    device = TOTPDevice.objects.get(user=council.practitioner)
    code = _code(device)
    sign_in(client, council.practitioner, two_factor=False)
    assert client.post(TWO_FACTOR, {"code": code}).status_code == 302
    second = sign_in(type(client)(), council.practitioner, two_factor=False)
    assert second.post(TWO_FACTOR, {"code": code}).status_code == 400


def test_setting_up_two_factor_shows_the_key_then_recovery_codes(client, db):
    staff = user_create(role=Role.TEAM_MANAGER, two_factor=False)
    sign_in(client, staff)
    page = client.get(TWO_FACTOR).content.decode()
    assert "Set up two-factor authentication" in page
    assert 'src="data:image/svg+xml' in page  # the QR code, drawn on the server
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    secret = re.search(r'class="alongside-secret">([A-Z2-7 ]+)<', page).group(1)
    assert secret.replace(" ", "")  # the key is shown for typing in

    response = client.post(TWO_FACTOR, {"code": _code(device)})
    codes = re.findall(r"<li><code>([a-z0-9]{10})</code></li>", response.content.decode())
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed


def test_a_wrong_code_while_setting_up_is_refused(client, db):
    staff = user_create(role=Role.TEAM_MANAGER, two_factor=False)
    sign_in(client, staff)
    client.get(TWO_FACTOR)
    response = client.post(TWO_FACTOR, {"code": "12345"})
    assert response.status_code == 400
    assert "The code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()


def test_a_recovery_code_works_once(client, db):
    staff = user_create(role=Role.PRACTITIONER, two_factor=False)
    sign_in(client, staff)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    response = client.post(TWO_FACTOR, {"code": _code(device)})
    code = re.findall(r"<li><code>([a-z0-9]{10})</code></li>", response.content.decode())[0]

    first = sign_in(type(client)(), staff, two_factor=False)
    assert first.post(TWO_FACTOR, {"code": code.upper()}).status_code == 302
    again = sign_in(type(client)(), staff, two_factor=False)
    assert again.post(TWO_FACTOR, {"code": code}).status_code == 400
    assert StaticToken.objects.filter(device__user=staff).count() == 9


def test_people_and_supporters_are_offered_two_factor_not_forced(council, client):
    sign_in(client, council.person_user)
    assert client.get(_record_url(council)).status_code == 200
    assert "Set up two-factor authentication" in client.get(TWO_FACTOR).content.decode()

"""TOTP two-factor authentication with single-use recovery codes (django-otp devices)."""

import base64
import binascii
import secrets

import segno
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10


def confirmed_totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed device being set up (one per user), created on first visit."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "Authenticator app"}
    )
    return device


def secret_for_people(device: TOTPDevice) -> str:
    """The key as base32 in groups of four, as authenticator apps ask for it."""
    secret = base64.b32encode(binascii.unhexlify(device.key)).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def hex_key_from_base32(secret: str) -> str:
    padded = secret.replace(" ", "").upper()
    padded += "=" * (-len(padded) % 8)
    return binascii.hexlify(base64.b32decode(padded)).decode()


@transaction.atomic
def two_factor_confirm(*, device: TOTPDevice) -> list[str]:
    """Marks the device as the user's own and issues fresh recovery codes, shown once."""
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_issue(user=device.user)


@transaction.atomic
def recovery_codes_issue(*, user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


def _recovery_code() -> str:
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"  # no look-alikes (i, l, o, 0, 1)
    return "".join(secrets.choice(alphabet) for _ in range(10))

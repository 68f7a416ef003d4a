"""Temporary throttling of repeated sign-in failures, shared by every app server (it is in the
database). Keys are hashes, so neither e-mail addresses nor IP addresses are stored."""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from alongside.accounts.models import SignInFailure

log = logging.getLogger("alongside.sign_in")


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{kind}:{value}".encode()).hexdigest()
    return f"{kind}:{digest[:64]}"


def _keys(email: str, address: str) -> dict[str, tuple[str, int]]:
    return {
        "account": (
            _key("account", email.strip().lower()),
            settings.SIGN_IN_MAX_FAILURES_PER_ACCOUNT,
        ),
        "address": (_key("address", address), settings.SIGN_IN_MAX_FAILURES_PER_ADDRESS),
    }


def _window_start():
    return timezone.now() - timedelta(seconds=settings.SIGN_IN_WINDOW_SECONDS)


def sign_in_throttled(*, email: str, address: str) -> bool:
    since = _window_start()
    for kind, (key, limit) in _keys(email, address).items():
        if SignInFailure.objects.filter(key=key, at__gte=since).count() >= limit:
            log.warning("sign_in.throttled", extra={"by": kind, "key": key[-12:]})
            return True
    return False


def sign_in_failed(*, email: str, address: str) -> None:
    keys = _keys(email, address)
    SignInFailure.objects.bulk_create(SignInFailure(key=key) for key, _limit in keys.values())
    SignInFailure.objects.filter(at__lt=_window_start()).delete()
    log.warning("sign_in.failed", extra={"key": keys["account"][0][-12:]})


def sign_in_succeeded(*, email: str) -> None:
    key, _limit = _keys(email, "")["account"]
    SignInFailure.objects.filter(key=key).delete()

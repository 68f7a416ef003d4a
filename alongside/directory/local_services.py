"""Writes for local services (added by staff) and for corrections anyone may suggest.

Every change to a local service is kept as a ServiceChange, field by field, with who made it.
Imported services are never changed here: they come from their feed."""

import hashlib
import json
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts.models import NewLinkRequest, Role, User
from alongside.core.notify import tell
from alongside.directory.browse import postcode_place
from alongside.directory.listing import place_words, schedule_words
from alongside.directory.models import (
    Correction,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceChange,
    ServiceStatus,
)

log = logging.getLogger("alongside.directory")

SERVICE_FIELDS = (
    "name",
    "description",
    "audience",
    "minimum_age",
    "maximum_age",
    "is_free",
    "fees",
    "email",
    "phone",
    "url",
    "status",
)
# Corrections come from anyone, signed in or not: a few an hour from one address or e-mail.
CORRECTIONS_WINDOW = timedelta(hours=1)
CORRECTIONS_PER_ADDRESS = 5
CORRECTIONS_PER_EMAIL = 5


class ImportedService(Exception):
    """Imported services change only through their feed (or a correction to it)."""


class ServiceConflict(Exception):
    def __init__(self, current: Service):
        super().__init__("the service changed since it was opened")
        self.current = current


def _location_of(service: Service) -> Location | None:
    link = service.at_locations.select_related("location").order_by("location__name").first()
    return link.location if link else None


def _snapshot(service: Service) -> dict:
    """The fields a person edits, as JSON values, to compare before and after."""
    location = _location_of(service)
    schedule = service.schedules.order_by("id").first()
    has_coordinates = location is not None and location.latitude is not None
    return {
        **{name: getattr(service, name) for name in SERVICE_FIELDS},
        "organisation": service.organization.name if service.organization_id else "",
        "where": place_words(location) if location else "",
        "coordinates": (
            f"{location.latitude:.5f}, {location.longitude:.5f}" if has_coordinates else ""
        ),
        "when": schedule_words(schedule) if schedule else "",
    }


def _checksum(snapshot: dict) -> str:
    """Changes whenever what is published changes, so matching embeds the service again."""
    return hashlib.sha256(json.dumps(snapshot, sort_keys=True, default=str).encode()).hexdigest()


def _organisation(name: str) -> Organization | None:
    name = name.strip()
    if not name:
        return None
    found = Organization.objects.filter(source__isnull=True, name__iexact=name).first()
    return found or Organization.objects.create(name=name)


def _place_save(service: Service, place: dict) -> bool:
    """Where the service happens. Returns False when we could not put it on the map."""
    location = _location_of(service)
    wanted = {k: (place.get(k) or "") for k in ("name", "address", "town", "postcode")}
    if not any(wanted.values()):
        if location is not None:
            location.delete()
        return True
    latitude, longitude = place.get("latitude"), place.get("longitude")
    if latitude is None and wanted["postcode"]:
        known = postcode_place(
            wanted["postcode"], district=False, exclude_location=location.pk if location else None
        )
        if known is not None:
            latitude, longitude = known.latitude, known.longitude
    if location is None:
        location = Location.objects.create(latitude=latitude, longitude=longitude, **wanted)
        ServiceAtLocation.objects.create(service=service, location=location)
    else:
        for key, value in {**wanted, "latitude": latitude, "longitude": longitude}.items():
            setattr(location, key, value)
        location.save()
    return latitude is not None


def _schedule_save(service: Service, when: dict) -> None:
    schedule = service.schedules.order_by("id").first()
    days = ",".join(when.get("days") or [])
    wanted = {
        "byday": days,
        "freq": "WEEKLY" if days else "",
        "opens_at": when.get("opens_at"),
        "closes_at": when.get("closes_at"),
        "description": when.get("frequency") or "",
    }
    if not (days or wanted["opens_at"] or wanted["description"]):
        if schedule is not None:
            schedule.delete()
        return
    if schedule is None:
        Schedule.objects.create(service=service, **wanted)
    else:
        Schedule.objects.filter(pk=schedule.pk).update(**wanted)


def _history(service: Service, before: dict, after: dict, by) -> None:
    changes = {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
        and not (before.get(name) in ("", None) and value in ("", None))
    }
    if changes:
        ServiceChange.objects.create(service=service, changed_by=by, changes=changes)


def _apply(service: Service, details: dict, by, before: dict) -> bool:
    """Saves the details over the service; records the history. Returns whether it is mapped."""
    for name in SERVICE_FIELDS:
        if name in details:
            setattr(service, name, details[name])
    service.organization = _organisation(details.get("organisation_name", ""))
    service.last_modified = timezone.localdate()
    service.updated_at = timezone.now()
    service.save()
    mapped = _place_save(service, details.get("place", {}))
    _schedule_save(service, details.get("when", {}))
    after = _snapshot(service)
    _history(service, before, after, by)
    Service.objects.filter(pk=service.pk).update(checksum=_checksum(after))
    return mapped


@transaction.atomic
def local_service_create(*, details: dict, by) -> tuple[Service, bool]:
    """A service staff add themselves: (the service, whether it could be put on the map)."""
    service = Service(is_local=True, added_by=by, status=ServiceStatus.ACTIVE)
    service.feed_id = str(service.id)
    empty = dict.fromkeys(_snapshot_keys())
    mapped = _apply(service, details, by, before=empty)
    log.info("directory.local_service_added", extra={"service_id": str(service.pk)})
    return service, mapped


def _snapshot_keys() -> tuple[str, ...]:
    return (*SERVICE_FIELDS, "organisation", "where", "coordinates", "when")


@transaction.atomic
def local_service_update(*, service: Service, details: dict, seen_version: int, by) -> bool:
    """Saves an edit unless someone else saved first (ServiceConflict). Returns whether mapped."""
    current = Service.objects.select_for_update().get(pk=service.pk)
    if not current.is_local:
        raise ImportedService
    if current.version != seen_version:
        raise ServiceConflict(current)
    before = _snapshot(current)
    current.version = F("version") + 1
    mapped = _apply(current, details, by, before=before)
    log.info("directory.local_service_changed", extra={"service_id": str(current.pk)})
    return mapped


def _throttle_key(kind: str, value: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:correction:{kind}:{value}".encode())
    return f"correction-{kind}:{digest.hexdigest()[:60]}"


def correction_throttled(*, email: str, address: str) -> bool:
    """Counts this suggestion, then says whether there have been too many. Kept (as hashes,
    never the address or e-mail) in the table the invitation 'new link' form uses."""
    now = timezone.now()
    since = now - CORRECTIONS_WINDOW
    keys = {
        _throttle_key("address", address): CORRECTIONS_PER_ADDRESS,
        _throttle_key("email", email.strip().lower()): CORRECTIONS_PER_EMAIL,
    }
    NewLinkRequest.objects.filter(key__in=keys, at__lt=since).delete()
    for key, limit in keys.items():
        if NewLinkRequest.objects.filter(key=key, at__gte=since).count() >= limit:
            log.warning("directory.correction_throttled")
            return True
    NewLinkRequest.objects.bulk_create(NewLinkRequest(key=key, at=now) for key in keys)
    return False


def correction_suggest(
    *, service: Service, name: str, email: str, words: str, link: str = ""
) -> Correction:
    correction = Correction.objects.create(service=service, name=name, email=email, words=words)
    log.info("directory.correction_suggested", extra={"service_id": str(service.pk)})
    tell(
        correction_readers(service),
        _("A correction to a directory listing"),
        _(
            "Someone has suggested a correction to the listing “%(name)s” in the community "
            "directory. Sign in to read it and mark it done:\n\n%(link)s"
        )
        % {"name": service.name, "link": link},
        event="directory.correction",
    )
    return correction


def correction_readers(service: Service) -> list[str]:
    """Who is told about a suggested correction: whoever added a local listing, if they still
    work here; otherwise (and for imported listings) the administrators."""
    added_by = service.added_by
    if added_by is not None and added_by.is_active and added_by.email:
        return [added_by.email]
    return list(
        User.objects.filter(role=Role.ADMINISTRATOR, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )


def correction_resolve(*, correction: Correction, by) -> None:
    """Marks a suggestion done, once (a second click changes nothing)."""
    Correction.objects.filter(pk=correction.pk, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=by
    )

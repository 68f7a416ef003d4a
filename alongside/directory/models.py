"""The community directory: services, the organisations that run them, where and when, in the
shape of Open Referral UK (HSDS 3.0, UK profile). Services come from imported feeds or are added
by staff (local services). Nothing here is about a person except Introduction, which is part of
the person's record. ADR 21."""

import uuid
from datetime import datetime, time

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SourceFormat(models.TextChoices):
    ORUK_V1 = "oruk_v1", _("Open Referral UK v1 service list")
    HSDS_3 = "hsds_3", _("HSDS 3.0 / UK profile 3.0")


class Source(models.Model):
    """Where services come from: a file or an http(s) URL. Local services have no source."""

    name = models.CharField(_("name"), max_length=200)
    # A file path or an http(s) URL, as given to `alongside directory import`.
    location = models.CharField(_("file or web address"), max_length=1000, unique=True)
    format = models.CharField(max_length=16, choices=SourceFormat.choices, blank=True)
    # Re-imported by the scheduled task when True.
    refresh = models.BooleanField(_("re-import on a schedule"), default=True)
    last_imported_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class ImportRun(models.Model):
    """One run of an import: what it did, and why records were skipped."""

    class Outcome(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed: nothing changed")

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.RUNNING)
    strict = models.BooleanField(default=False)
    imported = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    made_inactive = models.PositiveIntegerField(default=0)
    # [{"record": "id or position", "name": "...", "problem": "..."}], skipped and warned.
    problems = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.source} at {self.started_at:%Y-%m-%d %H:%M}"


class Organization(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="organizations"
    )
    # The id as the source publishes it ("" for local organisations).
    feed_id = models.CharField(max_length=200, blank=True)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("email address"), max_length=300, blank=True)
    phone = models.CharField(_("phone number"), max_length=60, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "feed_id"],
                condition=~models.Q(feed_id=""),
                name="one_organization_per_feed_id",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("Running")
    INACTIVE = "inactive", _("Not running")
    DEFUNCT = "defunct", _("Closed")
    TEMPORARILY_CLOSED = "temporarily closed", _("Closed for now")


# A listing not changed or checked by its source (or, for a local service, edited) for this
# long is shown as possibly out of date (issue 7, ADR 23).
OUT_OF_DATE_AFTER_MONTHS = 12


def out_of_date_before(today=None):
    """The day 12 months before today: listings last changed before it are possibly out of date."""
    today = today or timezone.localdate()
    year, month = divmod(today.month - 1 - OUT_OF_DATE_AFTER_MONTHS, 12)
    year, month = today.year + year, month + 1
    for day in (today.day, 30, 29, 28):  # 29 February, 31 March... fall back to a real day
        try:
            return today.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


class ServiceQuerySet(models.QuerySet):
    def possibly_out_of_date(self, today=None):
        """Imported listings whose source last changed them (last_modified) over 12 months ago,
        or that have no such date and have not changed here since; local listings not edited
        for 12 months."""
        cutoff = out_of_date_before(today)
        at = datetime.combine(cutoff, time.min, tzinfo=timezone.get_current_timezone())
        return self.filter(
            models.Q(is_local=True, updated_at__lt=at)
            | models.Q(is_local=False, last_modified__lt=cutoff)
            | models.Q(is_local=False, last_modified__isnull=True, updated_at__lt=at)
        )


class Service(models.Model):
    """A service as published. Text fields hold clean text (HTML removed on import)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="services"
    )
    # The id as the source publishes it; for a local service, str(id).
    feed_id = models.CharField(max_length=200)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="services"
    )
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("email address"), max_length=300, blank=True)
    phone = models.CharField(_("phone number"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    fees = models.TextField(_("cost"), blank=True)
    # True when the service is free; None when the source does not say.
    is_free = models.BooleanField(_("free"), null=True, blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("youngest age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("oldest age"), null=True, blank=True)
    # Who it is for, in words ("People living with dementia and their carers").
    audience = models.CharField(_("who it is for"), max_length=500, blank=True)
    # When the source last changed or checked the listing (HSDS last_modified / assured_date).
    last_modified = models.DateField(null=True, blank=True)
    # SHA-256 of the published fields: re-import updates and re-embeds only when it changes.
    checksum = models.CharField(max_length=64, blank=True)
    # Local services: added by staff in Alongside.
    is_local = models.BooleanField(default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Optimistic locking for staff edits of local services.
    version = models.PositiveIntegerField(default=1)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "feed_id"], name="one_service_per_feed_id")
        ]
        indexes = [models.Index(fields=["status", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def possibly_out_of_date(self) -> bool:
        """The same rule as ServiceQuerySet.possibly_out_of_date, for one listing."""
        cutoff = out_of_date_before()
        changed = self.last_modified if not self.is_local else None
        if changed is None:
            changed = timezone.localdate(self.updated_at)
        return changed < cutoff


class ServiceChange(models.Model):
    """History: what an import or an edit changed, field by field ({field: [before, after]})."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="changes")
    run = models.ForeignKey(ImportRun, on_delete=models.SET_NULL, null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changes = models.JSONField(default=dict)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.service} changed {self.changed_at:%Y-%m-%d}"


class Location(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, null=True, blank=True, related_name="locations"
    )
    feed_id = models.CharField(max_length=200, blank=True)
    name = models.CharField(_("name"), max_length=300, blank=True)
    address = models.CharField(_("address"), max_length=500, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name or self.address


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="services_here")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="one_service_at_location")
        ]

    def __str__(self) -> str:
        return f"{self.service} at {self.location}"


class Schedule(models.Model):
    """When a service runs. byday uses iCalendar days: MO, TU, WE, TH, FR, SA, SU."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    freq = models.CharField(max_length=10, blank=True)  # WEEKLY, MONTHLY
    byday = models.CharField(max_length=40, blank=True)  # "MO,WE"
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    description = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return self.description or f"{self.freq} {self.byday}".strip()


class Taxonomy(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    uri = models.URLField(max_length=500, blank=True)
    version = models.CharField(max_length=40, blank=True)

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms")
    code = models.CharField(max_length=200, blank=True)
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    services = models.ManyToManyField(Service, blank=True, related_name="terms")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "name"], name="one_term_name_per_taxonomy")
        ]

    def __str__(self) -> str:
        return self.name


class Embedding(models.Model):
    """A service's sentence embedding (all-MiniLM-L6-v2, 384 float32, L2-normalised)."""

    service = models.OneToOneField(Service, on_delete=models.CASCADE, related_name="embedding")
    # The Service.checksum it was made from: a changed service is embedded again.
    checksum = models.CharField(max_length=64)
    vector = models.BinaryField()

    def __str__(self) -> str:
        return f"Embedding of {self.service}"


class Correction(models.Model):
    """A listing's organisation (or anyone) suggests a correction; staff decide."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="corrections")
    name = models.CharField(_("your name"), max_length=200)
    email = models.EmailField(_("your email address"), max_length=300)
    words = models.TextField(_("what needs correcting"), max_length=3000)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Correction to {self.service}"


class IntroductionOutcome(models.TextChoices):
    WAITING = "waiting", _("Not heard yet")
    WENT = "went", _("Went")
    LIKED = "liked", _("Went and liked it")
    STOPPED = "stopped", _("Went, then stopped")
    DID_NOT_GO = "did_not_go", _("Didn't go")


class Introduction(models.Model):
    """An introduction of a person to a service, sent with their recorded consent and only the
    details they agreed to share. Part of the person's record."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="introductions"
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="introductions")
    consent_given = models.BooleanField(default=False)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Which details were shared: a subset of ["name", "phone", "email", "what_matters", "needs"].
    shared = models.JSONField(default=list)
    message = models.TextField(_("message"), max_length=3000, blank=True)
    sent_to = models.EmailField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        max_length=16, choices=IntroductionOutcome.choices, default=IntroductionOutcome.WAITING
    )
    outcome_words = models.TextField(_("in their words"), max_length=2000, blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Introduction to {self.service}"

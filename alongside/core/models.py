from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VIEW = "view", _("Looked at")
    LIST = "list", _("Saw in a list")
    CREATE = "create", _("Added")
    CHANGE = "change", _("Changed")
    EXPORT = "export", _("Downloaded")


class AuditOutcome(models.TextChoices):
    ALLOWED = "allowed", _("Allowed")
    DENIED = "denied", _("Denied")


class AuditEventQuerySet(models.QuerySet):
    def about(self, person_id) -> "AuditEventQuerySet":
        return self.filter(person_id=person_id)

    def who_looked(self, person_id) -> "AuditEventQuerySet":
        """Allowed accesses to one person's record, newest first, for the person to see."""
        return (
            self.about(person_id)
            .filter(outcome=AuditOutcome.ALLOWED)
            .select_related("actor")
            .order_by("-at", "-id")
        )


class AuditEvent(models.Model):
    """One access to a person's data. Append-only: the database refuses UPDATE and DELETE.

    Holds who, their role, whose record, what and when; never field values or cookies."""

    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    actor_role = models.CharField(max_length=32)
    # No foreign-key constraint: denied attempts name ids that may not exist, and the trail
    # must outlive the record it describes.
    person_id = models.UUIDField(null=True, db_index=False)
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    target = models.CharField(max_length=64)
    outcome = models.CharField(max_length=16, choices=AuditOutcome.choices)
    request_id = models.CharField(max_length=64, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["person_id", "at"]),
            models.Index(fields=["actor", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_role} {self.action} {self.target}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are never changed.")
        super().save(*args, **kwargs)

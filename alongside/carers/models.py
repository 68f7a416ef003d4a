"""An unpaid carer's own pages: how caring is for them, and asking for a carer's assessment.

Care Act 2014 s.10: a carer who appears to have needs for support is entitled to an assessment
of their own. What a carer writes here is about the carer, a third party to the person they
care for: the person does not see it; the person's practitioner and team do."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.people.models import CircleMember

WORDS_MAX_LENGTH = 2000
MAX_HOURS_A_WEEK = 168


class CarerView(models.Model):
    """How caring is for them, in their own words. A new row each time: the history stays."""

    member = models.ForeignKey(CircleMember, on_delete=models.CASCADE, related_name="carer_views")
    hard = models.TextField(_("what is hard"), max_length=WORDS_MAX_LENGTH, blank=True)
    helps = models.TextField(_("what helps"), max_length=WORDS_MAX_LENGTH, blank=True)
    difference = models.TextField(
        _("what would make a difference"), max_length=WORDS_MAX_LENGTH, blank=True
    )
    hours_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["member", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True) | Q(hours_per_week__lte=MAX_HOURS_A_WEEK),
                name="carer_view_hours_within_a_week",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} on {self.created_at:%Y-%m-%d}"


class ContactWay(models.TextChoices):
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter")


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Asked for")
    BOOKED = "booked", _("Booked")
    DONE = "done", _("Done")


OPEN_STATUSES = (RequestStatus.REQUESTED, RequestStatus.BOOKED)


class CarerAssessmentRequest(models.Model):
    """A carer asking for a carer's assessment. One open (not done) request per carer."""

    member = models.ForeignKey(
        CircleMember, on_delete=models.CASCADE, related_name="assessment_requests"
    )
    words = models.TextField(_("why now"), max_length=WORDS_MAX_LENGTH, blank=True)
    contact_way = models.CharField(max_length=16, choices=ContactWay.choices)
    contact_time = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=~Q(status="done"),
                name="one_open_carer_assessment_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.status}"

    @property
    def is_open(self) -> bool:
        return self.status != RequestStatus.DONE

"""Feeling heard: when the person, or someone in their circle, says they do not feel listened to.

What they say goes to the team manager of the person's team. Nobody else reads the words: not the
person's practitioner (who may be who they mean), not other staff. The co-production lead sees
counts only (see counts.py)."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import Role
from alongside.people.models import CircleMember, Person

WORDS_MAX_LENGTH = 2000
RESPONSE_MAX_LENGTH = 2000


class RaisedAs(models.TextChoices):
    PERSON = "person", _("The person")
    SUPPORTER = "supporter", _("Someone in their circle")


class ConcernQuerySet(models.QuerySet):
    def for_team_manager(self, user) -> "ConcernQuerySet":
        """What a team manager may read: concerns about people in their own team. Else none."""
        if not user.is_authenticated or not user.is_active or user.role != Role.TEAM_MANAGER:
            return self.none()
        if not user.team_id:
            return self.none()
        return self.filter(person__team_id=user.team_id)

    def raised_by_user(self, person: Person, user) -> "ConcernQuerySet":
        """What this user raised about this person: each sees only their own."""
        return self.filter(person=person, raised_by=user)

    def unanswered(self) -> "ConcernQuerySet":
        return self.filter(responded_at__isnull=True)

    def newest_overdue_first(self, today: date) -> "ConcernQuerySet":
        """Overdue first, then waiting for a reply, then answered; newest first within each."""
        return self.annotate(
            urgency=Case(
                When(Q(responded_at__isnull=True, due_by__lt=today), then=Value(0)),
                When(responded_at__isnull=True, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        ).order_by("urgency", "-created_at", "-id")


class Concern(models.Model):
    """ "I don't feel listened to", in the words of whoever said it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="concerns")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="concerns_raised",
    )
    raised_as = models.CharField(max_length=16, choices=RaisedAs.choices)
    circle_member = models.ForeignKey(
        CircleMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns",
    )
    words = models.TextField(_("what happened"), max_length=WORDS_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    # The date a response is due: 10 working days (Monday to Friday) after the day it was raised.
    # Bank holidays are not counted out. See services.working_days_after.
    due_by = models.DateField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    response = models.TextField(_("what happened next"), max_length=RESPONSE_MAX_LENGTH, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ConcernQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["person", "created_at"]),
            models.Index(fields=["due_by"]),
        ]

    def __str__(self) -> str:
        return f"Concern {self.pk} raised {self.created_at:%Y-%m-%d}"

    @property
    def is_answered(self) -> bool:
        return self.responded_at is not None

    def is_overdue(self, today: date | None = None) -> bool:
        return not self.is_answered and self.due_by < (today or timezone.localdate())

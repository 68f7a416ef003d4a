"""Messages: one simple thread per person, between the person, the supporters they chose and
their social worker or team. Not live chat. Messages are never changed or deleted."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.people.models import CircleMember, Person

MESSAGE_MAX_LENGTH = 2000


class AuthorRole(models.TextChoices):
    PERSON = "person", _("The person")
    SUPPORTER = "supporter", _("Supporter")
    PRACTITIONER = "practitioner", _("Social worker")
    TEAM_MANAGER = "team_manager", _("Team manager")


class Message(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Stored as it was when written: a role can change later, what they wrote as cannot.
    author_role = models.CharField(max_length=16, choices=AuthorRole.choices)
    # For a supporter: who they are in the person's circle (their name as the person knows it).
    circle_member = models.ForeignKey(
        CircleMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["person", "created_at"]),
            models.Index(fields=["author", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"Message {self.pk}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Messages cannot be changed once sent.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Messages cannot be deleted.")


class MessageRead(models.Model):
    """How far one user has read one person's thread: everything up to ``last_read_at``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "person"], name="one_read_mark_per_thread")
        ]

    def __str__(self) -> str:
        return f"Read to {self.last_read_at:%Y-%m-%d %H:%M}"

"""About me: what the person says about their life, in their words, with who wrote what and when."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.people.models import Person

STATEMENT_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 1000


class Section(models.TextChoices):
    WHAT_MATTERS = "what_matters", _("What matters to me")
    GOOD_AND_BAD_DAYS = "days", _("A good day and a bad day")
    STRENGTHS = "strengths", _("What I'm good at and what people like about me")
    INTERESTS = "interests", _("My interests and passions")
    PEOPLE = "people", _("People who are important to me")
    SUPPORT = "support", _("How best to support me")
    COMMUNICATION = "communication", _("How I like to communicate")


class Voice(models.TextChoices):
    OWN_WORDS = "own_words", _("In their own words")
    SUPPORTER_WORDS = "supporter_words", _("A supporter's words")
    PRACTITIONER_SUMMARY = "practitioner_summary", _("A practitioner's summary")


class WriterRole(models.TextChoices):
    PERSON = "person", _("The person")
    SUPPORTER = "supporter", _("A supporter")
    PRACTITIONER = "practitioner", _("A practitioner")


class InterestTag(models.Model):
    """A word from the council's vocabulary of interests, used to match people to ideas later."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    # Other words that suggest this tag when they appear in what someone says.
    suggested_by = models.CharField(_("words that suggest it"), max_length=300, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def words(self) -> set[str]:
        return {
            self.name.lower(),
            *(w.strip().lower() for w in self.suggested_by.split(",") if w.strip()),
        }


class StatementQuerySet(models.QuerySet):
    def about(self, person) -> "StatementQuerySet":
        return self.filter(person=person)

    def for_page(self) -> "StatementQuerySet":
        return (
            self.select_related("written_by", "conversation__practitioner", "speaker")
            .prefetch_related("tags", "notes")
            .order_by("section", "created_at", "id")
        )


class AttributedWords(models.Model):
    """Words with their provenance: whose voice, who wrote them down and as whom, in which
    conversation, and (for a supporter's words) who in the circle said them. The rules that fill
    these fields are in aboutme.services; About me and plan goals both use them."""

    text = models.TextField(max_length=STATEMENT_MAX_LENGTH)
    voice = models.CharField(max_length=32, choices=Voice.choices)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    writer_role = models.CharField(max_length=16, choices=WriterRole.choices)
    # Set when a practitioner took the words down with the person in a conversation.
    conversation = models.ForeignKey(
        "conversations.Conversation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    speaker = models.ForeignKey(
        "people.CircleMember", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True


class Statement(AttributedWords):
    """One thing said about the person's life. The text shown is the latest version; every
    version is kept in StatementVersion, and nobody but the voice's owner writes a new one."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="statements")
    section = models.CharField(max_length=32, choices=Section.choices)
    version = models.PositiveIntegerField(default=1)
    tags = models.ManyToManyField(InterestTag, blank=True, related_name="statements")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = StatementQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["person", "section", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_section_display()}: {self.text[:40]}"


class StatementVersion(AttributedWords):
    """Every version of a statement, the first included. Never changed."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["statement", "version"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "version"], name="one_row_per_version")
        ]

    def __str__(self) -> str:
        return f"version {self.version}"


class StatementNote(models.Model):
    """Something a practitioner or supporter adds beside a statement, never over it."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(max_length=NOTE_MAX_LENGTH)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["written_at", "id"]

    def __str__(self) -> str:
        return self.text[:40]


class CheckState(models.TextChoices):
    NOT_SEEN = "not_seen", _("Not yet seen")
    RIGHT = "right", _("This is right")
    NOT_QUITE = "not_quite", _("Not quite right")


class ConfirmationQuerySet(models.QuerySet):
    def latest_for_sections(self, person) -> dict[str, "Confirmation"]:
        """The person's latest answer for each About-me section (older answers are history)."""
        latest: dict[str, Confirmation] = {}
        rows = self.filter(person=person, conversation__isnull=True).select_related("recorded_by")
        for confirmation in rows.order_by("at", "id"):
            latest[confirmation.section] = confirmation
        return latest


class Confirmation(models.Model):
    """The person says whether an About-me section or a conversation record is right, in their
    words. Every answer is kept; the latest is the state."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="confirmations")
    section = models.CharField(max_length=32, choices=Section.choices, blank=True)
    conversation = models.ForeignKey(
        "conversations.Conversation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="confirmations",
    )
    state = models.CharField(max_length=16, choices=CheckState.choices)
    words = models.TextField(_("what you would change"), max_length=NOTE_MAX_LENGTH, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # True when a practitioner recorded what the person said in person.
    given_in_person = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now)

    objects = ConfirmationQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["person", "at"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    (models.Q(section="") & models.Q(conversation__isnull=False))
                    | (~models.Q(section="") & models.Q(conversation__isnull=True))
                ),
                name="confirms_a_section_or_a_conversation",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="not_seen"), name="confirmation_is_an_answer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section or 'conversation'}: {self.state}"


class SectionState(models.Model):
    """Where each About-me section stands with the person, kept up to date by the services so a
    caseload can show what is waiting without reading every confirmation."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="section_states")
    section = models.CharField(max_length=32, choices=Section.choices)
    state = models.CharField(max_length=16, choices=CheckState.choices)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "section"], name="one_state_per_section")
        ]
        indexes = [models.Index(fields=["person", "state"])]

    def __str__(self) -> str:
        return f"{self.section}: {self.state}"

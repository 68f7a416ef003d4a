"""Conversations: what was said, where and with whom, with open prompts as a guide."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.people.models import CircleMember, Person

NOTE_MAX_LENGTH = 2000


class PromptGroup(models.TextChoices):
    WHAT_MATTERS = "what_matters", _("What matters")
    GOOD_DAY = "good_day", _("A good day")
    PEOPLE = "people", _("People")
    INTERESTS = "interests", _("Interests")
    WORRIES = "worries", _("Worries")
    WHAT_HAS_WORKED = "what_has_worked", _("What has worked before")


class Prompt(models.Model):
    """An open, strengths-based question, kept by administrators. A guide, not a questionnaire."""

    group = models.CharField(_("group"), max_length=32, choices=PromptGroup.choices)
    text = models.CharField(_("question"), max_length=300)
    position = models.PositiveSmallIntegerField(_("order in its group"), default=0)
    is_active = models.BooleanField(_("shown to practitioners"), default=True)

    class Meta:
        ordering = ["group", "position", "id"]

    def __str__(self) -> str:
        return self.text


class Place(models.TextChoices):
    HOME = "home", _("At home")
    PHONE = "phone", _("On the phone")
    VIDEO = "video", _("On a video call")
    ELSEWHERE = "elsewhere", _("Somewhere else")


class Kind(models.TextChoices):
    FIRST_CONTACT = "first_contact", _("First contact")
    WHAT_MATTERS = "what_matters", _("What-matters conversation")
    REVIEW = "review", _("Review")
    CRISIS = "crisis", _("Crisis")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    RECORDED = "recorded", _("Recorded")


class ConversationQuerySet(models.QuerySet):
    def about(self, person) -> "ConversationQuerySet":
        return self.filter(person=person)


class Conversation(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="conversations")
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("where"), max_length=16, choices=Place.choices)
    place_detail = models.CharField(_("where, if somewhere else"), max_length=200, blank=True)
    kind = models.CharField(_("kind of conversation"), max_length=32, choices=Kind.choices)
    person_took_part = models.BooleanField(_("the person took part"), default=True)
    supporters = models.ManyToManyField(CircleMember, blank=True, related_name="conversations")
    others_present = models.CharField(_("anyone else who took part"), max_length=300, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["person", "held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%d %B %Y}"


class Note(models.Model):
    """A note taken during a conversation; one step turns it into an About-me statement."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="notes")
    prompt = models.ForeignKey(
        Prompt, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH)
    voice = models.CharField(max_length=32)  # an aboutme.Voice value
    statement = models.OneToOneField(
        "aboutme.Statement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_note",
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:40]


PREPARATION_MAX_LENGTH = 2000


class Preparation(models.Model):
    """Before we meet: the person's own answers to a few gentle questions, written in their own
    time. A draft until they choose to share it; staff only ever see what was shared."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="preparation"
    )
    # Goes up with every save: a save made on an older revision is refused (no lost updates).
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    shared_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return "Before we meet"


class PreparationAnswer(models.Model):
    preparation = models.ForeignKey(Preparation, on_delete=models.CASCADE, related_name="answers")
    prompt = models.ForeignKey(Prompt, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=PREPARATION_MAX_LENGTH, blank=True)
    # What the practitioner sees: the words as they were when the person last shared them.
    shared_text = models.TextField(max_length=PREPARATION_MAX_LENGTH, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["preparation", "prompt"], name="one_answer_per_prompt")
        ]
        ordering = ["prompt__group", "prompt__position", "id"]

    def __str__(self) -> str:
        return self.text[:40]

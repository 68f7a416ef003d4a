"""What's hard right now: needs against the Care Act outcomes, dated, with their history.

Outcomes and wellbeing areas: Care and Support (Eligibility Criteria) Regulations 2015, regs 2-3;
Care Act 2014 s.1(2). Worded plainly here; the statutory wording is in docs/standards.md."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.people.models import CircleMember, Person

VIEW_MAX_LENGTH = 2000


class AdultOutcome(models.TextChoices):
    NUTRITION = "nutrition", _("Eating and drinking well")
    HYGIENE = "hygiene", _("Keeping clean")
    TOILET = "toilet", _("Using the toilet")
    CLOTHING = "clothing", _("Getting dressed")
    HOME_SAFETY = "home_safety", _("Getting around the home safely")
    HOME_ENVIRONMENT = "home_environment", _("Keeping the home habitable")
    RELATIONSHIPS = "relationships", _("Family, friends and relationships")
    WORK_LEARNING = "work_learning", _("Work, training, learning or volunteering")
    COMMUNITY = "community", _("Using local places and services, including transport")
    CARING_FOR_CHILD = "caring_for_child", _("Caring for a child")


class CarerOutcome(models.TextChoices):
    CARING_FOR_CHILD = "carer_child", _("Caring for a child")
    CARING_FOR_OTHERS = "carer_others", _("Caring for other people")
    HOME_ENVIRONMENT = "carer_home", _("Keeping the home habitable")
    NUTRITION = "carer_nutrition", _("Eating and drinking well")
    RELATIONSHIPS = "carer_relationships", _("Family, friends and relationships")
    WORK_LEARNING = "carer_work_learning", _("Work, training, learning or volunteering")
    COMMUNITY = "carer_community", _("Using local places and services")
    RECREATION = "carer_recreation", _("Time for yourself and things you enjoy")


class WellbeingArea(models.TextChoices):
    DIGNITY = "dignity", _("Being treated with dignity")
    HEALTH = "health", _("Physical and mental health and emotional wellbeing")
    SAFETY = "safety", _("Being safe from abuse and neglect")
    CONTROL = "control", _("Control over day-to-day life")
    PARTICIPATION = "participation", _("Work, learning, training or recreation")
    SOCIAL_ECONOMIC = "social_economic", _("Social and money matters")
    RELATIONSHIPS = "relationships", _("Relationships with family and others")
    ACCOMMODATION = "accommodation", _("A suitable place to live")
    CONTRIBUTION = "contribution", _("Contributing to the community")


def area_labels(areas: list[str]) -> list[str]:
    """The wellbeing areas' names, for codes that are still in the list."""
    return [str(WellbeingArea(a).label) for a in areas if a in WellbeingArea.values]


class Status(models.TextChoices):
    CURRENT = "current", _("Hard right now")
    CHANGED = "changed", _("Changed")
    RESOLVED = "resolved", _("No longer hard")


class NeedQuerySet(models.QuerySet):
    def about(self, person) -> "NeedQuerySet":
        return self.filter(person=person)

    def for_page(self) -> "NeedQuerySet":
        return (
            self.select_related("carer", "recorded_by")
            .prefetch_related("changes__changed_by")
            .order_by("carer_id", "-noted_on", "-id")
        )


class Need(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="needs")
    # Set for a carer's own needs: a member of the person's circle who is an unpaid carer.
    carer = models.ForeignKey(
        CircleMember, on_delete=models.CASCADE, null=True, blank=True, related_name="needs"
    )
    outcome = models.CharField(max_length=32)
    wellbeing_areas = models.JSONField(default=list, blank=True)
    persons_view = models.TextField(max_length=VIEW_MAX_LENGTH, blank=True)
    practitioners_view = models.TextField(max_length=VIEW_MAX_LENGTH, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CURRENT)
    noted_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = NeedQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return self.outcome_label

    @property
    def outcome_label(self) -> str:
        choices = CarerOutcome if self.carer_id else AdultOutcome
        return str(choices(self.outcome).label) if self.outcome in choices.values else self.outcome


class NeedChange(models.Model):
    """Each version of a need, the first included, so its history stays."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="changes")
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices)
    persons_view = models.TextField(max_length=VIEW_MAX_LENGTH, blank=True)
    practitioners_view = models.TextField(max_length=VIEW_MAX_LENGTH, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["need", "-version"]

    def __str__(self) -> str:
        return f"version {self.version}: {self.status}"

"""Plans. For now: the unit-cost table administrators keep, which costs in plans will use."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.plans.money import Unit, pounds


class UnitCostQuerySet(models.QuerySet):
    def in_force_on(self, day) -> "UnitCostQuerySet":
        """For each name, the rate whose effective date is the latest on or before ``day``."""
        latest = (
            self.filter(name=models.OuterRef("name"), effective_from__lte=day)
            .order_by("-effective_from", "-id")
            .values("id")[:1]
        )
        return self.filter(effective_from__lte=day, id=models.Subquery(latest))


class UnitCost(models.Model):
    """A dated, sourced rate: what the council pays (or would pay) per unit of a service."""

    name = models.CharField(_("service"), max_length=120)
    unit = models.CharField(_("per"), max_length=16, choices=Unit.choices)
    amount_pence = models.PositiveIntegerField(_("amount"))
    effective_from = models.DateField(_("in force from"), default=timezone.localdate)
    source = models.CharField(_("source"), max_length=300)
    notes = models.TextField(_("notes"), max_length=1000, blank=True)
    is_illustrative = models.BooleanField(_("illustrative (demo) figure"), default=False)

    objects = UnitCostQuerySet.as_manager()

    class Meta:
        ordering = ["name", "-effective_from"]
        indexes = [models.Index(fields=["name", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount_display} {self.get_unit_display()}"

    @property
    def amount_display(self) -> str:
        suffix = f" ({_('illustrative')})" if self.is_illustrative else ""
        return pounds(self.amount_pence) + suffix

"""For the co-production lead: how many people said they did not feel listened to, per team.

Counts, never content: no words, no names. Any figure from 1 to 4 is shown as "fewer than 5"
(dashboards.suppressed), because a small number can point at someone."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from alongside.accounts.models import Team
from alongside.core.dashboards import suppressed


@dataclass(frozen=True)
class TeamConcernCounts:
    team: str
    raised: str
    answered: str
    overdue: str


def concern_counts(today: date | None = None) -> list[TeamConcernCounts]:
    """Every team, in one query: concerns raised, answered, and overdue (not answered by the
    due date). Already suppressed: there is no raw figure to leak."""
    today = today or timezone.localdate()
    teams = Team.objects.annotate(
        raised=Count("people__concerns"),
        answered=Count("people__concerns", filter=Q(people__concerns__responded_at__isnull=False)),
        overdue=Count(
            "people__concerns",
            filter=Q(
                people__concerns__responded_at__isnull=True,
                people__concerns__due_by__lt=today,
            ),
        ),
    ).order_by("name")
    return [
        TeamConcernCounts(
            team=team.name,
            raised=suppressed(team.raised),
            answered=suppressed(team.answered),
            overdue=suppressed(team.overdue),
        )
        for team in teams
    ]

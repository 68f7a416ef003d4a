"""What each role's home page shows: counts and links, in a fixed number of queries."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from alongside.accounts.models import STAFF_ROLES, Role, Team, User
from alongside.core.audit import audit_listing
from alongside.people.models import Person

# No figure from fewer than this many people is shown: small numbers can identify someone.
SMALL_NUMBER_THRESHOLD = 5


def suppressed(count: int) -> str:
    if 0 < count < SMALL_NUMBER_THRESHOLD:
        return _("fewer than %(n)s") % {"n": SMALL_NUMBER_THRESHOLD}
    return f"{count:,}"


def dashboard_for(user) -> dict:
    builder = _BUILDERS.get(user.role)
    return builder(user) if builder else {}


def _practitioner(user) -> dict:
    people = Person.objects.visible_to(user)
    counts = people.aggregate(mine=Count("pk", filter=Q(practitioner=user)), team=Count("pk"))
    return {
        "my_people_count": counts["mine"],
        "team_people_count": counts["team"],
        "team": user.team,
    }


def _team_manager(user) -> dict:
    caseloads = (
        User.objects.filter(team_id=user.team_id, role=Role.PRACTITIONER, is_active=True)
        .annotate(people_count=Count("allocated_people"))
        .order_by("full_name")
    )
    team_people = Person.objects.visible_to(user)
    counts = team_people.aggregate(
        total=Count("pk"), unallocated=Count("pk", filter=Q(practitioner__isnull=True))
    )
    return {"team": user.team, "caseloads": caseloads, **counts}


def _supporter(user) -> dict:
    people = list(Person.objects.visible_to(user).order_by("sort_name"))
    audit_listing(user=user, person_ids=[p.pk for p in people], target="home.supported_people")
    return {"supported_people": people}


def _coproduction_lead(user) -> dict:
    teams = Team.objects.annotate(people_count=Count("people")).order_by("name")
    return {
        "teams": [{"name": t.name, "people": suppressed(t.people_count)} for t in teams],
        "people_total": suppressed(Person.objects.count()),
        "threshold": SMALL_NUMBER_THRESHOLD,
    }


def _administrator(user) -> dict:
    teams = Team.objects.annotate(
        staff_count=Count("members", filter=Q(members__role__in=STAFF_ROLES), distinct=True),
    ).order_by("name")
    return {
        "teams": teams,
        "staff_count": User.objects.staff().count(),
        "people_total": Person.objects.count(),
    }


_BUILDERS = {
    Role.PRACTITIONER: _practitioner,
    Role.TEAM_MANAGER: _team_manager,
    Role.SUPPORTER: _supporter,
    Role.COPRODUCTION_LEAD: _coproduction_lead,
    Role.ADMINISTRATOR: _administrator,
}

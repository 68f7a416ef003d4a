"""What each role's home page shows: counts and links, in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts.models import STAFF_ROLES, Role, Team, User
from alongside.core.audit import audit_listing, audit_record
from alongside.core.models import AuditAction, AuditOutcome
from alongside.people.home import my_home
from alongside.people.models import CircleMember, Person
from alongside.people.waiting import REVIEW_DUE_SOON_DAYS, plan_attention

# No figure from fewer than this many people is shown: small numbers can identify someone.
SMALL_NUMBER_THRESHOLD = 5


def suppressed(count: int) -> str:
    if 0 < count < SMALL_NUMBER_THRESHOLD:
        return _("fewer than %(n)s") % {"n": SMALL_NUMBER_THRESHOLD}
    return f"{count:,}"


def dashboard_for(user) -> dict:
    builder = _BUILDERS.get(user.role)
    return builder(user) if builder else {}


@dataclass(frozen=True)
class Attention:
    """People whose plan in force needs something: numbers only, never names."""

    label: str = ""
    reviews_overdue: int = 0
    reviews_due: int = 0
    actions_overdue: int = 0

    @classmethod
    def of(cls, label: str, counts: dict | None) -> "Attention":
        counts = counts or {}
        return cls(
            label=label,
            reviews_overdue=counts.get("reviews_overdue", 0),
            reviews_due=counts.get("reviews_due", 0),
            actions_overdue=counts.get("actions_overdue", 0),
        )

    def __add__(self, other: "Attention") -> "Attention":
        return Attention(
            label=self.label,
            reviews_overdue=self.reviews_overdue + other.reviews_overdue,
            reviews_due=self.reviews_due + other.reviews_due,
            actions_overdue=self.actions_overdue + other.actions_overdue,
        )

    @property
    def has_any(self) -> bool:
        return bool(self.reviews_overdue or self.reviews_due or self.actions_overdue)


def _practitioner(user) -> dict:
    people = Person.objects.visible_to(user)
    counts = people.aggregate(mine=Count("pk", filter=Q(practitioner=user)), team=Count("pk"))
    mine = plan_attention(people.allocated_to(user), timezone.localdate())
    return {
        "my_people_count": counts["mine"],
        "team_people_count": counts["team"],
        "team": user.team,
        "attention": Attention.of("", mine),
        "review_soon_weeks": REVIEW_DUE_SOON_DAYS // 7,
    }


def _team_manager(user) -> dict:
    caseloads = list(
        User.objects.filter(team_id=user.team_id, role=Role.PRACTITIONER, is_active=True)
        .annotate(people_count=Count("allocated_people"))
        .order_by("full_name")
    )
    # One grouped query over the team's people: a row per practitioner (and one for nobody),
    # each counting people, so the rows add up to the team.
    groups = {
        row.pop("practitioner_id"): row
        for row in plan_attention(
            Person.objects.visible_to(user), timezone.localdate(), by="practitioner_id"
        )
    }
    total = sum(row["people"] for row in groups.values())
    unallocated = groups.get(None, {}).get("people", 0)
    rows = [Attention.of(p.full_name, groups.get(p.pk)) for p in caseloads]
    rows.append(Attention.of(_("Not allocated"), groups.get(None)))
    # People in the team allocated to someone who has left it, or to a practitioner elsewhere.
    listed = {p.pk for p in caseloads} | {None}
    others = sum(
        (Attention.of("", row) for key, row in groups.items() if key not in listed),
        Attention(_("Other practitioners")),
    )
    if others.has_any:
        rows.append(others)
    team_total = sum(rows, Attention(_("Team total")))
    return {
        "team": user.team,
        "caseloads": caseloads,
        "total": total,
        "unallocated": unallocated,
        "attention_rows": rows,
        "attention_total": team_total,
        "review_soon_weeks": REVIEW_DUE_SOON_DAYS // 7,
    }


def _person(user) -> dict:
    person = Person.objects.filter(account=user).select_related("practitioner").first()
    if person is None:
        return {"person": None}
    audit_record(
        user=user,
        person_id=person.pk,
        action=AuditAction.VIEW,
        target="home.person",
        outcome=AuditOutcome.ALLOWED,
    )
    practitioner = person.practitioner.full_name if person.practitioner_id else ""
    return {
        "person": person,
        "practitioner": practitioner,
        "home": my_home(
            person, user=user, practitioner_name=practitioner or _("Your social worker")
        ),
    }


def _supporter(user) -> dict:
    """The people this supporter is in the circle of, each with what they chose to share."""
    memberships = list(
        CircleMember.objects.filter(account=user, person__in=Person.objects.visible_to(user))
        .select_related("person")
        .order_by("person__sort_name")
    )
    audit_listing(
        user=user, person_ids=[m.person_id for m in memberships], target="home.supported_people"
    )
    return {"memberships": memberships, "is_carer": any(m.is_unpaid_carer for m in memberships)}


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
    Role.PERSON: _person,
    Role.SUPPORTER: _supporter,
    Role.COPRODUCTION_LEAD: _coproduction_lead,
    Role.ADMINISTRATOR: _administrator,
}

"""What the people pages show, worked out once and unit-tested."""

from dataclasses import dataclass
from datetime import date

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.accounts.models import Role
from alongside.people.identifiers import nhs_number_display
from alongside.people.models import CircleMember, CommunicationNeed, Person, Shareable
from alongside.people.waiting import Waiting, review_soon_until, waiting_for


def age_on(born: date | None, today: date) -> int | None:
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


@dataclass(frozen=True)
class PersonRow:
    person: Person
    age: int | None
    practitioner: str
    team: str
    waiting: list[tuple[str, str]]


def _waiting(waiting: Waiting, today: date) -> list[tuple[str, str]]:
    """(words, GOV.UK tag colour) for each thing needing attention: the plan's first."""
    found = []
    if count := waiting.actions_overdue:
        words = ngettext("%(n)s action overdue", "%(n)s actions overdue", count)
        found.append((words % {"n": count}, "red"))
    if (due := waiting.review_due) is not None:
        if due < today:
            found.append((_("Review overdue"), "red"))
        elif due <= review_soon_until(today):
            when = formats.date_format(due, "j F Y")
            found.append((_("Review due %(date)s") % {"date": when}, "yellow"))
    if count := waiting.sections_not_quite:
        words = ngettext("%(n)s part not quite right", "%(n)s parts not quite right", count)
        found.append((words % {"n": count}, "yellow"))
    if count := waiting.sections_to_check:
        words = ngettext("%(n)s part to check", "%(n)s parts to check", count)
        found.append((words % {"n": count}, "grey"))
    if count := waiting.conversations_to_check:
        words = ngettext("%(n)s conversation to check", "%(n)s conversations to check", count)
        found.append((words % {"n": count}, "grey"))
    return found


def person_rows(people, today: date | None = None) -> list[PersonRow]:
    today = today or timezone.localdate()
    people = list(people)
    waiting = waiting_for([p.pk for p in people], today)
    return [
        PersonRow(
            person=p,
            age=age_on(p.date_of_birth, today),
            practitioner=p.practitioner.full_name if p.practitioner else _("Not allocated"),
            team=p.team.name,
            waiting=_waiting(waiting.get(p.pk, Waiting()), today),
        )
        for p in people
    ]


@dataclass(frozen=True)
class PersonPage:
    """One person's summary as the viewer may see it: supporters only what was shared."""

    person: Person
    age: int | None
    show_contact: bool
    show_circle: bool
    can_see_about_me: bool
    can_see_plan: bool
    can_see_messages: bool
    can_see_outcomes: bool
    nhs_number: str
    communication_needs: list[str]
    shared_sections: list[str]
    is_own_record: bool
    circle: list["CircleRow"]


@dataclass(frozen=True)
class CircleRow:
    member: CircleMember
    shared: list[str]


def person_page(person: Person, viewer, circle: list[CircleMember]) -> PersonPage:
    if viewer.role == Role.SUPPORTER:
        membership = next((m for m in circle if m.account_id == viewer.pk), None)
        shared = list(membership.shared_sections) if membership else []
    else:
        shared = list(Shareable.values)
    show_circle = Shareable.CIRCLE in shared
    return PersonPage(
        person=person,
        age=age_on(person.date_of_birth, timezone.localdate()),
        show_contact=Shareable.CONTACT in shared,
        show_circle=show_circle,
        can_see_about_me=Shareable.ABOUT_ME in shared,
        can_see_plan=Shareable.PLAN in shared,
        can_see_messages=Shareable.MESSAGES in shared,
        can_see_outcomes=Shareable.OUTCOMES in shared,
        nhs_number=nhs_number_display(person.nhs_number or ""),
        communication_needs=[
            str(CommunicationNeed(need).label)
            for need in person.communication_needs
            if need in CommunicationNeed.values
        ],
        shared_sections=[str(Shareable(s).label) for s in shared if s in Shareable.values],
        is_own_record=person.account_id == viewer.pk,
        circle=[
            CircleRow(
                m, [str(Shareable(x).label) for x in m.shared_sections if x in Shareable.values]
            )
            for m in circle
        ]
        if show_circle
        else [],
    )


@dataclass(frozen=True)
class DuplicateRow:
    """A possible duplicate: named and linked if the viewer may open it, otherwise only its team."""

    person: Person | None
    team: str


def duplicate_rows(details: dict, *, viewer) -> list[DuplicateRow]:
    candidates = Person.objects.likely_duplicates(
        given_name=details["given_name"],
        family_name=details["family_name"],
        born=details.get("date_of_birth"),
    ).select_related("team")
    visible = set(
        Person.objects.visible_to(viewer)
        .filter(pk__in=[c.pk for c in candidates])
        .values_list("pk", flat=True)
    )
    return [
        DuplicateRow(person=c if c.pk in visible else None, team=c.team.name) for c in candidates
    ]

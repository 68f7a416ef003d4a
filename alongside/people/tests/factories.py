import itertools

from alongside.accounts.models import Team
from alongside.people.models import CircleMember, Person, Relationship

_numbers = itertools.count(1)


def person_create(*, team: Team, practitioner=None, account=None, **fields) -> Person:
    number = next(_numbers)
    return Person.objects.create(
        given_name=fields.pop("given_name", f"Given{number}"),
        family_name=fields.pop("family_name", f"Family{number:05d}"),
        team=team,
        practitioner=practitioner,
        account=account,
        **fields,
    )


def circle_member_create(*, person: Person, account=None, shares=(), **fields) -> CircleMember:
    return CircleMember.objects.create(
        person=person,
        name=fields.pop("name", f"Supporter {next(_numbers)}"),
        relationship=fields.pop("relationship", Relationship.FAMILY),
        account=account,
        shared_sections=list(shares),
        **fields,
    )

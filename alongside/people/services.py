"""Adding people and changing their details."""

from django.db import transaction
from django.db.models import F

from alongside.accounts.models import Role
from alongside.people.models import Person


class DetailsConflict(Exception):
    def __init__(self, current: Person):
        super().__init__("details changed since they were opened")
        self.current = current


def person_create(*, details: dict, created_by) -> Person:
    """A new person in the creator's team, allocated to them if they are a practitioner."""
    practitioner = created_by if created_by.role == Role.PRACTITIONER else None
    return Person.objects.create(team_id=created_by.team_id, practitioner=practitioner, **details)


@transaction.atomic
def person_details_update(*, person: Person, details: dict, seen_version: int) -> Person:
    current = Person.objects.select_for_update().get(pk=person.pk)
    if current.version != seen_version:
        raise DetailsConflict(current)
    for name, value in details.items():
        setattr(current, name, value)
    current.version = F("version") + 1
    current.save()
    current.refresh_from_db()
    return current

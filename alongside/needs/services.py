from django.db import transaction
from django.db.models import F
from django.utils import timezone

from alongside.needs.models import Need, NeedChange


class NeedConflict(Exception):
    def __init__(self, current: Need):
        super().__init__("need changed since it was opened")
        self.current = current


def _history_record(need: Need, by) -> None:
    NeedChange.objects.create(
        need=need,
        version=need.version,
        status=need.status,
        persons_view=need.persons_view,
        practitioners_view=need.practitioners_view,
        changed_by=by,
        at=need.updated_at,
    )


@transaction.atomic
def need_add(*, person, carer=None, details: dict, recorded_by) -> Need:
    need = Need.objects.create(person=person, carer=carer, recorded_by=recorded_by, **details)
    _history_record(need, recorded_by)
    return need


@transaction.atomic
def need_change(*, need: Need, details: dict, changed_by, seen_version: int) -> Need:
    current = Need.objects.select_for_update().get(pk=need.pk)
    if current.version != seen_version:
        raise NeedConflict(current)
    Need.objects.filter(pk=need.pk).update(
        **details, version=F("version") + 1, updated_at=timezone.now()
    )
    current.refresh_from_db()
    _history_record(current, changed_by)
    return current

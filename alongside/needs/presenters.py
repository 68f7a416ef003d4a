from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from alongside.needs.models import Need, Status, area_labels


@dataclass
class NeedGroup:
    """The person's needs, or one carer's: current first, then those that changed or resolved."""

    title: str
    carer: object | None
    current: list[Need] = field(default_factory=list)
    past: list[Need] = field(default_factory=list)


def wellbeing_labels(need: Need) -> list[str]:
    return area_labels(need.wellbeing_areas)


def needs_by_whom(needs, *, carers) -> list[NeedGroup]:
    groups = {None: NeedGroup(_("What's hard right now"), None)}
    for carer in carers:
        groups[carer.pk] = NeedGroup(_("%(name)s, as a carer") % {"name": carer.name}, carer)
    for need in needs:
        group = groups.get(need.carer_id)
        if group is None:
            continue
        need.wellbeing_labels = wellbeing_labels(need)
        (group.current if need.status == Status.CURRENT else group.past).append(need)
    return list(groups.values())

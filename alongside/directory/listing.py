"""What the directory pages show about a service, in plain words: who, when, cost, where."""

from dataclasses import dataclass
from datetime import date, time

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.directory.models import Schedule, Service

DAY_NAMES = {
    "MO": gettext_lazy("Mondays"),
    "TU": gettext_lazy("Tuesdays"),
    "WE": gettext_lazy("Wednesdays"),
    "TH": gettext_lazy("Thursdays"),
    "FR": gettext_lazy("Fridays"),
    "SA": gettext_lazy("Saturdays"),
    "SU": gettext_lazy("Sundays"),
}

CHANGE_LABELS = {
    "name": gettext_lazy("Name"),
    "organisation": gettext_lazy("Who runs it"),
    "description": gettext_lazy("What happens there"),
    "audience": gettext_lazy("Who it's for"),
    "minimum_age": gettext_lazy("Youngest age"),
    "maximum_age": gettext_lazy("Oldest age"),
    "is_free": gettext_lazy("Free"),
    "fees": gettext_lazy("Cost"),
    "email": gettext_lazy("Email address"),
    "phone": gettext_lazy("Phone number"),
    "url": gettext_lazy("Website"),
    "status": gettext_lazy("Running"),
    "where": gettext_lazy("Where"),
    "coordinates": gettext_lazy("Latitude and longitude"),
    "when": gettext_lazy("When"),
}


def last_updated(service: Service) -> date:
    """When the source last changed it, or (local or undated) when it last changed here."""
    if service.is_local or service.last_modified is None:
        return timezone.localdate(service.updated_at)
    return service.last_modified


def clock(moment: time) -> str:
    """GOV.UK style: 10am, 2:30pm, midday, midnight."""
    if moment.hour == 12 and moment.minute == 0:
        return _("midday")
    if moment.hour == 0 and moment.minute == 0:
        return _("midnight")
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def schedule_words(schedule: Schedule) -> str:
    """'Tuesdays, 10:30am to midday (every week)'."""
    codes = [c for c in (schedule.byday or "").upper().replace(" ", "").split(",") if c]
    days = get_text_list([str(DAY_NAMES[c[-2:]]) for c in codes if c[-2:] in DAY_NAMES], _("and"))
    if schedule.opens_at and schedule.closes_at:
        hours = _("%(from)s to %(to)s") % {
            "from": clock(schedule.opens_at),
            "to": clock(schedule.closes_at),
        }
    elif schedule.opens_at:
        hours = _("from %(from)s") % {"from": clock(schedule.opens_at)}
    else:
        hours = ""
    words = ", ".join(part for part in (days, hours) if part)
    if schedule.description:
        words = f"{words} ({schedule.description})" if words else schedule.description
    return words


def ages_words(service: Service) -> str:
    low, high = service.minimum_age, service.maximum_age
    if low is not None and high is not None:
        return _("Ages %(low)s to %(high)s") % {"low": low, "high": high}
    if low is not None:
        return _("Ages %(low)s and over") % {"low": low}
    if high is not None:
        return _("Up to age %(high)s") % {"high": high}
    return ""


def cost_words(service: Service) -> str:
    if service.is_free:
        return _("Free (%(fees)s)") % {"fees": service.fees} if service.fees else _("Free")
    if service.fees:
        return service.fees
    if service.is_free is False:
        return _("There is a cost: ask them how much")
    return _("Cost not given")


def source_words(service: Service) -> str:
    updated = date_format(last_updated(service), "j F Y")
    if service.is_local:
        who = service.added_by.full_name if service.added_by else _("staff")
        return _("Added by %(who)s, local service, last updated %(day)s") % {
            "who": who,
            "day": updated,
        }
    source = service.source.name if service.source else _("an imported directory")
    return _("From %(source)s, last updated %(day)s") % {"source": source, "day": updated}


def place_words(location) -> str:
    parts = [location.name, location.address.replace("\n", ", "), location.town, location.postcode]
    return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class ServiceRow:
    service: Service
    organisation: str
    who: str
    when: list[str]
    cost: str
    where: list[str]
    miles: float | None
    out_of_date: bool


def service_row(service: Service) -> ServiceRow:
    """Uses what services_found prefetched: no queries of its own."""
    who = ", ".join(p for p in (service.audience, ages_words(service)) if p)
    return ServiceRow(
        service=service,
        organisation=service.organization.name if service.organization else "",
        who=who,
        when=[w for w in (schedule_words(s) for s in service.schedules.all()) if w],
        cost=cost_words(service),
        where=[place_words(link.location) for link in service.at_locations.all()],
        miles=getattr(service, "miles", None),
        out_of_date=service.possibly_out_of_date,
    )


def change_is_addition(change) -> bool:
    """The first record of a local service: nothing before, everything after."""
    values = change.changes.values()
    return bool(values) and all(
        isinstance(v, list | tuple) and len(v) == 2 and v[0] is None for v in values
    )


def change_rows(change) -> list[tuple[str, str, str]]:
    """(what, before, after) for one ServiceChange, in the page's words."""

    def shown(value) -> str:
        if value is None or value == "":
            return _("(nothing)")
        if value is True:
            return _("Yes")
        if value is False:
            return _("No")
        return str(value)

    rows = []
    for name, value in sorted(change.changes.items()):
        before, after = (
            value if isinstance(value, list | tuple) and len(value) == 2 else ("", value)
        )
        rows.append((str(CHANGE_LABELS.get(name, name)), shown(before), shown(after)))
    return rows

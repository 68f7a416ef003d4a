"""From a checked HSDS 3.0 record to the values we store: text cleaned, values the checks found
wrong left out, lengths fitted to the columns. ADR 23."""

import re
from datetime import date, datetime, time

from alongside.directory.cleaning import clean_line, clean_text, is_email, is_uri
from alongside.directory.validation import Problem

ORGANIZATION_KEYS = frozenset(
    {"website", "organization_identifiers", "parent_organization_id", "logo", "services"}
)
SERVICE_KEYS = frozenset(
    {
        "status",
        "fees",
        "schedules",
        "service_at_locations",
        "service_areas",
        "cost_options",
        "accreditations",
        "assured_date",
        "minimum_age",
        "maximum_age",
        "organization",
        "organization_id",
    }
)
TERM_KEYS = frozenset({"term", "taxonomy", "taxonomy_id", "parent_id", "term_uri", "code"})
TAXONOMY_KEYS = frozenset({"taxonomy_terms", "version"})
DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
_FREE = re.compile(r"(it'?s |this is )?(free|free of charge|no charge|no cost|£ ?0(\.00)?)[.!]?")


def kind_of(record: object) -> str | None:
    """Which HSDS 3.0 record this is, from its fields."""
    if not isinstance(record, dict):
        return None
    keys = record.keys()
    if "service" in keys or ("location" in keys and "status" not in keys):
        return "service_at_location"
    if SERVICE_KEYS & keys:
        return "service"
    if ORGANIZATION_KEYS & keys:
        return "organization"
    if TERM_KEYS & keys:
        return "taxonomy_term"
    if TAXONOMY_KEYS & keys:
        return "taxonomy"
    return None


class Fitter:
    """Takes values from a record, leaving out what validation found wrong, and says so when a
    value is too long for its column."""

    def __init__(self, bad: set[tuple], notes: list[Problem], prefix: tuple = ()):
        self.bad = bad
        self.notes = notes
        self.prefix = prefix

    def ok(self, *path) -> bool:
        return (*self.prefix, *path) not in self.bad

    def text(self, record: dict, key: str, limit: int | None = None, *, line=True) -> str:
        value = record.get(key)
        if not isinstance(value, str) or not self.ok(key):
            return ""
        value = clean_line(value) if line else clean_text(value)
        if limit and len(value) > limit:
            self.notes.append(Problem(f"{key} is longer than {limit} characters, so it was cut"))
            value = value[: limit - 1] + "…"
        return value

    def address(self, record: dict, key: str, limit: int, check) -> str:
        value = self.text(record, key)
        if value and (len(value) > limit or not check(value)):
            self.notes.append(
                Problem(f"{key} cannot be used, so it was left out", repr(value[:60]))
            )
            return ""
        return value

    def number(self, record: dict, key: str, low: float, high: float) -> float | None:
        value = record.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float) or not self.ok(key):
            return None
        if not low <= value <= high:
            self.notes.append(
                Problem(f"{key} is outside {low:g} to {high:g}, so it was left out", str(value))
            )
            return None
        return value


def _date(value: object) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value).date() if "T" in value else date.fromisoformat(value)
    except ValueError:
        return None


def _time(value: object) -> time | None:
    try:
        return time.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def is_free(fees: str, cost_options: object) -> bool | None:
    """True only when the source says it is free; False when it names a price; else unknown."""
    if fees and _FREE.fullmatch(fees.lower().strip()):
        return True
    if isinstance(cost_options, list):
        amounts = [
            option.get("amount")
            for option in cost_options
            if isinstance(option, dict) and isinstance(option.get("amount"), int | float)
        ]
        if amounts and any(amount > 0 for amount in amounts):
            return False
        if amounts and all(amount == 0 for amount in amounts):
            return True
    return None


def service_values(record: dict, fit: Fitter, *, audience: str = "") -> dict:
    ages = [fit.number(record, key, 0, 130) for key in ("minimum_age", "maximum_age")]
    fees = fit.text(record, "fees", line=False)
    last_modified = _date(record.get("last_modified")) if fit.ok("last_modified") else None
    if last_modified is None and fit.ok("assured_date"):
        last_modified = _date(record.get("assured_date"))
    return {
        "name": fit.text(record, "name", 300),
        "description": fit.text(record, "description", line=False),
        "url": fit.address(record, "url", 500, is_uri),
        "email": fit.address(record, "email", 300, is_email),
        "status": record["status"],
        "fees": fees,
        "is_free": is_free(fees, record.get("cost_options") if fit.ok("cost_options") else None),
        "minimum_age": int(ages[0]) if ages[0] is not None else None,
        "maximum_age": int(ages[1]) if ages[1] is not None else None,
        "audience": audience[:500],
        "last_modified": last_modified,
    }


def organization_values(record: dict, fit: Fitter) -> dict:
    return {
        "name": fit.text(record, "name", 300),
        "description": fit.text(record, "description", line=False),
        "url": fit.address(record, "website", 500, is_uri),
        "email": fit.address(record, "email", 300, is_email),
    }


def location_values(location: dict, fit: Fitter) -> dict:
    addresses = location.get("addresses") if fit.ok("addresses") else None
    first = addresses[0] if isinstance(addresses, list) and addresses else {}
    first = first if isinstance(first, dict) else {}
    at = Fitter(fit.bad, fit.notes, (*fit.prefix, "addresses", 0))
    lines = [at.text(first, key) for key in ("address_1", "address_2")]
    postcode = at.text(first, "postal_code").upper()
    if len(postcode) > 10:
        fit.notes.append(Problem("postcode is too long, so it was left out", repr(postcode[:20])))
        postcode = ""
    return {
        "name": fit.text(location, "name", 300),
        "address": ", ".join(line for line in lines if line)[:500],
        "town": at.text(first, "city", 100),
        "postcode": postcode,
        "latitude": fit.number(location, "latitude", -90, 90),
        "longitude": fit.number(location, "longitude", -180, 180),
    }


def schedule_values(schedule: dict, fit: Fitter) -> dict:
    byday = fit.text(schedule, "byday").upper().replace(" ", "")
    days = [day for day in byday.split(",") if day]
    return {
        "freq": fit.text(schedule, "freq").upper()[:10],
        "byday": ",".join(days)[:40] if days and set(days) <= DAYS else "",
        "opens_at": _time(schedule.get("opens_at")) if fit.ok("opens_at") else None,
        "closes_at": _time(schedule.get("closes_at")) if fit.ok("closes_at") else None,
        "description": fit.text(schedule, "description", 500),
    }


def term_values(term: dict, fit: Fitter) -> dict | None:
    name = fit.text(term, "name", 300) or fit.text(term, "term", 300)
    if not name:
        return None
    taxonomy = term.get("taxonomy_detail")
    taxonomy_name = fit.text(term, "taxonomy", 200)
    if not taxonomy_name and isinstance(taxonomy, dict):
        taxonomy_name = clean_line(taxonomy.get("name") or "")[:200]
    code = term.get("code") or term.get("id")
    return {
        "taxonomy": taxonomy_name or "Unnamed taxonomy",
        "name": name,
        "code": clean_line(code)[:200] if isinstance(code, str) else "",
        "description": fit.text(term, "description", line=False),
    }

"""Checking records against the Open Referral UK profile 3.0 schemas (shipped in uk_profile/).

The rule (ADR 23): a record is invalid, and skipped, when something we cannot list it without is
wrong — a field we need is missing, or a field the UK profile marks as core has the wrong type,
format or value. Anything else the schema finds (optional fields, nested objects) is a warning,
and the value it is about is left out rather than stored."""

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from importlib import resources

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from alongside.directory.cleaning import is_email, is_uri

SCHEMAS = {
    "service": "compiled_service.json",
    "organization": "compiled_organization.json",
    "service_at_location": "service_at_location.json",
    "taxonomy": "taxonomy.json",
    "taxonomy_term": "taxonomy_term.json",
}

# Fields a record cannot be listed without. The profile requires id, name and status of a
# service; it marks description as core, and a listing people cannot read about is no listing.
NEEDED = {
    "service": ("id", "name", "status", "description"),
    "organization": ("id", "name"),
    "service_at_location": ("id",),
    "taxonomy": ("id", "name"),
    "taxonomy_term": ("id", "name"),
}

FORMAT_WORDS = {
    "uri": "is not a web address",
    "email": "is not an e-mail address",
    "date-time": "is not a date and time",
    "date": "is not a date",
}
TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "empty",
}


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "empty"


def _is_date_time(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return "T" in value or " " in value


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _format_checker() -> FormatChecker:
    """Our own checks for the formats the profile uses. Ids ('uuid') are not checked: we keep
    them as the source publishes them, and real feeds (and the validator's own fixtures) use
    other ids for nested records."""
    checker = FormatChecker(formats=())
    for name, check in {
        "uri": is_uri,
        "email": is_email,
        "date-time": _is_date_time,
        "date": _is_date,
    }.items():
        checker.checks(name)(lambda value, check=check: not isinstance(value, str) or check(value))
    return checker


@cache
def _schema_text(name: str) -> dict:
    path = resources.files("alongside.directory") / "uk_profile" / "schema" / name
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _registry() -> Registry:
    folder = resources.files("alongside.directory") / "uk_profile" / "schema"
    pairs = []
    for entry in folder.iterdir():
        if entry.name.endswith(".json") and entry.name != "openapi.json":
            pairs.append(
                (entry.name, Resource.from_contents(_schema_text(entry.name), DRAFT202012))
            )
    return Registry().with_resources(pairs)


@cache
def validator(kind: str) -> Draft202012Validator:
    # The profile's schemas declare no draft; HSDS 3.0 is written for JSON Schema 2020-12.
    return Draft202012Validator(
        _schema_text(SCHEMAS[kind]), registry=_registry(), format_checker=_format_checker()
    )


@cache
def core_fields(kind: str) -> frozenset[str]:
    properties = _schema_text(SCHEMAS[kind]).get("properties", {})
    return frozenset(name for name, spec in properties.items() if spec.get("core") == "Y")


@dataclass(frozen=True)
class Problem:
    """What is wrong ('url is not a web address') and, apart, the value it is about."""

    label: str
    value: str = ""

    def __str__(self) -> str:
        return f"{self.label}: {self.value}" if self.value else self.label


@dataclass
class Verdict:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # Paths (tuples of keys and positions) whose values are wrong: left out when storing.
    bad: set[tuple] = field(default_factory=set)

    @property
    def valid(self) -> bool:
        return not self.errors


def _path_words(path) -> str:
    words = ""
    for part in path:
        words += f"[{part}]" if isinstance(part, int) else (f".{part}" if words else str(part))
    return words or "the record"


def _shown(value: object) -> str:
    if not isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 60 else text[:57] + "..."
    return repr(value if len(value) <= 60 else value[:57] + "...")


def _words(error) -> Problem:
    where = _path_words(error.absolute_path)
    if error.validator == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        wanted = " or ".join(TYPE_WORDS.get(name, name) for name in expected)
        return Problem(
            f"{where} should be {wanted}, not {_json_type(error.instance)}", _shown(error.instance)
        )
    if error.validator == "format":
        said = FORMAT_WORDS.get(error.validator_value, f"is not a valid {error.validator_value}")
        return Problem(f"{where} {said}", _shown(error.instance))
    if error.validator == "enum":
        allowed = ", ".join(str(value) for value in error.validator_value)
        return Problem(f"{where} is not one of {allowed}", _shown(error.instance))
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        return Problem(f"{where} has no {', '.join(missing)}")
    return Problem(f"{where} does not follow the profile", error.message[:200])


def check(record: object, kind: str) -> Verdict:
    """Validate one record of a kind ('service', 'organization', ...) and sort what is wrong
    into errors and warnings."""
    verdict = Verdict()
    if not isinstance(record, dict):
        verdict.errors.append(Problem(f"the record should be an object, not {_json_type(record)}"))
        return verdict
    core = core_fields(kind)
    needed = NEEDED[kind]
    for name in needed:
        if name not in record or record[name] is None:
            verdict.errors.append(Problem(f"{name} is missing"))
    for error in validator(kind).iter_errors(record):
        path = tuple(error.absolute_path)
        if error.validator == "required" and not path:
            missing = [name for name in error.validator_value if name not in record]
            # Missing fields we need are already errors; others the profile requires warn.
            for name in missing:
                if name not in needed:
                    verdict.warnings.append(Problem(f"{name} is missing"))
            continue
        verdict.bad.add(path)
        if len(path) == 1 and path[0] in core:
            verdict.errors.append(_words(error))
        else:
            verdict.warnings.append(_words(error))
    for name in ("id", "name"):
        value = record.get(name)
        if name in needed and isinstance(value, str) and not value.strip():
            verdict.errors.append(Problem(f"{name} is empty"))
    return verdict

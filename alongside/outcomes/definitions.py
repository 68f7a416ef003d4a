"""Instrument definition files (TOML): read, checked, normalised, and stored as versions.

A definition names the instrument and its licence, lists its items (each with its answers and,
where the instrument reports items on their own, bands), and says how to score it: each item on
its own, a sum, or a mean; how many items may be missing; optional bands for the total; and an
optional conversion table from raw totals (e.g. a licensed instrument's raw-to-metric table).
The project ships only instruments whose wording is free to use (ONS4, UCLA-3); a council loads
a licensed one from its own file, so its wording never enters this repository.

A file with a mistake is refused whole, each problem with its line and reason. Loading a changed
definition makes a new version if answers were given against the current one (they keep their
version and scoring); otherwise the current version is corrected in place."""

import hashlib
import itertools
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from alongside.outcomes.models import Instrument, InstrumentVersion

BUILT_IN = Path(__file__).resolve().parent / "instruments"
METHODS = ("each", "sum", "mean")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class Problem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class DefinitionError(ValueError):
    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source} {p}" for p in problems))


class _Lines:
    """Where things are in the file, for messages: the n-th ``[[items]]``, a key after a line."""

    def __init__(self, text: str):
        self.lines = text.splitlines()

    def header(self, name: str, index: int = 0) -> int:
        pattern = re.compile(rf"^\s*\[\[?\s*{re.escape(name)}\s*\]\]?\s*(#.*)?$")
        seen = -1
        for number, line in enumerate(self.lines, start=1):
            if pattern.match(line):
                seen += 1
                if seen == index:
                    return number
        return 1

    def key(self, key: str, after: int = 1) -> int:
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        for number in range(max(after, 1), len(self.lines) + 1):
            if pattern.match(self.lines[number - 1]):
                return number
        return after


def parse(text: str, source: str) -> dict:
    """The normalised definition, or DefinitionError with every problem found."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(error))) else 1
        raise DefinitionError(
            source, [Problem(line, f"this is not valid TOML ({error})")]
        ) from None
    lines = _Lines(text)
    problems: list[Problem] = []

    def need_text(table: dict, key: str, line: int, what: str) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(
                Problem(lines.key(key, line) if key in table else line, f"{what} is missing")
            )
            return ""
        return value.strip()

    code = need_text(raw, "code", 1, "the instrument's code")
    if code and not _SLUG.match(code):
        problems.append(
            Problem(lines.key("code"), "the code must be lower-case letters, digits, - or _")
        )
    name = need_text(raw, "name", 1, "the instrument's name")
    licence = need_text(raw, "licence", 1, "the licence note (who may use it, and how)")
    attribution = str(raw.get("attribution", "")).strip()

    scoring_line = lines.header("scoring")
    scoring = raw.get("scoring")
    if not isinstance(scoring, dict):
        problems.append(Problem(1, "the [scoring] table is missing"))
        scoring = {}
    method = scoring.get("method")
    if method not in METHODS:
        problems.append(
            Problem(
                lines.key("method", scoring_line),
                f"the scoring method must be one of {', '.join(METHODS)}",
            )
        )

    items_raw = raw.get("items")
    if not isinstance(items_raw, list) or not items_raw:
        problems.append(Problem(1, "there are no [[items]]"))
        items_raw = []
    items, codes = [], set()
    for index, item in enumerate(items_raw):
        line = lines.header("items", index)
        item_code = need_text(item, "code", line, f"item {index + 1}'s code")
        label = item_code or f"item {index + 1}"
        if item_code in codes:
            problems.append(Problem(lines.key("code", line), f"item '{item_code}' appears twice"))
        codes.add(item_code)
        text_ = need_text(item, "text", line, f"item '{label}''s wording")
        options = item.get("options")
        if not isinstance(options, list) or not options:
            problems.append(Problem(line, f"item '{label}' has no response options"))
            options = []
        values = []
        for option in options:
            value, option_label = option.get("value"), option.get("label")
            if not isinstance(value, int) or isinstance(value, bool) or not option_label:
                problems.append(
                    Problem(
                        lines.key("options", line),
                        f"item '{label}': every option needs a whole-number value and a label",
                    )
                )
                continue
            if value in values:
                problems.append(
                    Problem(lines.key("options", line), f"item '{label}': value {value} twice")
                )
            values.append(value)
        bands = _bands(item.get("bands", []), lines.key("bands", line), f"item '{label}'", problems)
        items.append(
            {
                "code": item_code,
                "label": str(item.get("label", "")).strip(),
                "text": text_,
                "options": [
                    {"value": o["value"], "label": str(o["label"])}
                    for o in options
                    if isinstance(o.get("value"), int) and o.get("label")
                ],
                "reverse": bool(item.get("reverse", False)),
                # Which way is better for this item (ONS4's anxiety: lower), else the measure's.
                "higher_is_better": bool(
                    item.get("higher_is_better", raw.get("higher_is_better", True))
                ),
                "bands": bands,
            }
        )

    max_missing = scoring.get("max_missing", 0)
    if not isinstance(max_missing, int) or not 0 <= max_missing < max(len(items), 1):
        problems.append(
            Problem(
                lines.key("max_missing", scoring_line),
                "max_missing must be a whole number, fewer than the number of items",
            )
        )
        max_missing = 0
    total_bands = _bands(
        scoring.get("bands", []), lines.key("bands", scoring_line), "the total", problems
    )
    convert = _conversion(scoring.get("convert"), items, method, lines, problems)
    if problems:
        raise DefinitionError(source, problems)
    return {
        "code": code,
        "name": name,
        # A short name for sentences ("Loneliness: 8 → 5"); the name when there is none.
        "label": str(raw.get("label", "")).strip() or name,
        "licence": licence,
        "attribution": attribution,
        "version_label": str(raw.get("version_label", "")).strip(),
        "higher_is_better": bool(raw.get("higher_is_better", True)),
        "scoring": {
            "method": method,
            "max_missing": max_missing,
            "bands": total_bands,
            "convert": convert,
        },
        "items": items,
    }


def _bands(bands, line: int, whose: str, problems: list[Problem]) -> list[dict]:
    if not isinstance(bands, list):
        problems.append(Problem(line, f"{whose}: bands must be a list"))
        return []
    found = []
    for band in bands:
        low, high, label = band.get("from"), band.get("to"), band.get("label")
        if not isinstance(low, int | float) or not isinstance(high, int | float) or not label:
            problems.append(Problem(line, f"{whose}: every band needs from, to and a label"))
            continue
        if low > high:
            problems.append(
                Problem(line, f"{whose}: the band '{label}' goes from {low} down to {high}")
            )
            continue
        found.append({"from": low, "to": high, "label": str(label)})
    found.sort(key=lambda b: b["from"])
    for before, after in itertools.pairwise(found):
        if after["from"] <= before["to"]:
            problems.append(
                Problem(
                    line,
                    f"{whose}: the band '{after['label']}' overlaps '{before['label']}'",
                )
            )
    return found


def _conversion(convert, items, method, lines: _Lines, problems: list[Problem]) -> dict | None:
    if convert is None:
        return None
    line = lines.header("scoring.convert")
    if method != "sum" or not isinstance(convert, dict):
        problems.append(Problem(line, "a conversion table needs the sum method and raw = score"))
        return None
    table = {}
    for key, value in convert.items():
        if not key.strip().isdigit() or not isinstance(value, int | float):
            problems.append(
                Problem(lines.key(key, line), f"'{key} = {value}' is not a raw score = number")
            )
            continue
        table[str(int(key))] = float(value)
    values = [[o["value"] for o in item["options"]] for item in items]
    if all(values):
        low = sum(min(v) for v in values)
        high = sum(max(v) for v in values)
        gaps = [raw for raw in range(low, high + 1) if str(raw) not in table]
        if gaps:
            shown = ", ".join(str(g) for g in gaps[:10]) + ("…" if len(gaps) > 10 else "")
            problems.append(
                Problem(line, f"the conversion table has no score for raw total {shown}")
            )
    return table


def checksum(definition: dict) -> str:
    canonical = json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@transaction.atomic
def instrument_load(definition: dict, *, source: str) -> tuple[InstrumentVersion, str]:
    """Store a checked definition. Returns the version and what happened: "unchanged", "new"
    (a first or a further version) or "corrected" (no answers yet, so changed in place)."""
    instrument, _created = Instrument.objects.select_for_update().get_or_create(
        code=definition["code"], defaults={"name": definition["name"]}
    )
    if instrument.name != definition["name"]:
        instrument.name = definition["name"]
        instrument.save(update_fields=["name"])
    digest = checksum(definition)
    current = instrument.current()
    fields = {
        "definition": definition,
        "checksum": digest,
        "licence": definition["licence"],
        "attribution": definition["attribution"],
        "source": source[:300],
    }
    if current is not None and current.checksum == digest:
        return current, "unchanged"
    if current is not None and not current.answers.exists():
        for name, value in fields.items():
            setattr(current, name, value)
        current.save()
        return current, "corrected"
    number = current.number + 1 if current else 1
    return InstrumentVersion.objects.create(instrument=instrument, number=number, **fields), "new"


def load_file(path: Path) -> tuple[InstrumentVersion, str]:
    text = path.read_text(encoding="utf-8")
    return instrument_load(parse(text, path.name), source=path.name)


def load_built_in() -> list[tuple[InstrumentVersion, str]]:
    return [load_file(path) for path in sorted(BUILT_IN.glob("*.toml"))]

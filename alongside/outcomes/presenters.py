"""How a person's answers read: the change since their first answers, in words and as a small
chart (server-drawn SVG, with the same figures in a table)."""

from dataclasses import dataclass, field

from alongside.outcomes.models import Answer, Instrument, InstrumentVersion
from alongside.outcomes.scoring import Score, change_words, score

CHART_WIDTH, CHART_HEIGHT, PADDING = 320, 120, 20


@dataclass
class Series:
    label: str
    points: list[tuple[str, float]]  # (date in words, value)
    low: float
    high: float

    @property
    def polyline(self) -> str:
        if not self.points:
            return ""
        span = (self.high - self.low) or 1
        step = (CHART_WIDTH - 2 * PADDING) / max(1, len(self.points) - 1)
        return " ".join(
            f"{PADDING + i * step:.1f},"
            f"{CHART_HEIGHT - PADDING - (v - self.low) / span * (CHART_HEIGHT - 2 * PADDING):.1f}"
            for i, (_when, v) in enumerate(self.points)
        )


@dataclass
class MeasureView:
    instrument: Instrument
    code: str
    changes: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    answered: int = 0
    declined_last: bool = False
    licence: str = ""


def _range(definition: dict, item: dict | None) -> tuple[float, float]:
    items = [item] if item else definition["items"]
    values = [[o["value"] for o in i["options"]] for i in items]
    if item or definition["scoring"]["method"] == "mean":
        return float(min(min(v) for v in values)), float(max(max(v) for v in values))
    return float(sum(min(v) for v in values)), float(sum(max(v) for v in values))


def measures_for(person, instruments: list[Instrument]) -> list[MeasureView]:
    """The person's own measures (a carer's answers about themselves are not theirs)."""
    answers = _answers(Answer.objects.filter(person=person, carer=None))
    return _views(answers, instruments, _licences(instruments))


def carers_measures(person, instruments: list[Instrument]) -> dict[int, list[MeasureView]]:
    """Each unpaid carer's answers about themselves (circle member id → measures), in two
    queries whatever the number of carers."""
    answers = _answers(Answer.objects.filter(person=person, carer__isnull=False))
    licences = _licences(instruments)
    by_carer: dict[int, list[Answer]] = {}
    for answer in answers:
        by_carer.setdefault(answer.carer_id, []).append(answer)
    return {carer: _views(theirs, instruments, licences) for carer, theirs in by_carer.items()}


def _answers(rows) -> list[Answer]:
    return list(rows.select_related("version").order_by("answered_on", "id"))


def _licences(instruments: list[Instrument]) -> dict[int, str]:
    """Each instrument's current licence note, in one query."""
    licences = {}
    for version in InstrumentVersion.objects.filter(instrument__in=instruments).order_by("number"):
        licences[version.instrument_id] = version.licence
    return licences


def _views(answers: list[Answer], instruments, licences: dict[int, str]) -> list[MeasureView]:
    views = []
    for instrument in instruments:
        mine = [a for a in answers if a.version.instrument_id == instrument.pk]
        view = MeasureView(
            instrument=instrument, code=instrument.code, licence=licences.get(instrument.pk, "")
        )
        view.declined_last = bool(mine) and mine[-1].declined
        given = [a for a in mine if not a.declined]
        view.answered = len(given)
        if given:
            definition = given[-1].version.definition
            scores = [(a, score(a.version.definition, a.answers)) for a in given]
            if definition["scoring"]["method"] == "each":
                for item in definition["items"]:
                    view.changes.append(
                        change_words(
                            definition, scores[0][1], scores[-1][1], item_code=item["code"]
                        )
                    )
                    view.series.append(
                        _series(item.get("label") or item["code"], scores, definition, item)
                    )
            else:
                view.changes.append(change_words(definition, scores[0][1], scores[-1][1]))
                view.series.append(
                    _series(definition.get("label") or definition["name"], scores, definition, None)
                )
        views.append(view)
    return views


def _series(label: str, scores: list[tuple[Answer, Score]], definition: dict, item) -> Series:
    low, high = _range(definition, item)
    points = []
    for answer, result in scores:
        value = result.items.get(item["code"]) if item else result.total
        if value is not None:
            points.append((answer.answered_on.strftime("%-d %B %Y"), float(value)))
    return Series(label=label, points=points, low=low, high=high)

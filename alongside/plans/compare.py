"""Two versions of a plan compared in words: what was added, removed, reworded, chosen or costed
differently between them, always told from the earlier version to the later.

Rows are matched across versions by following ``copied_from`` back from the later version (through
any versions in between), and, for what is left, by identical words."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Model, prefetch_related_objects
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.plans.models import Action, ActionOwner, ActionStatus, Funding, Goal, Idea, Plan
from alongside.plans.money import Cost, Totals, pounds, totals
from alongside.plans.presenters import cost_words


class Area:
    """Where in the plan a change is: the headings the comparison is grouped under."""

    GOALS = gettext_lazy("Goals")
    IDEAS = gettext_lazy("Ideas")
    TRADITIONAL = gettext_lazy("Traditional package")
    ACTIONS = gettext_lazy("Actions")
    CONTINGENCY = gettext_lazy("If things go wrong")
    COST = gettext_lazy("Cost")


@dataclass(frozen=True)
class Change:
    area: str  # one of Area, in words; "" for "No changes"
    words: str

    def __post_init__(self):
        object.__setattr__(self, "area", str(self.area))
        object.__setattr__(self, "words", str(self.words))


def no_changes() -> Change:
    return Change(area="", words=_("No changes"))


def plan_differences(older: Plan, newer: Plan) -> list[Change]:
    """What changed from ``older`` to ``newer`` (swapped if given the other way round), in plain
    English. A fixed number of queries, however big the plans: their goals, ideas and actions
    are prefetched (if they are not already), and the rows of any versions in between are read
    once per kind, for the ``copied_from`` chain."""
    if older.number > newer.number:
        older, newer = newer, older
    prefetch_related_objects([older, newer], "goals", "ideas", "actions")
    goals_old, goals_new = list(older.goals.all()), list(newer.goals.all())
    ideas_old, ideas_new = list(older.ideas.all()), list(newer.ideas.all())
    actions_old, actions_new = list(older.actions.all()), list(newer.actions.all())
    between = _between(older, newer)
    changes = [
        *_goals(goals_old, goals_new, between[Goal]),
        *_ideas(
            [i for i in ideas_old if not i.is_traditional],
            [i for i in ideas_new if not i.is_traditional],
            between[Idea],
            person_name=_first_name(newer),
        ),
        *_traditional(
            [i for i in ideas_old if i.is_traditional],
            [i for i in ideas_new if i.is_traditional],
            between[Idea],
        ),
        *_actions(actions_old, actions_new, between[Action]),
        *_contingency(older, newer),
        *_cost(ideas_old, ideas_new),
    ]
    return changes or [no_changes()]


# Matching ---------------------------------------------------------------------------------------


def _between(older: Plan, newer: Plan) -> dict[type[Model], dict[int, int | None]]:
    """For the versions strictly between the two: each row's id → the id it was copied from."""
    found: dict[type[Model], dict[int, int | None]] = {Goal: {}, Idea: {}, Action: {}}
    if newer.number - older.number < 2:
        return found
    for model in found:
        found[model] = dict(
            model.objects.filter(
                plan__person_id=newer.person_id,
                plan__number__gt=older.number,
                plan__number__lt=newer.number,
            ).values_list("id", "copied_from_id")
        )
    return found


def _match[T: Model](
    old: list[T], new: list[T], between: dict[int, int | None], words: Callable[[T], str]
) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """(matched (old, new) pairs in the newer version's order, removed, added)."""
    old_by_id = {row.pk: row for row in old}
    pairs: dict[int, T] = {}  # new row id → old row
    used: set[int] = set()
    for row in new:
        source, seen = row.copied_from_id, set()
        while source is not None and source not in old_by_id and source not in seen:
            seen.add(source)
            source = between.get(source)
        if source in old_by_id and source not in used:
            pairs[row.pk] = old_by_id[source]
            used.add(source)
    for row in new:
        if row.pk in pairs:
            continue
        twin = next((o for o in old if o.pk not in used and words(o) == words(row)), None)
        if twin is not None:
            pairs[row.pk] = twin
            used.add(twin.pk)
    matched = [(pairs[row.pk], row) for row in new if row.pk in pairs]
    removed = [row for row in old if row.pk not in used]
    added = [row for row in new if row.pk not in pairs]
    return matched, removed, added


# Words ------------------------------------------------------------------------------------------


def _quoted(text: str) -> str:
    return f"“{text}”"


def _first_name(plan: Plan) -> str:
    person = plan.person
    return person.preferred_name or person.given_name


def _day(day) -> str:
    return dateformat.format(day, "j F Y") if day else _("no date")


def _goals(old: list[Goal], new: list[Goal], between) -> Iterable[Change]:
    matched, removed, added = _match(old, new, between, lambda g: g.text)
    for goal in added:
        yield Change(Area.GOALS, _("Goal added: %(goal)s") % {"goal": _quoted(goal.text)})
    for goal in removed:
        yield Change(Area.GOALS, _("Goal removed: %(goal)s") % {"goal": _quoted(goal.text)})
    for was, now in matched:
        if was.text != now.text:
            yield Change(
                Area.GOALS,
                _("Goal reworded: %(was)s → %(now)s")
                % {"was": _quoted(was.text), "now": _quoted(now.text)},
            )
    # The order of importance, among the goals in both versions.
    old_order = [was.pk for was, _now in sorted(matched, key=lambda p: (p[0].position, p[0].pk))]
    new_order = [was.pk for was, _now in matched]  # matched follows the newer version's order
    if old_order != new_order:
        yield Change(
            Area.GOALS,
            _("Goals in a new order of importance: %(goals)s")
            % {"goals": _(", then ").join(_quoted(g.text) for g in new)},
        )


def _idea_cost(idea: Idea) -> tuple:
    return (idea.one_off_pence, idea.rate_pence, idea.unit, idea.units_per_week)


def _ideas(old: list[Idea], new: list[Idea], between, *, person_name: str) -> Iterable[Change]:
    matched, removed, added = _match(old, new, between, lambda i: i.title)
    for idea in added:
        words = (
            _("Idea added and chosen: %(idea)s (%(cost)s)")
            if idea.chosen
            else _("Idea added: %(idea)s (%(cost)s)")
        )
        yield Change(Area.IDEAS, words % {"idea": _quoted(idea.title), "cost": cost_words(idea)})
    for idea in removed:
        yield Change(Area.IDEAS, _("Idea removed: %(idea)s") % {"idea": _quoted(idea.title)})
    for was, now in matched:
        title = _quoted(now.title)
        if was.title != now.title:
            yield Change(
                Area.IDEAS,
                _("Idea renamed: %(was)s → %(now)s") % {"was": _quoted(was.title), "now": title},
            )
        if was.chosen != now.chosen:
            words = (
                _("Idea chosen: %(idea)s") if now.chosen else _("Idea no longer chosen: %(idea)s")
            )
            yield Change(Area.IDEAS, words % {"idea": title})
        if was.person_likes != now.person_likes:
            words = (
                _("Idea liked by %(name)s: %(idea)s")
                if now.person_likes
                else _("Idea no longer liked by %(name)s: %(idea)s")
            )
            yield Change(Area.IDEAS, words % {"name": person_name, "idea": title})
        if _idea_cost(was) != _idea_cost(now):
            yield Change(
                Area.IDEAS,
                _("Idea cost changed: %(idea)s, %(was)s → %(now)s")
                % {"idea": title, "was": cost_words(was), "now": cost_words(now)},
            )
        if was.funding != now.funding:
            yield Change(
                Area.IDEAS,
                _("Who pays changed: %(idea)s, %(was)s → %(now)s")
                % {
                    "idea": title,
                    "was": _label(Funding, was.funding),
                    "now": _label(Funding, now.funding),
                },
            )


def _traditional(old: list[Idea], new: list[Idea], between) -> Iterable[Change]:
    matched, removed, added = _match(old, new, between, lambda i: i.title)
    for idea in added:
        yield Change(
            Area.TRADITIONAL,
            _("Added to the traditional package: %(idea)s (%(cost)s)")
            % {"idea": _quoted(idea.title), "cost": cost_words(idea)},
        )
    for idea in removed:
        yield Change(
            Area.TRADITIONAL,
            _("Removed from the traditional package: %(idea)s") % {"idea": _quoted(idea.title)},
        )
    for was, now in matched:
        if was.title != now.title:
            yield Change(
                Area.TRADITIONAL,
                _("Traditional package renamed: %(was)s → %(now)s")
                % {"was": _quoted(was.title), "now": _quoted(now.title)},
            )
        if _idea_cost(was) != _idea_cost(now):
            yield Change(
                Area.TRADITIONAL,
                _("Traditional package cost changed: %(idea)s, %(was)s → %(now)s")
                % {"idea": _quoted(now.title), "was": cost_words(was), "now": cost_words(now)},
            )


def _label(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def _owner(action: Action) -> str:
    return action.owner_name or _label(ActionOwner, action.owner_kind)


def _actions(old: list[Action], new: list[Action], between) -> Iterable[Change]:
    matched, removed, added = _match(old, new, between, lambda a: a.text)
    for action in added:
        words = (
            _("Action added: %(action)s (%(owner)s, by %(day)s)")
            if action.due_on
            else _("Action added: %(action)s (%(owner)s)")
        )
        yield Change(
            Area.ACTIONS,
            words
            % {"action": _quoted(action.text), "owner": _owner(action), "day": _day(action.due_on)},
        )
    for action in removed:
        yield Change(
            Area.ACTIONS, _("Action removed: %(action)s") % {"action": _quoted(action.text)}
        )
    for was, now in matched:
        action = _quoted(now.text)
        if was.text != now.text:
            yield Change(
                Area.ACTIONS,
                _("Action reworded: %(was)s → %(now)s") % {"was": _quoted(was.text), "now": action},
            )
        if (was.owner_kind, was.owner_name) != (now.owner_kind, now.owner_name):
            yield Change(
                Area.ACTIONS,
                _("Who does it changed: %(action)s, %(was)s → %(now)s")
                % {"action": action, "was": _owner(was), "now": _owner(now)},
            )
        if was.due_on != now.due_on:
            yield Change(
                Area.ACTIONS,
                _("Date changed: %(action)s, %(was)s → %(now)s")
                % {"action": action, "was": _day(was.due_on), "now": _day(now.due_on)},
            )
        if was.status != now.status:
            yield Change(
                Area.ACTIONS,
                _("Progress changed: %(action)s, %(was)s → %(now)s")
                % {
                    "action": action,
                    "was": _label(ActionStatus, was.status),
                    "now": _label(ActionStatus, now.status),
                },
            )


def _contingency(older: Plan, newer: Plan) -> Iterable[Change]:
    sections = (
        ("warning_signs", _("Warning signs")),
        ("what_to_do", _("What to do")),
        ("who_to_call", _("Who to call")),
    )
    for name, label in sections:
        was, now = getattr(older, name).strip(), getattr(newer, name).strip()
        if was == now:
            continue
        if not was:
            words = _("%(section)s added: %(now)s")
        elif not now:
            words = _("%(section)s removed (was %(was)s)")
        else:
            words = _("%(section)s changed: %(was)s → %(now)s")
        yield Change(
            Area.CONTINGENCY, words % {"section": label, "was": _quoted(was), "now": _quoted(now)}
        )


def _year(ideas: list[Idea]) -> Totals:
    return totals(
        [
            Cost(i.one_off_pence, i.rate_pence, i.unit, i.units_per_week)
            for i in ideas
            if i.chosen and not i.is_traditional
        ]
    )


def _year_words(year: Totals) -> str:
    if year.unknown:
        return _("at least %(amount)s") % {"amount": pounds(year.year_pence)}
    return pounds(year.year_pence)


def _cost(old: list[Idea], new: list[Idea]) -> Iterable[Change]:
    was, now = _year(old), _year(new)
    if (was.year_pence, was.unknown) != (now.year_pence, now.unknown):
        yield Change(
            Area.COST,
            _("12-month cost: %(was)s → %(now)s")
            % {"was": _year_words(was), "now": _year_words(now)},
        )

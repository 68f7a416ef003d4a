"""What matching reads from a person's record: their interests and what matters to them (About
me), their current plan's goals, what is hard for them now (needs, their own view), their age;
and the introductions of people with similar interests, as feedback. ADR 24."""

import hashlib
from datetime import date

from django.utils import timezone

from alongside.aboutme.models import Section, Statement
from alongside.directory.models import Introduction, IntroductionOutcome

# What each outcome says about the service for people like them.
OUTCOME_SIGNS = {
    IntroductionOutcome.LIKED: 1.0,
    IntroductionOutcome.WENT: 0.5,
    IntroductionOutcome.STOPPED: -0.5,
    IntroductionOutcome.DID_NOT_GO: -1.0,
}
MATCHED_SECTIONS = (Section.INTERESTS, Section.WHAT_MATTERS)
NEEDS_WEIGHT = 0.9  # what is hard counts a little less than interests and goals


def person_age(person, today: date | None = None) -> int | None:
    born = person.date_of_birth
    if born is None:
        return None
    today = today or timezone.localdate()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def person_phrases(person) -> list:
    """The person's words as phrases, in the order: interests, what matters, goals, needs."""
    return _phrases_for([person.pk]).get(person.pk, [])


def _phrases_for(person_ids: list) -> dict:
    from alongside.directory.context import split_phrases
    from alongside.directory.matching import Phrase
    from alongside.needs.models import Need, Status
    from alongside.plans.models import Goal, Plan

    found: dict = {pid: [] for pid in person_ids}

    def add(person_id, text, kind, weight=1.0):
        for part in split_phrases(text):
            found[person_id].append(Phrase(part, kind, weight))

    statements = Statement.objects.filter(person_id__in=person_ids, section__in=MATCHED_SECTIONS)
    ordered = statements.order_by("person_id", "section", "created_at", "id")
    for person_id, text in ordered.values_list("person_id", "text"):
        add(person_id, text, "said")
    current = {}
    for plan_id, person_id in (
        Plan.objects.filter(person_id__in=person_ids).current().values_list("id", "person_id")
    ):
        current.setdefault(person_id, plan_id)  # current() is newest first
    for person_id, text in Goal.objects.filter(plan_id__in=list(current.values())).values_list(
        "plan__person_id", "text"
    ):
        add(person_id, text, "goal")
    needs = Need.objects.filter(
        person_id__in=person_ids, carer__isnull=True, status=Status.CURRENT
    ).exclude(persons_view="")
    for person_id, text in needs.order_by("noted_on", "id").values_list(
        "person_id", "persons_view"
    ):
        add(person_id, text, "said", NEEDS_WEIGHT)
    return found


_person_vectors: dict = {}  # (person id, hash of their words) → embedding; small and bounded


def introduction_feedback(service_ids: list):
    """(service id, outcome sign, embedding of that person's words) for each introduction to
    these services with an outcome. Three queries, whatever the number of introductions."""
    from alongside.directory.embedding import get_model

    if not service_ids:
        return []
    rows = list(
        Introduction.objects.filter(service_id__in=service_ids, outcome__in=list(OUTCOME_SIGNS))
        .order_by()
        .values_list("service_id", "person_id", "outcome")
    )
    if not rows:
        return []
    phrases = _phrases_for(sorted({person_id for _, person_id, _ in rows}))
    texts = {pid: " ".join(p.text for p in words) for pid, words in phrases.items() if words}
    keys = {pid: (pid, hashlib.sha256(t.encode()).hexdigest()) for pid, t in texts.items()}
    missing = [pid for pid in texts if keys[pid] not in _person_vectors]
    if missing:
        if len(_person_vectors) > 5000:
            _person_vectors.clear()
        for pid, vector in zip(
            missing, get_model().encode([texts[p] for p in missing]), strict=True
        ):
            _person_vectors[keys[pid]] = vector
    return [
        (service_id, OUTCOME_SIGNS[outcome], _person_vectors[keys[person_id]])
        for service_id, person_id, outcome in rows
        if person_id in keys
    ]

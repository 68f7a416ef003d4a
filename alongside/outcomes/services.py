"""Answering a questionnaire: checked against the version's definition, scored, and kept with
who answered and how. Partial answers are kept; a "no, thank you" is recorded, not pressed."""

from decimal import Decimal

from django.utils import timezone

from alongside.accounts.models import Role
from alongside.outcomes.models import Answer, AnsweredHow, InstrumentVersion
from alongside.outcomes.scoring import check_answers, score


def how_for(by, how: str) -> str:
    """Someone answering for themselves answered by themselves, or with help: never by proxy."""
    if by.role in (Role.PERSON, Role.SUPPORTER):
        return how if how in (AnsweredHow.SELF, AnsweredHow.WITH_HELP) else AnsweredHow.SELF
    return how


def answer_record(
    *,
    person,
    version: InstrumentVersion,
    answers: dict,
    by,
    how: str,
    declined: bool = False,
    carer=None,
) -> Answer:
    """Raises scoring.ScoringError for an answer the definition does not allow."""
    how = how_for(by, how)
    if declined:
        return Answer.objects.create(
            person=person, carer=carer, version=version, answered_by=by, how=how, declined=True
        )
    given = {code: value for code, value in answers.items() if value is not None}
    check_answers(version.definition, given)
    result = score(version.definition, given)
    return Answer.objects.create(
        person=person,
        carer=carer,
        version=version,
        answered_by=by,
        how=how,
        answers=given,
        total=None if result.total is None else Decimal(str(result.total)),
        band=result.band,
        complete=result.complete,
        answered_on=timezone.localdate(),
    )

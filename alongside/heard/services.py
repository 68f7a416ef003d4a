"""Raising a concern, acknowledging it and answering it."""

import logging
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import Role
from alongside.core.notify import team_managers, tell
from alongside.heard.models import Concern, RaisedAs
from alongside.people.models import Person

log = logging.getLogger("alongside.heard")

# A response is due within this many working days of the day the concern was raised.
RESPONSE_WORKING_DAYS = 10
# No more than this many concerns about one person in one day (whoever raises them).
DAILY_LIMIT = 5

MANAGER_EMAIL_SUBJECT = "Someone does not feel listened to"
# Never a name, never their words: e-mail leaves the council's systems.
MANAGER_EMAIL_BODY = (
    "Someone in your team has said they do not feel listened to. Sign in to Alongside to see it."
)
REPLY_EMAIL_SUBJECT = "You have a reply"
REPLY_EMAIL_BODY = (
    "The team manager has replied to what you told us. Sign in to Alongside to read it."
)


class TooManyToday(Exception):
    pass


def working_days_after(start: date, days: int = RESPONSE_WORKING_DAYS) -> date:
    """The date ``days`` working days after ``start``: Saturdays and Sundays are skipped, the
    start day is not counted. Bank holidays are not known here, so they count as working days.

    Raised on Friday 6 March 2026 → due Friday 20 March 2026; raised on the Saturday or Sunday
    after → due that same Friday 20 March."""
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return day


def _start_of_today() -> datetime:
    today = timezone.localdate()
    return timezone.make_aware(datetime.combine(today, time.min))


def concerns_today(person: Person) -> int:
    return Concern.objects.filter(person=person, created_at__gte=_start_of_today()).count()


@transaction.atomic
def concern_raise(*, person: Person, user, words: str) -> Concern:
    """Saves what they said and lets the team's managers know (without saying who or what)."""
    # Lock the person's row so two at once cannot both slip under the daily limit.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    if concerns_today(person) >= DAILY_LIMIT:
        raise TooManyToday
    if user.role == Role.PERSON:
        raised_as, member = RaisedAs.PERSON, None
    else:
        raised_as, member = RaisedAs.SUPPORTER, person.circle.filter(account=user).first()
    now = timezone.now()
    concern = Concern.objects.create(
        person=person,
        raised_by=user,
        raised_as=raised_as,
        circle_member=member,
        words=words,
        created_at=now,
        due_by=working_days_after(timezone.localdate(now)),
    )
    recipients = list(team_managers(person).values_list("email", flat=True))
    if not recipients:
        log.warning("heard.no_team_manager", extra={"concern": concern.pk})
    transaction.on_commit(
        lambda: tell(
            recipients, str(MANAGER_EMAIL_SUBJECT), str(MANAGER_EMAIL_BODY), event="heard.raised"
        )
    )
    return concern


def concern_acknowledge(concern: Concern, user) -> None:
    """The first time a team manager opens it, the person can see it has been read."""
    if concern.acknowledged_at is None:
        concern.acknowledged_at = timezone.now()
        concern.acknowledged_by = user
        concern.save(update_fields=["acknowledged_at", "acknowledged_by"])


class AlreadyAnswered(Exception):
    pass


@transaction.atomic
def concern_respond(*, concern: Concern, user, response: str) -> Concern:
    """Records what happened. The answer is final: the person may already have read it."""
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    if concern.responded_at is not None:
        raise AlreadyAnswered
    now = timezone.now()
    concern.response = response
    concern.responded_at = now
    concern.responded_by = user
    if concern.acknowledged_at is None:
        concern.acknowledged_at, concern.acknowledged_by = now, user
    concern.save()
    raiser = concern.raised_by
    if raiser is not None and raiser.is_active and raiser.email:
        transaction.on_commit(
            lambda: tell(
                [raiser.email], str(REPLY_EMAIL_SUBJECT), str(REPLY_EMAIL_BODY), event="heard.reply"
            )
        )
    return concern

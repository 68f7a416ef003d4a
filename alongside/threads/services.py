"""Writing to a thread, telling the other side, and counting what is new."""

import logging
import uuid
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts.models import Role
from alongside.core.notify import staff_to_tell, tell
from alongside.people.models import Person, Shareable
from alongside.threads.models import AuthorRole, Message, MessageRead

log = logging.getLogger("alongside.threads")

RATE_LIMIT = 10
RATE_WINDOW = timedelta(minutes=10)

_AUTHOR_ROLES = {
    Role.PERSON: AuthorRole.PERSON,
    Role.SUPPORTER: AuthorRole.SUPPORTER,
    Role.PRACTITIONER: AuthorRole.PRACTITIONER,
    Role.TEAM_MANAGER: AuthorRole.TEAM_MANAGER,
}
STAFF_AUTHOR_ROLES = frozenset({AuthorRole.PRACTITIONER, AuthorRole.TEAM_MANAGER})


class TooManyMessages(Exception):
    """The writer has sent ``RATE_LIMIT`` messages in the last ``RATE_WINDOW``."""


def over_rate_limit(user) -> bool:
    since = timezone.now() - RATE_WINDOW
    return Message.objects.filter(author=user, created_at__gte=since).count() >= RATE_LIMIT


def message_post(*, person: Person, author, body: str, thread_url: str) -> Message:
    """Adds a message to the person's thread and e-mails the other side that there is one.

    The caller has already checked that ``author`` may reach this thread."""
    if over_rate_limit(author):
        raise TooManyMessages
    circle_member = None
    if author.role == Role.SUPPORTER:
        circle_member = person.circle.filter(account=author).first()
    message = Message.objects.create(
        person=person,
        author=author,
        author_role=_AUTHOR_ROLES[author.role],
        circle_member=circle_member,
        body=body,
    )
    MessageRead.objects.update_or_create(
        user=author, person=person, defaults={"last_read_at": message.created_at}
    )
    notify(message, thread_url=thread_url)
    return message


def recipients_for(message: Message) -> list[str]:
    """E-mail addresses of the other side: staff hear from the person's side, and back."""
    person = message.person
    if message.author_role in STAFF_AUTHOR_ROLES:
        users = []
        if person.account_id and person.account.is_active:
            users.append(person.account)
        users += [
            member.account
            for member in person.circle.filter(account__isnull=False).select_related("account")
            if member.can_see(Shareable.MESSAGES) and member.account.is_active
        ]
    else:
        users = staff_to_tell(person)
    addresses = []
    for user in users:
        if user.pk != message.author_id and user.email and user.email not in addresses:
            addresses.append(user.email)
    return addresses


def notify(message: Message, *, thread_url: str) -> int:
    """One e-mail per recipient, saying only that there is a new message: no names, no words."""
    service = settings.SERVICE_NAME
    subject = _("You have a new message in %(service)s") % {"service": service}
    body = "\n\n".join(
        [
            _("Hello,"),
            _("There is a new message for you in %(service)s.") % {"service": service},
            _("Sign in to read it:") + "\n" + thread_url,
            _(
                "To keep it private, we do not put messages in e-mails. "
                "Please do not reply to this e-mail."
            ),
        ]
    )
    return tell(recipients_for(message), subject, body, event="threads.message")


def mark_read(user, person: Person, up_to) -> None:
    MessageRead.objects.update_or_create(user=user, person=person, defaults={"last_read_at": up_to})


def unread_by_person(user, person_ids: Iterable) -> dict:
    """{person id: messages by others this user has not read yet}, in one query.

    It counts; it does not check access: pass only people the user may reach."""
    ids = [pid if isinstance(pid, uuid.UUID) else uuid.UUID(str(pid)) for pid in person_ids]
    if not ids:
        return {}
    read = MessageRead.objects.filter(
        user=user, person=OuterRef("person_id"), last_read_at__gte=OuterRef("created_at")
    )
    rows = (
        Message.objects.filter(person_id__in=ids)
        .exclude(author=user)
        .filter(~Exists(read))
        .values("person_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("person_id", "n")
    )
    counts = dict.fromkeys(ids, 0)
    counts.update(rows)
    return counts


def unread_count(user, person) -> int:
    person_id = person.pk if isinstance(person, Person) else person
    return unread_by_person(user, [person_id]).get(
        person_id if isinstance(person_id, uuid.UUID) else uuid.UUID(str(person_id)), 0
    )

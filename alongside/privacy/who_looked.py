"""Who has looked at a person's record, in plain words, from the audit trail.

Only allowed accesses are listed (``AuditEvent.objects.who_looked``): a denied attempt showed
nobody anything. The person is "You"; a supporter is named as the person knows them in their
circle; staff by name and role."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.accounts.models import Role
from alongside.core.models import AuditAction, AuditEvent
from alongside.people.models import Person

PAGE_SIZE = 50

# Every audit target in the code, in the person's words. A target not listed here reads
# "your record" (and alongside/privacy/tests fail until it is listed).
TARGET_WORDS = {
    "aboutme.page": gettext_lazy("your About me"),
    "aboutme.statement": gettext_lazy("something in your About me"),
    "aboutme.history": gettext_lazy("the history of your About me"),
    "aboutme.note": gettext_lazy("a note beside something in your About me"),
    "aboutme.check": gettext_lazy("whether your About me is right"),
    "aboutme.tags": gettext_lazy("the interests picked out from your About me"),
    "circle.member": gettext_lazy("someone in your circle of support"),
    "circle.sharing": gettext_lazy("what someone in your circle can see"),
    "conversations.list": gettext_lazy("your conversations"),
    "conversations.conversation": gettext_lazy("a conversation with you"),
    "conversations.note": gettext_lazy("notes from a conversation with you"),
    "conversations.check": gettext_lazy("whether a conversation record is right"),
    "conversations.preparation": gettext_lazy("what you wrote before you meet"),
    "outcomes.list": gettext_lazy("how things are changing for you"),
    "outcomes.answer": gettext_lazy("your answers to questions about how you are"),
    "directory.connections": gettext_lazy("groups and services suggested for you"),
    "directory.introduction": gettext_lazy("an introduction to a group or service"),
    "outcomes.goals": gettext_lazy("where things are with the goals in your plan"),
    "outcomes.schedule": gettext_lazy("how often you are asked how things are going"),
    "outcomes.carer": gettext_lazy("a carer's own answers about how they are"),
    # Never shown to the person (CARERS_OWN_TARGETS), named for the council's own audit.
    "carers.list": gettext_lazy("a list of people they look after"),
    "carers.view": gettext_lazy("their own page about caring"),
    "carers.assessment": gettext_lazy("their own page about a carer's assessment"),
    "carers.staff": gettext_lazy("the pages of the carers in your circle"),
    "accounts.invite": gettext_lazy("your invitation to sign in to Alongside"),
    "heard.concern": gettext_lazy("a message to a team manager about being listened to"),
    "threads.messages": gettext_lazy("your messages"),
    "home.person": gettext_lazy("your home page"),
    "home.supported_people": gettext_lazy("a list of people they support, which included you"),
    "needs.list": gettext_lazy("what's hard for you"),
    "needs.need": gettext_lazy("something that's hard for you"),
    "people.list": gettext_lazy("a list of people that included you"),
    "person.summary": gettext_lazy("your summary and circle of support"),
    "person.details": gettext_lazy("your details"),
    "person.story": gettext_lazy("your story"),
    "plans.plan": gettext_lazy("your plan"),
    "plans.versions": gettext_lazy("the versions of your plan"),
    "plans.compare": gettext_lazy("two versions of your plan side by side"),
    "plans.copy": gettext_lazy("your copy of your plan"),
    "plans.goal": gettext_lazy("a goal in your plan"),
    "plans.idea": gettext_lazy("an idea in your plan"),
    "plans.action": gettext_lazy("who does what in your plan"),
    "plans.contingency": gettext_lazy("what to do if things go wrong, in your plan"),
    "plans.agreement": gettext_lazy("who agreed your plan"),
    "plans.review": gettext_lazy("a review of your plan"),
    "directory.feedback": gettext_lazy("what you said about a group you were introduced to"),
    "privacy.page": gettext_lazy("your privacy page"),
    "privacy.who_looked": gettext_lazy("who has looked at your record"),
    "privacy.download": gettext_lazy("a copy of your information"),
    # A supporter's copy of their own information: audited with no person, so never listed.
    "privacy.supporter_download": gettext_lazy("a supporter's copy of their own information"),
}
UNKNOWN_TARGET = gettext_lazy("your record")


def target_words(target: str) -> str:
    return str(TARGET_WORDS.get(target, UNKNOWN_TARGET))


@dataclass(frozen=True)
class Look:
    at: datetime
    who: str
    role: str
    did: str
    what: str
    whose: str = ""  # whose record, when the list spans several people (a carer's)


# A carer's own pages are about the carer, a third party: that they (or staff) opened them is
# not the person's to see, even though the audit trail files them under the person they care for.
CARERS_OWN_TARGETS = ("carers.list", "carers.view", "carers.assessment", "carers.staff")


def looks_for(person: Person):
    """Allowed accesses to the person's record, newest first, ordered by the database; page it."""
    events = AuditEvent.objects.who_looked(person.pk).exclude(target__in=CARERS_OWN_TARGETS)
    return events.values_list(
        "at", "actor_id", "actor__full_name", "actor_role", "action", "target"
    )


def supporter_names(person: Person) -> dict[int, str]:
    """Supporters' accounts → their names as the person knows them in their circle."""
    return {
        account_id: name
        for account_id, name in person.circle.filter(account__isnull=False).values_list(
            "account_id", "name"
        )
    }


def describe(rows, person: Person, names: dict[int, str]) -> list[Look]:
    looks = []
    for at, actor_id, full_name, actor_role, action, target in rows:
        if actor_id is not None and actor_id == person.account_id:
            who, role = _("You"), ""
        elif actor_role == Role.SUPPORTER:
            who, role = names.get(actor_id, full_name or ""), str(Role.SUPPORTER.label)
        else:
            who = full_name or _("Someone not signed in")
            role = str(Role(actor_role).label) if actor_role in Role.values else ""
        did = str(AuditAction(action).label) if action in AuditAction.values else action
        looks.append(Look(at=at, who=who, role=role, did=did, what=target_words(target)))
    return looks

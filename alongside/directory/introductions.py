"""Introductions: with the person's consent, recorded, the practitioner or the person introduces
them to a service, sharing only the details the person agreed to; then what happened, in their
words. Part of the person's record (subject access, who looked)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core.notify import tell
from alongside.directory.models import Introduction, IntroductionOutcome, Service

# What a person may agree to share, in this order in the e-mail.
SHAREABLE = ("name", "phone", "email", "words")


class NotAgreed(ValueError):
    """An introduction without the person's recorded consent is never made."""


def contact_email(service: Service) -> str:
    return service.email or (service.organization.email if service.organization_id else "")


def introduction_text(*, person, shared: list[str], words: str, sender_name: str) -> str:
    """The e-mail to the organisation: only what the person agreed to share."""
    lines = [_("Hello,"), ""]
    name = person.preferred_name or person.given_name
    if "name" in shared:
        lines.append(
            _("%(name)s would like to come along, and asked us to introduce them.") % {"name": name}
        )
    else:
        lines.append(
            _("Someone we support would like to come along, and asked us to introduce them.")
        )
    if "words" in shared and words:
        lines += ["", _("In their words:"), words]
    contact = []
    if "phone" in shared and person.phone:
        contact.append(_("Phone: %(phone)s") % {"phone": person.phone})
    if "email" in shared and person.email:
        contact.append(_("E-mail: %(email)s") % {"email": person.email})
    if contact:
        lines += ["", _("They are happy for you to contact them:"), *contact]
    lines += ["", _("With thanks,"), sender_name]
    return "\n".join(lines)


@transaction.atomic
def introduction_make(
    *, person, service: Service, consent: bool, shared: list[str], words: str, by
) -> Introduction:
    if not consent:
        raise NotAgreed(_("Only make an introduction the person has agreed to"))
    shared = [item for item in SHAREABLE if item in shared]
    address = contact_email(service)
    introduction = Introduction.objects.create(
        person=person,
        service=service,
        consent_given=True,
        consent_recorded_by=by,
        shared=shared,
        message=words if "words" in shared else "",
        sent_to=address,
    )
    if address:
        body = introduction_text(
            person=person, shared=shared, words=words, sender_name=by.full_name
        )
        subject = _("An introduction: %(service)s") % {"service": service.name}
        if tell([address], subject, body, event="directory.introduction"):
            introduction.sent_at = timezone.now()
            introduction.save(update_fields=["sent_at"])
    return introduction


def outcome_record(*, introduction: Introduction, outcome: str, words: str) -> Introduction:
    if outcome not in IntroductionOutcome.values or outcome == IntroductionOutcome.WAITING:
        raise ValueError(outcome)
    introduction.outcome = outcome
    introduction.outcome_words = words
    introduction.outcome_recorded_at = timezone.now()
    introduction.save(update_fields=["outcome", "outcome_words", "outcome_recorded_at"])
    return introduction

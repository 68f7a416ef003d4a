"""Before we meet: a few gentle questions the person answers in their own time, in as many
sittings as they like. Saved on the server as a draft; the practitioner sees only what the person
chose to share, as it was when they shared it."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from alongside.aboutme.services import EditConflict
from alongside.conversations.models import Preparation, PreparationAnswer, Prompt, PromptGroup


def preparation_prompts() -> list[Prompt]:
    """The first active question of each group, in the groups' order: a few, not a
    questionnaire."""
    first = {}
    for prompt in Prompt.objects.filter(is_active=True).order_by("position", "id"):
        first.setdefault(prompt.group, prompt)
    return [first[group] for group in PromptGroup.values if group in first]


@dataclass
class Answer:
    prompt: Prompt
    text: str = ""
    shared_text: str = ""


def preparation_for(person) -> tuple[Preparation | None, list[Answer]]:
    preparation = Preparation.objects.filter(person=person).first()
    saved = {a.prompt_id: a for a in preparation.answers.all()} if preparation is not None else {}
    answers = []
    for prompt in preparation_prompts():
        found = saved.pop(prompt.pk, None)
        answers.append(Answer(prompt, found.text, found.shared_text) if found else Answer(prompt))
    # Answers to questions since taken out of the list are still the person's: keep showing them.
    answers += [Answer(a.prompt, a.text, a.shared_text) for a in saved.values()]
    return preparation, answers


@transaction.atomic
def preparation_save(
    *, person, texts: dict[int, str], seen_revision: int, share: bool
) -> Preparation:
    """Save the draft (and, if asked, share it). Refused if it was saved elsewhere meanwhile."""
    preparation, _created = Preparation.objects.select_for_update().get_or_create(person=person)
    if preparation.revision != seen_revision:
        raise EditConflict(preparation)
    prompts = {p.pk: p for p in Prompt.objects.filter(pk__in=texts)}
    now = timezone.now()
    for prompt_id, text in texts.items():
        if prompt_id not in prompts:
            continue
        answer, _new = PreparationAnswer.objects.get_or_create(
            preparation=preparation, prompt=prompts[prompt_id]
        )
        answer.text = text.strip()
        if share:
            answer.shared_text = answer.text
        answer.save()
    preparation.revision += 1
    preparation.updated_at = now
    if share:
        preparation.shared_at = now
    preparation.save()
    return preparation

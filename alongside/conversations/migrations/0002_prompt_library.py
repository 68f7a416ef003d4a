"""A first library of open, strengths-based questions. Administrators change it from here on."""

from django.db import migrations

PROMPTS = {
    "what_matters": [
        "What matters most to you at the moment?",
        "What would you like to be different?",
        "What are you proud of?",
        "What would make tomorrow a good day?",
    ],
    "good_day": [
        "Tell me about a good day. What happens, and who is there?",
        "And a bad day: what makes it hard?",
        "What time of day do you feel at your best?",
    ],
    "people": [
        "Who is important to you?",
        "Who do you see, and who would you like to see more of?",
        "Who could you call if something went wrong?",
    ],
    "interests": [
        "What do you love doing, or used to love doing?",
        "What gives you joy?",
        "Is there something you have always wanted to try?",
    ],
    "worries": [
        "What worries you?",
        "What would help you feel safer or more settled?",
    ],
    "what_has_worked": [
        "What has helped before, even a little?",
        "When things were better, what was different?",
        "What do you already do that works for you?",
    ],
}


def add(apps, schema_editor):
    Prompt = apps.get_model("conversations", "Prompt")
    Prompt.objects.bulk_create(
        Prompt(group=group, text=text, position=position)
        for group, texts in PROMPTS.items()
        for position, text in enumerate(texts)
    )


def remove(apps, schema_editor):
    Prompt = apps.get_model("conversations", "Prompt")
    Prompt.objects.filter(text__in=[t for texts in PROMPTS.values() for t in texts]).delete()


class Migration(migrations.Migration):
    dependencies = [("conversations", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]

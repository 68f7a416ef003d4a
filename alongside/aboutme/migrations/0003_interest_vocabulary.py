"""A first vocabulary of interests. Administrators change it from here on."""

from django.db import migrations

TAGS = {
    "Motorbikes": "motorbike, motorcycle, bike, biking, sidecar, riding, riders",
    "Singing": "sing, singer, choir, songs, hymns",
    "Music": "piano, guitar, band, concerts, music",
    "Gardening": "garden, allotment, plants, flowers, vegetables",
    "Football": "football, match, team, stadium",
    "Faith": "church, chapel, mosque, temple, gurdwara, synagogue, prayer, faith",
    "Walking": "walk, walking, walks, rambling, countryside",
    "Cooking": "cook, cooking, baking, bake, recipes",
    "Crafts": "knitting, sewing, crafts, painting, drawing",
    "Reading": "books, reading, library",
    "Animals": "dog, dogs, cat, cats, pets, birds, horses",
    "Dancing": "dance, dancing",
    "Fishing": "fishing, angling",
    "Volunteering": "volunteer, volunteering, helping",
}


def add(apps, schema_editor):
    InterestTag = apps.get_model("aboutme", "InterestTag")
    InterestTag.objects.bulk_create(InterestTag(name=name, suggested_by=words) for name, words in TAGS.items())


def remove(apps, schema_editor):
    apps.get_model("aboutme", "InterestTag").objects.filter(name__in=TAGS).delete()


class Migration(migrations.Migration):
    dependencies = [("aboutme", "0002_initial")]
    operations = [migrations.RunPython(add, remove)]

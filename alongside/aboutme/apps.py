from django.apps import AppConfig


class AboutMeConfig(AppConfig):
    name = "alongside.aboutme"
    label = "aboutme"
    verbose_name = "About me"

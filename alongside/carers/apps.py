from django.apps import AppConfig


class CarersConfig(AppConfig):
    name = "alongside.carers"
    label = "carers"
    verbose_name = "Carers' own pages"

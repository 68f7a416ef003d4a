from django.urls import path

from alongside.privacy import views

app_name = "privacy"
urlpatterns = [
    path("people/<uuid:person_id>/privacy/", views.privacy_home, name="home"),
    path("people/<uuid:person_id>/privacy/who-looked", views.who_looked, name="who-looked"),
    path("people/<uuid:person_id>/privacy/download", views.download, name="download"),
]

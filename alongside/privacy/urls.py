from django.urls import path

from alongside.privacy import supporter_views, views

app_name = "privacy"
urlpatterns = [
    path("people/<uuid:person_id>/privacy/", views.privacy_home, name="home"),
    path("people/<uuid:person_id>/privacy/who-looked", views.who_looked, name="who-looked"),
    path("people/<uuid:person_id>/privacy/download", views.download, name="download"),
    # A supporter's own: about them, not about anyone's record.
    path("my-privacy/", supporter_views.home, name="supporter"),
    path("my-privacy/who-looked", supporter_views.who_looked, name="supporter-who-looked"),
    path("my-privacy/download", supporter_views.download, name="supporter-download"),
]

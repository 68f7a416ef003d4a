from django.urls import path

from alongside.threads import views

app_name = "threads"
urlpatterns = [
    path("people/<uuid:person_id>/messages/", views.thread, name="messages"),
]

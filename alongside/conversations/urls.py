from django.urls import path

from alongside.conversations import views

app_name = "conversations"
urlpatterns = [
    path("", views.conversation_list, name="list"),
    path("before-we-meet", views.before_we_meet, name="before-we-meet"),
    path("before-we-meet/shared", views.before_we_meet_shared, name="before-we-meet-shared"),
    path("new", views.conversation_new, name="new"),
    path("<int:conversation_id>/", views.conversation_detail, name="detail"),
    path("<int:conversation_id>/notes/", views.note_new, name="note-new"),
    path("<int:conversation_id>/notes/<int:note_id>", views.note_update, name="note"),
    path(
        "<int:conversation_id>/notes/<int:note_id>/about-me",
        views.note_to_about_me,
        name="note-to-about-me",
    ),
    path("<int:conversation_id>/finish", views.conversation_done, name="finish"),
    path("<int:conversation_id>/check", views.conversation_check, name="check"),
]

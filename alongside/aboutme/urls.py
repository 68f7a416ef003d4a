from django.urls import path

from alongside.aboutme import views

app_name = "aboutme"
urlpatterns = [
    path("", views.about_me, name="page"),
    path("<slug:section>/add", views.statement_new, name="add"),
    path("<slug:section>/check", views.section_check, name="check"),
    path("statements/<int:statement_id>/", views.statement_history, name="history"),
    path("statements/<int:statement_id>/change", views.statement_change, name="change"),
    path("statements/<int:statement_id>/note", views.statement_note, name="note"),
    path("statements/<int:statement_id>/interests", views.statement_tags, name="tags"),
]

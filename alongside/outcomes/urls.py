from django.urls import path

from alongside.outcomes import report_views, views

app_name = "outcomes"
urlpatterns = [
    path("people/<uuid:person_id>/outcomes/", views.outcomes_page, name="page"),
    path("outcomes/", report_views.report, name="report"),
    path("outcomes/report.csv", report_views.report_csv, name="report-csv"),
    path("people/<uuid:person_id>/outcomes/<slug:code>/answer", views.answer, name="answer"),
    path("people/<uuid:person_id>/outcomes/goals", views.rate_goals, name="goals"),
    path("people/<uuid:person_id>/outcomes/schedule", views.schedule, name="schedule"),
    path("caring/<int:member_id>/wellbeing", views.carer_answer, name="carer-answer"),
]

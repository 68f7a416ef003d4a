from django.urls import path

from alongside.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_page, name="plan"),
    path("start", views.plan_new, name="start"),
    path("goals/add", views.goal_new, name="goal-add"),
    path("ideas/add", views.idea_new, name="idea-add"),
]

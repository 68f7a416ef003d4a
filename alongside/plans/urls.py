from django.urls import path

from alongside.plans import compare_views, copy_views, views

app_name = "plans"
urlpatterns = [
    path("", views.plan_page, name="plan"),
    path("start", views.plan_new, name="start"),
    path("goals/add", views.goal_new, name="goal-add"),
    path("goals/<int:goal_id>", views.goal_edit, name="goal-change"),
    path("goals/<int:goal_id>/move", views.goal_reorder, name="goal-move"),
    path("goals/<int:goal_id>/levels", views.goal_levels, name="goal-levels"),
    path("ideas/add", views.idea_new, name="idea-add"),
    path("ideas/<int:idea_id>", views.idea_edit, name="idea-change"),
    path("ideas/<int:idea_id>/like", views.idea_liked, name="idea-like"),
    path("rates", views.rates_update, name="rates"),
    path("actions/add", views.action_new, name="action-add"),
    path("actions/<int:action_id>", views.action_edit, name="action-change"),
    path("if-things-go-wrong", views.contingency, name="contingency"),
    path("agreement", views.agreement, name="agreement"),
    path("agree", views.agree, name="agree"),
    path("agreements/<int:agreement_id>/check", views.agreement_checked, name="agreement-check"),
    path("put-in-place", views.put_in_place, name="put-in-place"),
    path("review-date", views.review_date, name="review-date"),
    path("review", views.review_new, name="review"),
    path("versions/", compare_views.versions, name="versions"),
    path("versions/compare", compare_views.compare, name="compare"),
    path("versions/<int:number>", views.version_page, name="version"),
    path("versions/<int:number>/copy", copy_views.person_copy, name="copy"),
    path("versions/<int:number>/copy.pdf", copy_views.person_copy_pdf, name="copy-pdf"),
    path("versions/<int:number>/easy-read", copy_views.easy_read, name="easy-read"),
    path("versions/<int:number>/easy-read.pdf", copy_views.easy_read_pdf, name="easy-read-pdf"),
]

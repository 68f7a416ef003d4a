from django.urls import path

from alongside.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in", views.sign_in, name="sign-in"),
    path("sign-out", views.sign_out, name="sign-out"),
    path("signed-out", views.signed_out, name="signed-out"),
    path("two-factor", views.two_factor, name="two-factor"),
    path("people/<uuid:person_id>/invite", views.invite, name="invite"),
    # Before the token pattern, which would otherwise take "new-link" for a token.
    path("invitation/new-link", views.invitation_new_link, name="invitation-new-link"),
    path("invitation/<str:token>", views.invitation, name="invitation"),
    path("welcome", views.welcome, name="welcome"),
]

from django.urls import path

from accounts import access, recovery, school_keys, views

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/code/", views.login_code, name="login-code"),
    path("logout/", views.logout_view, name="logout"),
    path("lost-password/", recovery.recover_password, name="lost-password"),
    path("password/", views.password_change, name="password-change"),
    path("two-factor/", views.two_factor, name="two-factor"),
    path("two-factor/off/", views.two_factor_off, name="two-factor-off"),
    path("staff-leave/<slug:slug>/", views.staff_leave, name="staff-leave"),
    path("handover/<int:pk>/", views.handover, name="handover"),
    path("invitations/<slug:slug>/", school_keys.invitations, name="invitations"),
    path(
        "invitations/<slug:slug>/<int:pk>/confirm/",
        school_keys.invitation_confirm,
        name="invitation-confirm",
    ),
    path(
        "invitations/<slug:slug>/<int:pk>/cancel/",
        school_keys.invitation_cancel,
        name="invitation-cancel",
    ),
    path("join/", school_keys.join, name="join"),
    path("join/<str:code>/", school_keys.join, name="join-code"),
    path("key/<slug:slug>/", school_keys.school_keys, name="school-keys"),
    path("first-key/", school_keys.first_key, name="first-key"),
    path("access/<slug:slug>/", access.access, name="access"),
]

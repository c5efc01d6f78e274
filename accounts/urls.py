from django.urls import path

from accounts import views

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/code/", views.login_code, name="login-code"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.password_change, name="password-change"),
    path("two-factor/", views.two_factor, name="two-factor"),
    path("two-factor/off/", views.two_factor_off, name="two-factor-off"),
    path("staff-leave/<slug:slug>/", views.staff_leave, name="staff-leave"),
]

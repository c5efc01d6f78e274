from django.urls import path

from notify import views

app_name = "notify"
urlpatterns = [
    path("health/", views.health, name="health"),
    path("staff/telegram/", views.telegram_page, name="telegram"),
]

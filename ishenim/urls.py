from django.urls import include, path
from django.views.i18n import set_language

from journal import views as journal_views

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("staff/", include("accounts.urls")),
    path("staff/", journal_views.journal, name="staff-home"),
    path("staff/", include("journal.urls")),
    path("staff/school/", include("schools.urls")),
    path("staff/commission/", include("commission.urls")),
    path("staff/openings/", include("openings.urls")),
    path("staff/reports/", include("reports.urls")),
    path("staff/urgent/", include("urgent.urls")),
    path("staff/files/", include("jobs.urls")),
    path("", include("notify.urls")),
    path("", include("board.urls")),
    path("", include("intake.urls")),
]

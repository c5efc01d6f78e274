from django.urls import path

from journal import views, years

app_name = "journal"
urlpatterns = [
    path("", views.journal, name="home"),
    path("paper/", views.paper_letter, name="paper"),
    path("years/", years.years, name="years"),
    path("years/<int:pk>/journal.pdf", years.year_pdf, name="year-pdf"),
    path("corrections/", views.corrections, name="corrections"),
    path("journal.<str:fmt>", views.export, name="export"),
    path("appeals/<int:pk>/", views.appeal_detail, name="appeal"),
    path("appeals/<int:pk>/files/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("appeals/<int:pk>/author-data.txt", views.author_data, name="author-data"),
    path("notices/<int:pk>/read/", views.notice_read, name="notice-read"),
    path("notices/read/", views.notices_read_all, name="notices-read-all"),
]

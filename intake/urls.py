from django.urls import path

from intake import views
from journal import author_views

app_name = "intake"
urlpatterns = [
    path("", views.school_list, name="schools"),
    path("s/<slug:slug>/", views.school_page, name="school"),
    path("s/<slug:slug>/write/", views.write, name="write"),
    path("s/<slug:slug>/write/anonymous/", views.write_anonymous, name="write-anonymous"),
    path("s/<slug:slug>/write/signed/", views.write_signed, name="write-signed"),
    path("s/<slug:slug>/receipt/", views.receipt, name="receipt"),
    path("s/<slug:slug>/receipt/print/", views.receipt, {"printable": True}, name="receipt-print"),
    path("s/<slug:slug>/check/", views.check, name="check"),
    path("s/<slug:slug>/conversation/", views.conversation, name="conversation"),
    path("s/<slug:slug>/leave/", views.leave, name="leave"),
    # Law No. 58: the author's copy and the erasure of their words (journal/author_views.py).
    path("s/<slug:slug>/my-letter.txt", author_views.author_download, name="my-copy"),
    path("s/<slug:slug>/erase/", author_views.author_erase, name="erase"),
]

# Printed paper for the real box: forms, poster, QR code, the link for the school website.
from intake import print_views  # noqa: E402

urlpatterns += [
    path("staff/print/", print_views.print_home, name="print"),
    path("staff/print/forms/", print_views.print_forms, name="print-forms"),
    path("s/<slug:slug>/poster.pdf", print_views.poster, name="poster"),
    path("s/<slug:slug>/qr.png", print_views.qr, name="qr"),
]

from django.urls import path

from board import views

app_name = "board"
urlpatterns = [
    path("staff/appeals/<int:pk>/board/", views.staff_board, name="staff"),
    path("staff/appeals/<int:pk>/board/<int:post_pk>/withdraw/", views.withdraw, name="withdraw"),
    path("s/<slug:slug>/board/", views.public_board, name="public"),
    path("s/<slug:slug>/board.pdf", views.board_pdf, name="pdf"),
]

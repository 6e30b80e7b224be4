from django.urls import path

from . import views

app_name = "arsip"

urlpatterns = [
    path("", views.index, name="index"),
    path("ekspor/", views.export, name="export"),
    path("baru/", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.edit, name="edit"),
    path("<int:pk>/versi/", views.upload_version, name="upload_version"),
    path("<int:pk>/unduh/<int:versi>/", views.download, name="download"),
    path("<int:pk>/hak-akses/", views.grant, name="grant"),
    path("hak-akses/<int:pk>/cabut/", views.revoke, name="revoke"),
    path("permohonan/", views.permohonan, name="permohonan"),
    path("permohonan/<int:pk>/putus/", views.decide, name="decide"),
]

from django.urls import path

from . import views, views_holds, views_import, views_preview, views_retention

app_name = "arsip"

urlpatterns = [
    path("", views.index, name="index"),
    path("ekspor/", views.export, name="export"),
    path("impor/", views_import.impor, name="import"),
    path("retensi/impor/", views_import.impor_jra, name="import_jra"),
    path("baru/", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.edit, name="edit"),
    path("<int:pk>/kelas/", views.reclass, name="reclass"),
    path("<int:pk>/versi/", views.upload_version, name="upload_version"),
    path("<int:pk>/unduh/<int:versi>/", views.download, name="download"),
    path("<int:pk>/pratinjau/<int:versi>/", views_preview.pratinjau, name="preview"),
    path("<int:pk>/hak-akses/", views.grant, name="grant"),
    path("hak-akses/<int:pk>/cabut/", views.revoke, name="revoke"),
    path("jejak-unduhan/", views.trace, name="trace"),
    path("permohonan/", views.permohonan, name="permohonan"),
    path("permohonan/<int:pk>/putus/", views.decide, name="decide"),
    path("retensi/", views_retention.retensi, name="retensi"),
    path("retensi/inaktif/", views_retention.move_inactive, name="move_inactive"),
    path("berkas/<int:pk>/tutup/", views_retention.close_berkas, name="close_berkas"),
    path("pemusnahan/", views_retention.pemusnahan, name="pemusnahan"),
    path("pemusnahan/usul/", views_retention.propose, name="propose"),
    path("pemusnahan/<int:pk>/", views_retention.pemusnahan_detail, name="pemusnahan_detail"),
    path(
        "pemusnahan/<int:pk>/berita-acara.pdf",
        views_retention.berita_acara_pdf,
        name="berita_acara_pdf",
    ),
    path("penahanan/", views_holds.penahanan, name="penahanan"),
    path("penahanan/<int:pk>/cabut/", views_holds.cabut, name="cabut_penahanan"),
    path("peminjaman/", views_retention.peminjaman, name="peminjaman"),
    path("peminjaman/<int:pk>/kembali/", views_retention.kembali, name="kembali"),
]

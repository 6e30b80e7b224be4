"""Public Info PPPS pages, mounted at the site root by sisp/urls.py."""

from django.urls import path

from .views import aduan_public, pelapor, public

app_name = "ppps_public"

urlpatterns = [
    path("cek/", public.cek, name="cek"),
    path("cek/pelapor/", pelapor.pelapor, name="pelapor"),
    path("cek/surat/<int:pk>/", pelapor.surat_download, name="surat_download"),
    path("aduan/", aduan_public.aduan, name="aduan"),
    path("aduan/status/", aduan_public.aduan_status, name="aduan_status"),
    path(
        "aduan/tanda-terima/<str:kode>.pdf",
        aduan_public.receipt_pdf,
        name="aduan_receipt_pdf",
    ),
    path(
        "aduan/tanda-terima/<str:kode>/batas-laporan.ics",
        aduan_public.receipt_ics,
        name="aduan_receipt_ics",
    ),
    path("statistik/", public.statistik, name="statistik"),
]

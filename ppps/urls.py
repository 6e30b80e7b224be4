from django.urls import path

from .views import aduan_staff, holds, pemilihan, staff, transfer

app_name = "ppps"

urlpatterns = [
    path("", staff.index, name="index"),
    path("perkara/", staff.perkara_list, name="perkara_list"),
    path("perkara/baru/", staff.perkara_add, name="perkara_add"),
    path("perkara/<int:pk>/", staff.perkara_detail, name="perkara_detail"),
    path("perkara/<int:pk>/ubah/", staff.perkara_edit, name="perkara_edit"),
    path("perkara/<int:pk>/tahapan/", staff.perkara_move, name="perkara_move"),
    path("perkara/<int:pk>/perpanjang/", staff.perkara_extend, name="perkara_extend"),
    path("perkara/<int:pk>/registrasi/", staff.perkara_register, name="perkara_register"),
    path("perkara/<int:pk>/catatan/", staff.perkara_note, name="perkara_note"),
    path("perkara/<int:pk>/pin/", staff.perkara_pin, name="perkara_pin"),
    path("perkara/<int:pk>/pihak/", staff.pihak_add, name="pihak_add"),
    path("perkara/<int:pk>/dokumen/", staff.dokumen_add, name="dokumen_add"),
    path("perkara/<int:pk>/dokumen/<int:doc_pk>/", staff.dokumen_download, name="dokumen_download"),
    path("perkara/<int:pk>/arsip/", holds.link_arsip, name="link_arsip"),
    path("perkara/<int:pk>/limpahkan/", transfer.perkara_transfer, name="perkara_transfer"),
    path("ambil-alih/", transfer.perkara_takeover, name="perkara_takeover"),
    path("pemilihan/", pemilihan.pemilihan_list, name="pemilihan_list"),
    path("pemilihan/<int:pk>/", pemilihan.pemilihan_list, name="pemilihan_edit"),
    path("aduan/", aduan_staff.aduan_list, name="aduan_list"),
    path("aduan/<int:pk>/", aduan_staff.aduan_detail, name="aduan_detail"),
    path(
        "aduan/<int:pk>/lampiran/<int:file_pk>/",
        aduan_staff.lampiran_download,
        name="lampiran_download",
    ),
]

from django.urls import path

from . import views

app_name = "abk_anjab"

urlpatterns = [
    path("", views.index, name="index"),
    path("jabatan/baru/", views.jabatan_form, name="jabatan_add"),
    path("jabatan/<int:pk>/", views.jabatan_detail, name="jabatan"),
    path("jabatan/<int:pk>/ubah/", views.jabatan_form, name="jabatan_edit"),
    path("jabatan/<int:pk>/analisis-baru/", views.anjab_create, name="anjab_create"),
    path("analisis/<int:pk>/", views.anjab_detail, name="anjab"),
    path("analisis/<int:pk>/isi/", views.anjab_edit, name="anjab_edit"),
    path("analisis/<int:pk>/draf/", views.anjab_draft, name="anjab_draft"),
    path("analisis/<int:pk>/draf/buang/", views.anjab_draft_discard, name="anjab_draft_discard"),
    path("analisis/<int:pk>/hitung/", views.anjab_preview, name="anjab_preview"),
    path("analisis/<int:pk>/pdf/", views.anjab_pdf, name="anjab_pdf"),
    path("analisis/<int:pk>/bandingkan/", views.anjab_compare, name="anjab_compare"),
    path("analisis/<int:pk>/ajukan/", views.anjab_submit, name="anjab_submit"),
    path("analisis/<int:pk>/verifikasi/", views.anjab_verify, name="anjab_verify"),
    path("analisis/<int:pk>/setujui/", views.anjab_approve, name="anjab_approve"),
    path("analisis/<int:pk>/kembalikan/", views.anjab_return, name="anjab_return"),
    path("analisis/<int:pk>/arsipkan/", views.anjab_file, name="anjab_file"),
    path("rekap/", views.rekap, name="rekap"),
    path("rekap/pdf/", views.rekap_pdf, name="rekap_pdf"),
    path("rekap/xlsx/", views.rekap_xlsx, name="rekap_xlsx"),
]

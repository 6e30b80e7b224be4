"""Admin for E-Arsip. Reference data (codes, JRA, classes, matrix) is the installation's
shared rules: shown to holders of the view permission, changed only by the installation
manager, each change audited in every office (``sisp.shared_rules``). Record admins start
from ``visible_to`` like every other page, so the admin shows no more than the staff pages do
(a superuser without an office sees no records)."""

from django import forms
from django.contrib import admin, messages
from django.db import transaction

from sisp.admin import OfficeScopedAdmin, ReadOnlyAdminMixin
from sisp.roles import is_installation_manager
from sisp.shared_rules import SharedRuleAdmin

from . import holds, jra, search, services
from .forms import revision_field
from .models import (
    AksesMatrix,
    BatasKlasifikasi,
    BeritaAcaraPemusnahan,
    Berkas,
    BerkasDigital,
    HakAkses,
    KelasKeamanan,
    KlasifikasiArsip,
    LegalHold,
    Naskah,
    PejabatKelas,
    Peminjaman,
    PermohonanAkses,
    PerubahanKelas,
    RetensiArsip,
    UsulanPemusnahan,
)


@admin.register(KlasifikasiArsip)
class KlasifikasiArsipAdmin(SharedRuleAdmin):
    list_display = ["kode", "nama", "jenis", "parent", "is_active"]
    list_filter = ["jenis", "is_active"]
    search_fields = ["kode", "nama"]
    raw_id_fields = ["parent"]

    def rule_changed(self, request, obj, action, changes):
        # A code's number and name are indexed with every record filed under it: a renamed
        # code is re-indexed in the background (it may hold many records).
        if action == "rules.change" and {"kode", "nama"} & set(changes):
            from .tasks import reindex_klasifikasi

            transaction.on_commit(lambda: reindex_klasifikasi.enqueue(obj.pk))
        return None


@admin.register(RetensiArsip)
class RetensiArsipAdmin(SharedRuleAdmin):
    list_display = ["klasifikasi", "aktif_tahun", "inaktif_tahun", "nasib_akhir", "status"]
    list_filter = ["terverifikasi", "nasib_akhir"]
    search_fields = ["klasifikasi__kode", "klasifikasi__nama"]
    raw_id_fields = ["klasifikasi"]
    readonly_fields = ["terverifikasi", "diverifikasi_oleh", "diverifikasi_pada"]
    actions = ["verify"]

    @admin.display(description="status")
    def status(self, obj):
        return obj.status_label

    @admin.action(description="Tandai terverifikasi", permissions=["verify"])
    def verify(self, request, queryset):
        n = jra.verify_jra(queryset, by=request.user, request=request)
        messages.success(request, f"{n} baris JRA ditandai terverifikasi.")

    def has_verify_permission(self, request):
        # Verifying the installation's JRA is a change of a shared rule.
        return is_installation_manager(request.user)

    def save_model(self, request, obj, form, change):
        # Edited figures must be confirmed again.
        if change and form.changed_data:
            obj.terverifikasi = False
            obj.diverifikasi_oleh = None
            obj.diverifikasi_pada = None
        super().save_model(request, obj, form, change)

    def rule_changed(self, request, obj, action, changes):
        from .retention import files_under, moved_detail, refresh_retensi

        moved = refresh_retensi(obj.klasifikasi)
        if "nasib_akhir" in changes:
            # Same dates, another list (e.g. permanen -> musnah): every open file of the code.
            moved = files_under(obj.klasifikasi)
        return moved_detail(moved)


@admin.register(KelasKeamanan)
class KelasKeamananAdmin(SharedRuleAdmin):
    list_display = ["kode", "nama", "tingkat", "wajib_tujuan"]


@admin.register(AksesMatrix)
class AksesMatrixAdmin(SharedRuleAdmin):
    list_display = ["role", "kelas", "lingkup"]
    list_filter = ["role", "kelas"]


@admin.register(BatasKlasifikasi)
class BatasKlasifikasiAdmin(SharedRuleAdmin):
    list_display = ["role", "kelas_tertinggi"]


@admin.register(PejabatKelas)
class PejabatKelasAdmin(SharedRuleAdmin):
    list_display = ["kelas", "tindakan", "role", "lingkup", "kecuali_pendaftar"]
    list_filter = ["kelas", "tindakan", "role"]


class VisibleOnlyAdmin(admin.ModelAdmin):
    """Records and what hangs off them: only what ``visible_to`` lets the user see, and
    foreign keys that can only point inside the user's office and sight (a typed raw id is
    validated against these querysets too)."""

    def visible_naskah(self, request):
        return Naskah.objects.visible_to(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        from sisp.models import Unit

        if db_field.name == "berkas":
            kwargs["queryset"] = Berkas.objects.wholly_visible_to(request.user)
        elif db_field.name == "naskah":
            kwargs["queryset"] = self.visible_naskah(request)
        elif db_field.name == "unit":
            kwargs["queryset"] = Unit.objects.filter(office_id=request.user.office_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class NaskahAdminForm(forms.ModelForm):
    """The admin's change form carries the revision it showed, like the staff page's: a save
    from a form opened before someone else's save is refused (the typed values stay)."""

    revisi_dilihat = revision_field()

    class Meta:
        model = Naskah
        fields = "__all__"  # noqa: DJ007 - the ModelAdmin picks the fields, as without a form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revisi_dilihat"].initial = self.instance.revisi

    def clean(self):
        data = super().clean()
        seen = data.get("revisi_dilihat")
        if self.instance.pk and seen is not None:
            # The admin's change view runs in one transaction: the row stays locked (on
            # Postgres) until save_model has written the next revision.
            current = (
                Naskah.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("revisi", flat=True)
                .first()
            )
            if current != seen:
                raise forms.ValidationError(services.STALE_MESSAGE, code="stale")
        kelas = data.get("kelas")  # only in the form for the installation manager
        if self.instance.pk and kelas is not None:
            stored = (
                Naskah.objects.filter(pk=self.instance.pk)
                .values_list("kelas__tingkat", flat=True)
                .first()
            )
            if stored is not None and kelas.tingkat < stored:
                try:
                    holds.assert_not_held(self.instance, action=holds.LOWER_CLASS)
                except forms.ValidationError as exc:
                    self.add_error("kelas", exc)
        return data


@admin.register(Naskah)
class NaskahAdmin(VisibleOnlyAdmin):
    form = NaskahAdminForm
    # The stored item number may reveal hidden items of the file; the service numbers items.
    exclude = ["nomor_item"]
    list_display = ["perihal", "nomor_surat", "tanggal", "klasifikasi", "kelas", "unit"]
    list_filter = ["kelas", "status_retensi"]
    search_fields = ["perihal", "nomor_surat"]
    raw_id_fields = ["berkas", "klasifikasi", "unit", "created_by"]
    readonly_fields = ["office", "created_by", "created_at", "updated_at"]

    def get_queryset(self, request):
        return self.visible_naskah(request).select_related("klasifikasi", "kelas", "unit")

    def get_readonly_fields(self, request, obj=None):
        # Re-classing or moving a record to another unit changes who may read it: only on
        # the staff page, which limits both to what the user reads through the matrix. A
        # class change also needs the classification authority and goes into the record's
        # history of classes (services.update_naskah), so it is read-only here for everyone.
        fields = [*super().get_readonly_fields(request, obj), "kelas"]
        if not request.user.is_superuser:
            fields += ["unit"]
        return fields

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or request.user.is_superuser:
            return True
        # A record seen through a grant is shown read-only.
        return Naskah.objects.editable_by(request.user).filter(pk=obj.pk).exists()

    def save_model(self, request, obj, form, change):
        if change:
            obj.revisi = form.cleaned_data["revisi_dilihat"] + 1
        super().save_model(request, obj, form, change)
        # Like the staff page's save: the index follows the record at once (a word removed
        # from the subject is no longer found). The whole file, as a re-class changes which
        # of its records get the file's description.
        search.index_berkas(obj.berkas_id)

    def has_add_permission(self, request):
        return False  # registration goes through the staff page (numbering, audit, index)

    def has_delete_permission(self, request, obj=None):
        return False  # records are destroyed only by an approved disposal


@admin.register(Berkas)
class BerkasAdmin(VisibleOnlyAdmin):
    list_display = [
        "nomor_berkas",
        "uraian",
        "klasifikasi",
        "unit",
        "tanggal_tutup",
        "status_retensi",
    ]
    search_fields = ["nomor_berkas", "uraian"]
    raw_id_fields = ["klasifikasi", "unit", "created_by"]
    readonly_fields = ["office", "created_by", "created_at"]

    def get_queryset(self, request):
        return Berkas.objects.visible_to(request.user).select_related("klasifikasi", "unit")

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or request.user.is_superuser:
            return True
        # A file holding a record the user cannot see is shown read-only.
        return Berkas.objects.wholly_visible_to(request.user).filter(pk=obj.pk).exists()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The file's number and description are indexed with each of its records.
        search.index_berkas(obj.pk)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecordPartAdmin(ReadOnlyAdminMixin, VisibleOnlyAdmin):
    """Rows that hang off a record and are written by its services only: read-only, and only
    those of records the user may see."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(naskah__in=self.visible_naskah(request))


@admin.register(BerkasDigital)
class BerkasDigitalAdmin(RecordPartAdmin):
    """Versions are added by the record's services (index, audit)."""

    list_display = ["nama_asli", "naskah", "versi", "ukuran", "status_ekstraksi"]


@admin.register(HakAkses)
class HakAksesAdmin(RecordPartAdmin):
    """Grants go through the record page (approver, audit)."""

    list_display = ["naskah", "user", "unit", "berlaku_sampai", "disetujui_oleh", "dicabut_pada"]


@admin.register(PerubahanKelas)
class PerubahanKelasAdmin(RecordPartAdmin):
    """Written by the record's services only."""

    list_display = ["naskah", "dari", "ke", "oleh", "created_at"]


@admin.register(PermohonanAkses)
class PermohonanAksesAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["pemohon", "uraian", "status", "created_at", "diputus_oleh"]
    list_filter = ["status"]
    # Not the record a request was routed to: the requester must not learn it exists.
    exclude = ["naskah"]
    readonly_fields = [f.name for f in PermohonanAkses._meta.fields if f.name != "naskah"]

    def get_queryset(self, request):
        # The door of the staff page (arsip.views.permohonan): one's own requests, and the
        # office's requests for those who decide them.
        user = request.user
        qs = super().get_queryset(request).filter(office_id=user.office_id)
        if user.has_perm("arsip.decide_permohonan"):
            return qs
        return qs.filter(pemohon_id=user.pk)


class ReadOnlyOfficeAdmin(ReadOnlyAdminMixin, OfficeScopedAdmin):
    """Written only through the staff pages (which audit); shown read-only, own office, and
    not to the installation manager without an office."""

    manager_sees_all = False


@admin.register(UsulanPemusnahan)
class UsulanPemusnahanAdmin(ReadOnlyOfficeAdmin):
    list_display = ["judul", "status", "diajukan_oleh", "created_at", "diputus_oleh"]


@admin.register(BeritaAcaraPemusnahan)
class BeritaAcaraPemusnahanAdmin(ReadOnlyOfficeAdmin):
    office_field = "usulan__office"
    list_display = ["nomor", "tanggal", "penandatangan"]


@admin.register(LegalHold)
class LegalHoldAdmin(ReadOnlyOfficeAdmin):
    """Holds are placed, linked and released on the staff pages (arsip/holds.py)."""

    list_display = ["naskah", "perkara", "created_at", "dibuat_oleh", "dicabut_pada"]

    def get_queryset(self, request):
        return LegalHold.objects.visible_to(request.user).select_related("naskah__berkas")


@admin.register(Peminjaman)
class PeminjamanAdmin(ReadOnlyOfficeAdmin):
    list_display = ["naskah", "peminjam", "tanggal_pinjam", "jatuh_tempo", "tanggal_kembali"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).filter(naskah__in=Naskah.objects.visible_to(request.user))
        )

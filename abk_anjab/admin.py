"""Admin: jobs are editable per office; analyses are read-only here, because their changes
must go through the workflow and its audit trail (the browser form and services.py)."""

from django.contrib import admin

from sisp import roles
from sisp.admin import OfficeScopedAdmin, ReadOnlyAdminMixin

from .models import Anjab, Jabatan, KodeSyarat, NomenklaturJabatan, TugasPokok


@admin.register(Jabatan)
class JabatanAdmin(OfficeScopedAdmin):
    list_display = ["nama", "unit", "jenis", "kelas_jabatan", "bezetting", "is_active"]
    list_filter = ["jenis", "is_active"]
    search_fields = ["nama", "kode"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        office_id = self._own_office(request)
        if office_id is not None and db_field.name == "atasan":
            kwargs["queryset"] = Jabatan.objects.filter(office_id=office_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class TugasPokokInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = TugasPokok
    fields = ["uraian", "volume", "periode", "waktu", "satuan_waktu", "kebutuhan"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Anjab)
class AnjabAdmin(ReadOnlyAdminMixin, OfficeScopedAdmin):
    list_display = ["jabatan", "tahun", "status", "kebutuhan_mentah", "kebutuhan", "selisih"]
    list_filter = ["tahun", "status"]
    list_select_related = ["jabatan"]
    inlines = [TugasPokokInline]

    def get_queryset(self, request):
        # The app's door, so a hidden analysis answers like a missing one here too.
        return Anjab.objects.visible_to(request.user)


@admin.register(KodeSyarat)
class KodeSyaratAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The national code lists (seeded by migration)."""

    list_display = ["jenis", "kode", "nama", "uraian"]
    list_filter = ["jenis"]


@admin.register(NomenklaturJabatan)
class NomenklaturJabatanAdmin(admin.ModelAdmin):
    """Installation data shared by every office: changed by the installation manager only."""

    list_display = ["nama", "klasifikasi", "kelas_jabatan", "dasar", "terkonfirmasi", "is_active"]
    list_filter = ["klasifikasi", "terkonfirmasi", "is_active"]
    search_fields = ["nama"]

    def has_add_permission(self, request):
        return roles.is_installation_manager(request.user)

    def has_change_permission(self, request, obj=None):
        return roles.is_installation_manager(request.user)

    def has_delete_permission(self, request, obj=None):
        return roles.is_installation_manager(request.user)

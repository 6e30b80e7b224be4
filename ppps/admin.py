"""Admin for Info PPPS reference data: elections (per office), stages and their limits,
holidays and status words. Cases are handled on the staff pages only, never here: the admin
has no ``visible_to`` door and the Administrator role sees no case."""

from django.contrib import admin, messages

from sisp.admin import OfficeScopedAdmin

from . import services
from .models import HariLibur, Pemilihan, StatusPerkara, Tahapan


class RecomputesDeadlines:
    """A changed limit or holiday moves the stored deadlines of open cases."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = services.recompute_deadlines()
        if changed:
            messages.info(request, f"Batas waktu {changed} perkara dihitung ulang.")

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.recompute_deadlines()


@admin.register(Pemilihan)
class PemilihanAdmin(OfficeScopedAdmin):
    list_display = ["name", "regime", "code", "year", "office", "is_active"]
    list_filter = ["regime", "year", "is_active"]
    search_fields = ["name", "code"]


@admin.register(Tahapan)
class TahapanAdmin(RecomputesDeadlines, admin.ModelAdmin):
    list_display = [
        "name",
        "regime",
        "jenis",
        "order",
        "days",
        "day_type",
        "counted_from",
        "extension_days",
        "is_public",
        "is_unconfirmed",
    ]
    list_filter = ["regime", "jenis", "is_unconfirmed", "is_public"]
    list_editable = ["days", "day_type", "extension_days", "is_public"]
    search_fields = ["name", "code", "legal_basis"]

    def has_delete_permission(self, request, obj=None):
        return False  # stages are referenced by history; deactivate instead


@admin.register(HariLibur)
class HariLiburAdmin(RecomputesDeadlines, admin.ModelAdmin):
    list_display = ["date", "name", "kind"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name"]


@admin.register(StatusPerkara)
class StatusPerkaraAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order", "is_final", "is_active"]
    list_editable = ["order", "is_final", "is_active"]
    list_filter = ["is_final", "is_active"]

    def has_delete_permission(self, request, obj=None):
        return False

"""Admin for Info PPPS reference data. Elections and public reason texts are the office's own (scoped to it); stages
and their limits, holidays and status words are the installation's shared rules: office roles
see them, only the installation manager changes them, each change audited in every office
(``sisp.shared_rules``). Cases are handled on the staff pages only, never here: the admin has
no ``visible_to`` door and the Administrator role sees no case."""

from django.contrib import admin, messages

from sisp.admin import OfficeScopedAdmin
from sisp.shared_rules import SharedRuleAdmin

from . import services
from .models import AlasanPublik, HariLibur, Pemilihan, StatusPerkara, Tahapan

VERBS = {"rules.add": "ditambahkan", "rules.change": "diubah", "rules.delete": "dihapus"}


class RecomputesDeadlines:
    """A changed limit or holiday moves the stored deadlines of open cases: each moved case
    gets a history event and an audit entry in its office (``services.recompute_deadlines``),
    and each office's entry of the rule change lists its cases that moved."""

    def rule_changed(self, request, obj, action, changes):
        reason = f"perubahan aturan bersama: {obj._meta.verbose_name} {obj} {VERBS[action]}"
        moved = services.recompute_deadlines(actor=request.user, request=request, reason=reason)
        changed = sum(len(ids) for ids in moved.values())
        if changed:
            messages.info(request, f"Batas waktu {changed} perkara dihitung ulang.")
        return {office_id: {"perkara_berubah": ids} for office_id, ids in moved.items()}


@admin.register(Pemilihan)
class PemilihanAdmin(OfficeScopedAdmin):
    list_display = ["name", "regime", "code", "year", "office", "is_active"]
    list_filter = ["regime", "year", "is_active"]
    search_fields = ["name", "code"]


@admin.register(Tahapan)
class TahapanAdmin(RecomputesDeadlines, SharedRuleAdmin):
    list_display = [
        "name",
        "regime",
        "jenis",
        "jalur",
        "order",
        "days",
        "day_type",
        "counted_from",
        "extension_days",
        "is_public",
        "is_unconfirmed",
    ]
    list_filter = ["regime", "jenis", "jalur", "is_unconfirmed", "is_public"]
    list_editable = ["days", "day_type", "extension_days", "is_public"]
    search_fields = ["name", "code", "legal_basis"]

    def has_delete_permission(self, request, obj=None):
        return False  # stages are referenced by history; deactivate instead


@admin.register(HariLibur)
class HariLiburAdmin(RecomputesDeadlines, SharedRuleAdmin):
    list_display = ["date", "name", "kind"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name"]


@admin.register(StatusPerkara)
class StatusPerkaraAdmin(RecomputesDeadlines, SharedRuleAdmin):
    list_display = ["name", "code", "order", "is_final", "is_active"]
    list_editable = ["order", "is_final", "is_active"]
    list_filter = ["is_final", "is_active"]

    def rule_changed(self, request, obj, action, changes):
        # A status that is no longer final opens its cases again: their deadlines count.
        if "is_final" in changes:
            return super().rule_changed(request, obj, action, changes)
        return None

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AlasanPublik)
class AlasanPublikAdmin(OfficeScopedAdmin):
    """An office's public reason texts: its Administrator sees and edits only its own office's
    (``AlasanPublik.objects.editable_by``); each change is audited in that office. A text
    already published by a case cannot be deleted (the history keeps it): deactivate it."""

    list_display = ["text", "order", "is_active", "office"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["text"]
    fields = ["office", "text", "order", "is_active"]

    def get_queryset(self, request):
        if request.user.is_superuser and not request.user.office_id:
            return super().get_queryset(request)
        return AlasanPublik.objects.visible_to(request.user)

    def get_changeform_initial_data(self, request):
        return {"office": request.user.office_id, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        office_id = self._own_office(request)
        if office_id is not None:
            obj.office_id = office_id  # never another office's, whatever was posted
        services.save_alasan_publik(
            obj, user=request.user, changed=form.changed_data, created=not change, request=request
        )

    def delete_model(self, request, obj):
        services.delete_alasan_publik(obj, user=request.user, request=request)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

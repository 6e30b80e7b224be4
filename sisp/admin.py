"""Django admin for Administrators. Every list is limited to the Administrator's own office
(superusers without an office see all); the audit trail is read-only here too."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import AuditEvent, Link, LinkCategory, Office, Pengumuman, Unit, User


class OfficeScopedAdmin(admin.ModelAdmin):
    office_field = "office"

    def _own_office(self, request):
        user = request.user
        return None if user.is_superuser and not user.office_id else user.office_id

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        office_id = self._own_office(request)
        if office_id is None and request.user.is_superuser:
            return qs
        return qs.filter(**{f"{self.office_field}_id": office_id})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        office_id = self._own_office(request)
        if office_id is not None:
            if db_field.name == "office":
                kwargs["queryset"] = Office.objects.filter(pk=office_id)
            elif db_field.name in ("unit", "category", "parent") and hasattr(
                db_field.related_model, "office"
            ):
                kwargs["queryset"] = db_field.related_model.objects.filter(office_id=office_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "code", "parent", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(pk=request.user.office_id)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Unit)
class UnitAdmin(OfficeScopedAdmin):
    list_display = ["name", "kind", "office", "parent", "order"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(OfficeScopedAdmin, BaseUserAdmin):
    list_display = ["username", "get_full_name", "office", "unit", "jabatan", "is_active"]
    list_filter = ["is_active", "groups"]
    search_fields = ["username", "first_name", "last_name", "nip", "email"]
    fieldsets = BaseUserAdmin.fieldsets + (
        ("Kepegawaian", {"fields": ("office", "unit", "jabatan", "nip")}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        ("Kepegawaian", {"fields": ("office", "unit", "jabatan", "nip", "groups")}),
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # Administrators manage roles (groups), never superuser status or raw permissions.
        cleaned = []
        for name, opts in fieldsets:
            fields = [f for f in opts["fields"] if f not in ("is_superuser", "user_permissions")]
            cleaned.append((name, {**opts, "fields": fields}))
        return cleaned


@admin.register(LinkCategory)
class LinkCategoryAdmin(OfficeScopedAdmin):
    list_display = ["name", "office", "order"]


@admin.register(Link)
class LinkAdmin(OfficeScopedAdmin):
    list_display = ["title", "category", "office", "is_active", "is_down", "last_checked_at"]
    list_filter = ["is_active", "is_down"]
    search_fields = ["title", "url"]
    filter_horizontal = ["roles"]


@admin.register(Pengumuman)
class PengumumanAdmin(OfficeScopedAdmin):
    list_display = ["text", "office", "level", "starts_on", "ends_on"]


@admin.register(AuditEvent)
class AuditEventAdmin(OfficeScopedAdmin):
    list_display = ["created_at", "actor_username", "action", "object_repr", "ip_address"]
    list_filter = ["action"]
    search_fields = ["actor_username", "object_repr", "action"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _unregister_second_factor_devices():
    """Second-factor devices are not edited in the admin: enrolment is the user's own (the
    enrolment page), and removing one is the reset with a second person (``reset_2fa``)."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (TOTPDevice, StaticDevice):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


_unregister_second_factor_devices()
